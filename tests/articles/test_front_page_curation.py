"""The front page, curated: pinned stories (lead first, in the editors' order, each until a time),
a story pinned at the top of a section, and a breaking-news banner per edition. Readers see
only what ``Article.objects.published()`` lets through, and the page cache keeps up."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import curation, services
from articles.models import Banner, Pin, Place
from pagecache.middleware import page_lifetime
from pagecache.version import content_version
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 6, 0, tzinfo=datetime.UTC)  # 07:00 Oslo, 10:30 Kabul


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def stories(n, *, language="en", section=None, **kwargs):
    """``n`` live stories, "Story 0" the newest, an hour apart."""
    section = section or SectionFactory(slug="news")
    return [
        ArticleFactory(title=f"Story {i}", language=language, section=section,
                       published_at=timezone.now() - datetime.timedelta(hours=i + 1), **kwargs)
        for i in range(n)
    ]


def home(client, edition="en") -> str:
    response = client.get(f"/{edition}/")
    assert response.status_code == 200
    return response.content.decode()


def lead_of(page: str) -> str:
    return page.split('class="lead-story"', 1)[1].split("</article>", 1)[0]


def secondary_of(page: str) -> str:
    return page.split('class="secondary-stories"', 1)[1].split('class="latest"', 1)[0]


def latest_of(page: str) -> str:
    return page.split('class="latest"', 1)[1].split("</section>", 1)[0]


def titles_in(html: str, candidates) -> list[str]:
    """The candidates' titles in the order ``html`` shows them."""
    found = [(html.find(f">{title}<"), title) for title in candidates if f">{title}<" in html]
    return [title for _at, title in sorted(found)]


# ---------- the front page's order ----------


def test_with_nothing_pinned_the_front_page_is_newest_first(client, frozen):
    articles = stories(10)
    page = home(client)
    assert "Story 0" in lead_of(page)
    assert titles_in(secondary_of(page), [a.title for a in articles]) == ["Story 1", "Story 2"]
    assert titles_in(latest_of(page), [a.title for a in articles]) == ["Story 3", "Story 4", "Story 5", "Story 6"]


def test_pinned_stories_lead_in_the_editors_order_and_the_newest_follow(client, frozen, editor):
    articles = stories(12)
    for story in (articles[9], articles[4], articles[11]):
        curation.pin_to_front_page(article=story, by=editor)
    page = home(client)
    titles = [a.title for a in articles]
    assert "Story 9" in lead_of(page)
    assert titles_in(secondary_of(page), titles) == ["Story 4", "Story 11"]
    # The latest are the newest of the others: the pinned ones are not repeated.
    assert titles_in(latest_of(page), titles) == ["Story 0", "Story 1", "Story 2", "Story 3"]
    assert page.count(">Story 9<") == 1


def test_one_pinned_story_leads_and_the_newest_fill_the_rest(client, frozen, editor):
    articles = stories(10)
    curation.pin_to_front_page(article=articles[7], by=editor)
    page = home(client)
    assert "Story 7" in lead_of(page)
    assert titles_in(secondary_of(page), [a.title for a in articles]) == ["Story 0", "Story 1"]


@pytest.mark.parametrize("pins", [0, 1, 2, 5])
def test_pins_push_no_newer_story_off_the_front_page(client, frozen, editor, pins):
    # Every story down to the oldest one the page shows is on it somewhere: at the top, in
    # the latest, or in its section's block (one section here, blocks of four).
    articles = stories(20)
    for story in articles[-pins:] if pins else []:
        curation.pin_to_front_page(article=story, by=editor)
    page = home(client)
    shown = titles_in(page, [a.title for a in articles])
    unpinned = [a.title for a in articles if a not in (articles[-pins:] if pins else [])]
    oldest_shown = max(unpinned.index(title) for title in shown if title in unpinned)
    assert [title for title in unpinned[: oldest_shown + 1] if title not in shown] == []


def test_reordering_makes_another_story_the_lead(client, frozen, editor):
    articles = stories(8)
    first = curation.pin_to_front_page(article=articles[5], by=editor)
    second = curation.pin_to_front_page(article=articles[6], by=editor)
    curation.reorder_front_page(language="en", pin_ids=[second.pk, first.pk], by=editor)
    assert "Story 6" in lead_of(home(client))
    curation.move_pin(pin=Pin.objects.get(pk=second.pk), by=editor, step=1)
    assert "Story 5" in lead_of(home(client))


