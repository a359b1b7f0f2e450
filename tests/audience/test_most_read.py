"""The home page's "Most read": the last 24 hours in the edition, 7 days while quiet, the old
site's totals when nothing was read in a week; and what counts reads on the article page."""

import datetime

import pytest
import time_machine
from django.utils import translation

from audience import counting
from audience.reader import read_counter
from audience.selectors import article_reads, most_read
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 20, 12, 0, tzinfo=datetime.UTC)
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


def read(article, readers: int, *, at=NOW, first=0):
    with time_machine.travel(at, tick=False):
        for n in range(first, first + readers):
            counting.record_read(article.pk, address=f"10.1.{n // 256}.{n % 256}", user_agent=BROWSER)
        counting.roll_up()


def story(title, language="en", **kwargs):
    return ArticleFactory(title=title, language=language, published_at=NOW - datetime.timedelta(days=30), **kwargs)


def home_most_read(client, edition="en") -> list[str]:
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/{edition}/").content.decode()
    if "most-read-list" not in page:
        return []
    block = page.split('class="most-read-list"')[1].split("</ol>")[0]
    return [part.split("</a>")[0].split(">")[-1] for part in block.split("<li>")[1:]]


def test_most_read_orders_the_last_24_hours_of_the_edition(client):
    quiet, busy, middling = story("Quiet story"), story("Busy story"), story("Middling story")
    others = [story(f"Story {n}") for n in range(3)]
    pashto = story("پښتو کیسه", language="ps")
    read(busy, 9)
    read(middling, 5)
    read(quiet, 1)
    for other in others:
        read(other, 2)
    read(pashto, 20)  # the most read story of another edition
    # Reads older than 24 hours do not count while the last day has enough stories.
    read(quiet, 50, at=NOW - datetime.timedelta(hours=30), first=1000)
    assert home_most_read(client) == ["Busy story", "Middling story", "Story 2", "Story 1", "Story 0"]
    assert home_most_read(client, "ps") == ["پښتو کیسه"]


def test_while_the_site_is_quiet_most_read_covers_7_days(client):
    week_old, yesterday, today = story("Five days ago"), story("Yesterday"), story("Today")
    read(week_old, 8, at=NOW - datetime.timedelta(days=5))
    read(yesterday, 4, at=NOW - datetime.timedelta(hours=30))
    read(today, 2)
    story("Never read")
    # Fewer than five stories read in the last day: the week's order.
    assert home_most_read(client) == ["Five days ago", "Yesterday", "Today"]


def test_with_no_reads_in_a_week_the_imported_totals_stand_in(client):
    story("Old favourite", view_count=900)
    story("Less read then", view_count=30)
    forgotten = story("Read long ago", view_count=10)
    read(forgotten, 40, at=NOW - datetime.timedelta(days=9))
    assert home_most_read(client) == ["Old favourite", "Less read then", "Read long ago"]


def test_a_story_no_longer_live_leaves_most_read(client):
    gone, stays = story("Unpublished since"), story("Still live")
    read(gone, 10)
    read(stays, 1)
    gone.status = "draft"
    gone.save()
    assert home_most_read(client) == ["Still live"]


def test_most_read_is_one_query_on_a_site_with_readers(django_assert_num_queries):
    stories = [story(f"Story {n}") for n in range(6)]
    for n, article in enumerate(stories):
        read(article, n + 1)
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(1):
        titles = [article.title for article in most_read("en", limit=5, now=NOW)]
    assert titles == ["Story 5", "Story 4", "Story 3", "Story 2", "Story 1"]


def test_the_article_page_counts_with_a_beacon_script_and_a_pixel_without_javascript(client):
    article = story("A story")
    page = client.get(article.get_absolute_url()).content.decode()
    url = f"/reads/{article.pk}"
    assert f'data-read-url="{url}"' in page and "audience/reads.js" in page
    assert f'<noscript><img src="{url}" alt="" width="1" height="1" class="read-pixel" hidden></noscript>' in page
    # A page without any script (the lite edition) takes the pixel alone.
    assert str(read_counter(article, script=False)).startswith(f'<img src="{url}"')


def test_the_lite_article_counts_with_the_pixel_alone_and_its_request_is_a_read(client):
    article = story("A story")
    lite_page = client.get(f"/en/lite/{article.section.slug}/{article.pk}-{article.slug}/").content.decode()
    url = f"/reads/{article.pk}"
    assert "<script" not in lite_page and f'<img src="{url}" alt="" width="1" height="1"' in lite_page
    assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 204
    counting.roll_up()
    assert article_reads(article).counted == 1


def test_a_preview_counts_nothing(client, editor):
    draft = ArticleFactory(draft=True)
    client.force_login(editor)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "/reads/" not in page and "reads.js" not in page


def test_with_counting_off_no_page_sends_a_beacon_and_a_beacon_counts_nothing(client, settings):
    settings.AUDIENCE_COUNTING = False
    article = story("A story")
    assert "/reads/" not in client.get(article.get_absolute_url()).content.decode()
    assert not counting.record_read(article.pk, address="10.0.0.1", user_agent=BROWSER)


def test_most_read_follows_the_edition_being_drawn():
    english, dari = story("English"), story("دری", language="fa-af")
    read(english, 3)
    read(dari, 3)
    from audience.reader import most_read as most_read_global

    with time_machine.travel(NOW, tick=False), translation.override("fa-af"):
        assert [a.title for a in most_read_global()] == ["دری"]


def test_reads_do_not_empty_the_page_cache_the_home_page_shows_them_when_its_lifetime_ends(client, settings):
    from pagecache import conf
    from pagecache.version import content_version

    settings.PAGECACHE_ENABLED = True
    first, second = story("First story"), story("Second story")
    read(first, 2)
    version = content_version().counter
    assert home_most_read(client) == ["First story"]
    read(second, 5)  # more readers now: counted, rolled up
    assert content_version().counter == version  # no page was thrown away for it
    assert home_most_read(client) == ["First story"]  # the stored page, until it ends
    with time_machine.travel(NOW + datetime.timedelta(seconds=conf.get("PAGECACHE_TIMEOUT") + 1), tick=False):
        page = client.get("/en/").content.decode()
    assert page.index("Second story") < page.index("First story")