def test_a_pin_falls_back_into_the_newest_first_flow_after_its_until_time(client, editor):
    with time_machine.travel(NOW, tick=False):
        articles = stories(8)
        curation.pin_to_front_page(article=articles[6], by=editor, until=NOW + datetime.timedelta(hours=2))
        assert "Story 6" in lead_of(home(client))
    with time_machine.travel(NOW + datetime.timedelta(hours=2, seconds=1), tick=False):
        page = home(client)
        assert "Story 0" in lead_of(page)
        assert "Story 6" not in lead_of(page) and "Story 6" not in secondary_of(page)


def test_an_unpublished_pinned_story_leaves_the_front_page_at_once(client, frozen, editor):
    articles = stories(6)
    curation.pin_to_front_page(article=articles[3], by=editor)
    assert "Story 3" in lead_of(home(client))
    services.article_unpublish(article=articles[3], by=editor)
    page = home(client)
    assert ">Story 3<" not in page
    assert "Story 0" in lead_of(page)


def test_a_scheduled_pinned_story_appears_at_its_time(client, editor):
    with time_machine.travel(NOW, tick=False):
        stories(6)
        at_nine = NOW + datetime.timedelta(hours=3)
        scheduled = ArticleFactory(title="The ceasefire holds", published_at=at_nine)
        curation.pin_to_front_page(article=scheduled, by=editor)
        assert "The ceasefire holds" not in home(client)
    with time_machine.travel(at_nine + datetime.timedelta(seconds=1), tick=False):
        assert "The ceasefire holds" in lead_of(home(client))


def test_pins_are_per_edition(client, frozen, editor):
    stories(4)
    pashto = stories(4, language="ps", section=SectionFactory(slug="news"))
    curation.pin_to_front_page(article=pashto[3], by=editor)
    assert "Story 3" in lead_of(home(client, "ps"))
    assert "Story 0" in lead_of(home(client, "en"))


def test_pins_cost_the_front_page_no_query(client, frozen, editor):
    articles = stories(12)

    def count():
        client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/")
        return len(queries)

    without = count()
    for story in articles[5:10]:
        curation.pin_to_front_page(article=story, by=editor)
    assert count() == without


def test_a_draft_cannot_be_pinned_and_the_front_page_takes_five_at_most(frozen, editor):
    with pytest.raises(ValidationError):
        curation.pin_to_front_page(article=ArticleFactory(draft=True), by=editor)
    for story in stories(6)[:5]:
        curation.pin_to_front_page(article=story, by=editor)
    with pytest.raises(ValidationError, match="already has 5"):
        curation.pin_to_front_page(article=ArticleFactory(), by=editor)
    with pytest.raises(ValidationError, match="still to come"):
        curation.pin_to_front_page(article=ArticleFactory(), by=editor, until=NOW - datetime.timedelta(minutes=1))


# ---------- section fronts ----------


def section_page(client, slug="news", page=1, edition="en") -> str:
    response = client.get(f"/{edition}/section/{slug}/" + (f"?page={page}" if page > 1 else ""))
    assert response.status_code == 200
    return response.content.decode()


def test_a_story_pinned_at_the_top_of_a_section_leads_its_first_page_only(client, frozen, editor):
    articles = stories(15)
    curation.pin_to_section(article=articles[13], by=editor)
    first = section_page(client)
    pinned = first.split('class="section-pinned"', 1)[1].split("</section>", 1)[0]
    assert ">Story 13<" in pinned
    assert first.count(">Story 13<") == 1
    # Twelve others under it; the second page goes on from the 13th other, without the pinned one.
    listed = first.split("</section>", 1)[1]
    assert titles_in(listed, [a.title for a in articles]) == [f"Story {i}" for i in range(12)]
    second = section_page(client, page=2)
    assert titles_in(second, [a.title for a in articles]) == ["Story 12", "Story 14"]
    assert 'class="section-pinned"' not in second


def test_a_section_pin_replaces_the_one_before_and_ends_at_its_time(client, editor):
    with time_machine.travel(NOW, tick=False):
        articles = stories(5)
        curation.pin_to_section(article=articles[3], by=editor)
        curation.pin_to_section(article=articles[4], by=editor, until=NOW + datetime.timedelta(hours=1))
        assert Pin.objects.filter(place=Place.SECTION).count() == 1
        assert ">Story 4<" in section_page(client).split("</section>", 1)[0]
    with time_machine.travel(NOW + datetime.timedelta(hours=1, seconds=1), tick=False):
        page = section_page(client)
        assert 'class="section-pinned"' not in page
        assert titles_in(page, [a.title for a in articles]) == [f"Story {i}" for i in range(5)]


def test_an_unpublished_section_pin_disappears(client, frozen, editor):
    articles = stories(3)
    curation.pin_to_section(article=articles[2], by=editor)
    services.article_unpublish(article=articles[2], by=editor)
    page = section_page(client)
    assert 'class="section-pinned"' not in page and ">Story 2<" not in page


# ---------- the breaking-news banner ----------


def test_the_banner_shows_on_every_page_of_its_edition_only(client, frozen, editor):
    [english] = stories(1)
    [pashto] = stories(1, language="ps", section=english.section)
    english_url = english.get_absolute_url()
    with translation.override("ps"):
        pashto_url = pashto.get_absolute_url()
    curation.banner_save(language="ps", by=editor, text="زلزله: تازه خبرونه", link=pashto_url,
                         ends_at=NOW + datetime.timedelta(hours=4), switch_on=True)
    for url in ["/ps/", "/ps/section/news/", pashto_url, "/ps/no-such-page/"]:
        page = client.get(url).content.decode()
        assert 'class="breaking-news"' in page and "زلزله: تازه خبرونه" in page, url
    for url in ["/en/", "/en/section/news/", english_url, "/fa-af/"]:
        assert 'class="breaking-news"' not in client.get(url).content.decode(), url


def test_the_banner_goes_at_its_end_time_and_when_switched_off(client, editor):
    with time_machine.travel(NOW, tick=False):
        stories(1)
        curation.banner_save(language="en", by=editor, text="Polls close at 5", link="/en/",
                             ends_at=NOW + datetime.timedelta(hours=1), switch_on=True)
        assert "Polls close at 5" in home(client)
        curation.banner_switch(language="en", by=editor, on=False)
        assert "Polls close at 5" not in home(client)
        curation.banner_switch(language="en", by=editor, on=True)
        assert "Polls close at 5" in home(client)
    with time_machine.travel(NOW + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert "Polls close at 5" not in home(client)
        with pytest.raises(ValidationError, match="end time has passed"):
            curation.banner_switch(language="en", by=editor, on=True)


def test_a_banner_link_must_be_on_this_site_or_a_web_address(frozen, editor):
    for link in ["javascript:alert(1)", "//evil.example/", "data:text/html,x"]:
        with pytest.raises(ValidationError):
            curation.banner_save(language="en", by=editor, text="Line", link=link, switch_on=True)
    assert curation.banner_save(language="en", by=editor, text="Line", link="https://example.org/live").link


# ---------- the page cache ----------


def test_every_curation_change_clears_the_cached_pages(frozen, editor):
    articles = stories(3)
    before = content_version()
    pin = curation.pin_to_front_page(article=articles[2], by=editor)
    assert content_version() != before
    for change in [
        lambda: curation.pin_to_front_page(article=articles[1], by=editor),
        lambda: curation.move_pin(pin=pin, by=editor, step=1),
        lambda: curation.set_pin_until(pin=pin, by=editor, until=NOW + datetime.timedelta(hours=1)),
        lambda: curation.unpin(pin=pin, by=editor),
        lambda: curation.pin_to_section(article=articles[0], by=editor),
        lambda: curation.banner_save(language="ps", by=editor, text="Breaking", switch_on=True),
        lambda: curation.banner_switch(language="ps", by=editor, on=False),
    ]:
        before = content_version()
        change()
        assert content_version() != before


def test_no_page_is_kept_past_a_pins_until_or_a_banners_end(settings, frozen, editor):
    settings.PAGECACHE_TIMEOUT = 300
    articles = stories(2)
    assert page_lifetime(content_version()) == 300
    curation.pin_to_front_page(article=articles[1], by=editor, until=NOW + datetime.timedelta(seconds=90))
    assert page_lifetime(content_version()) == 90
    curation.banner_save(language="ps", by=editor, text="Breaking", ends_at=NOW + datetime.timedelta(seconds=40),
                         switch_on=True)
    assert page_lifetime(content_version()) == 40


def test_a_cached_front_page_changes_when_a_pin_ends(client, settings, editor):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_VERSION_CHECK_SECONDS = 60
    with time_machine.travel(NOW, tick=False):
        articles = stories(5)
        curation.pin_to_front_page(article=articles[4], by=editor, until=NOW + datetime.timedelta(minutes=2))
        assert "Story 4" in lead_of(client.get("/en/").content.decode())
        assert client.get("/en/")["X-Page-Cache"] == "hit"
    with time_machine.travel(NOW + datetime.timedelta(minutes=2, seconds=1), tick=False):
        response = client.get("/en/")
        assert response["X-Page-Cache"] == "miss"
        assert "Story 0" in lead_of(response.content.decode())


# ---------- who may curate, from the admin ----------


def front_pages():
    return reverse("admin:articles_pin_changelist")


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_writers_may_not_curate(client, frozen, writer):
    article = ArticleFactory(created_by=writer)
    for act in [
        lambda: curation.pin_to_front_page(article=article, by=writer),
        lambda: curation.pin_to_section(article=article, by=writer),
        lambda: curation.banner_save(language="en", by=writer, text="Line", switch_on=True),
        lambda: curation.banner_switch(language="en", by=writer, on=True),
    ]:
        with pytest.raises(PermissionDenied):
            act()
    client.force_login(writer)
    assert client.get(front_pages()).status_code == 403
    pin_url = reverse("admin:articles_frontpages_pin", args=[article.pk])
    assert client.post(pin_url, {"place": "front"}).status_code == 403
    banner_url = reverse("admin:articles_frontpages_banner", args=["en"])
    assert client.post(banner_url, {"text": "Hacked", "switch": "on"}).status_code == 403
    assert not Pin.objects.exists() and not Banner.objects.exists()
    # Their own live story's form has no front-page buttons.
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Put on the front page" not in page
    assert "Front pages" not in client.get(reverse("admin:index")).content.decode()


def test_an_editor_puts_a_story_on_the_front_page_from_its_form_and_it_is_logged(client, frozen, editor):
    article = ArticleFactory(title="Flooding in Nangarhar", language="ps")
    client.force_login(editor)
    form = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Put on the front page" in form
    response = client.post(reverse("admin:articles_frontpages_pin", args=[article.pk]),
                           {"place": "front", "pin_until": "2026-12-04T12:00"})
    assert response.status_code == 302 and response.url == reverse("admin:articles_article_change", args=[article.pk])
    pin = Pin.objects.get(article=article, place=Place.FRONT_PAGE)
    assert pin.until == datetime.datetime(2026, 12, 4, 11, 0, tzinfo=datetime.UTC)  # noon in Oslo
    assert pin.pinned_by == editor
    assert "the Pashto front page until 04 Dec 2026 12:00 Oslo" in messages_of(response)[0]
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message__startswith="Pinned to").exists()


def test_an_editor_orders_the_front_page_and_switches_the_banner_from_the_front_pages_screen(client, frozen, editor):
    articles = stories(3)
    client.force_login(editor)
    for story in articles:
        client.post(reverse("admin:articles_frontpages_pin", args=[0]), {"article": story.pk, "place": "front"})
    pins = list(Pin.objects.order_by("position"))
    assert [pin.article for pin in pins] == articles
    screen = client.get(front_pages())
    assert screen.status_code == 200
    assert "Story 0" in screen.content.decode()
    # Without JavaScript: the arrows.
    client.post(reverse("admin:articles_frontpages_move", args=[pins[2].pk, "up"]))
    assert [pin.article.title for pin in Pin.objects.order_by("position")] == ["Story 0", "Story 2", "Story 1"]
    # Dragging posts the whole order.
    client.post(reverse("admin:articles_frontpages_reorder", args=["en"]), {"pin": [pins[1].pk, pins[0].pk, pins[2].pk]})
    assert [pin.article.title for pin in Pin.objects.order_by("position")] == ["Story 1", "Story 0", "Story 2"]
    # The banner: on in one action, off in one action.
    banner_url = reverse("admin:articles_frontpages_banner", args=["en"])
    client.post(banner_url, {"text": "Polls close at 5", "link": "/en/", "ends_at": "2026-12-04T20:00", "switch": "on"})
    assert "Polls close at 5" in home(client)
    assert 'value="off"' in client.get(front_pages()).content.decode()
    client.post(banner_url, {"switch": "off"})
    assert "Polls close at 5" not in home(client)
    assert Banner.objects.get(language="en").text == "Polls close at 5"  # kept for switching on again
    client.post(reverse("admin:articles_frontpages_unpin", args=[pins[0].pk]))
    assert Pin.objects.count() == 2


def test_an_editor_puts_a_recent_story_on_the_front_page_from_the_desk(client, frozen, editor):
    article = ArticleFactory(title="Talks resume in Doha")
    client.force_login(editor)
    desk = client.get(reverse("admin:index")).content.decode()
    pin_url = reverse("admin:articles_frontpages_pin", args=[article.pk])
    assert f'action="{pin_url}"' in desk and front_pages() in desk
    response = client.post(pin_url, {"place": "front", "next": reverse("admin:index")})
    assert response.url == reverse("admin:index")
    assert "Talks resume in Doha" in lead_of(home(client))
