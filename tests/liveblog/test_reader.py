"""What readers see of a live blog: the page, the polling endpoint, the feed, the structured data,
and nothing at all while the article is not published."""

import datetime
import json
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Language, Status
from liveblog import selectors, services
from tests.factories import ArticleFactory, AuthorFactory
from tests.liveblog.factories import EntryFactory, LiveBlogFactory

pytestmark = pytest.mark.django_db


def page_url(article):
    with translation.override(article.language):
        return article.get_absolute_url()


def poll_url(article, since=0, language="en"):
    """The catch-up address (``?since=``); ``since=None`` is the address every open page asks."""
    with translation.override(language):
        url = reverse("liveblog:entries", kwargs={"article_id": article.pk})
    return url if since is None else f"{url}?since={since}"


def json_ld(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.fixture
def blog():
    return LiveBlogFactory()


def test_the_page_shows_the_entries_pinned_first_then_newest_first_each_with_its_anchor(client, blog):
    now = timezone.now()
    old = EntryFactory(live_blog=blog, body="<p>Water reaches the bazaar.</p>", posted_at=now - datetime.timedelta(hours=1))
    new = EntryFactory(live_blog=blog, body="<p>Rescuers arrive by boat.</p>", posted_at=now)
    pinned = EntryFactory(live_blog=blog, body="<p>Helpline: call 119.</p>", posted_at=now - datetime.timedelta(hours=2),
                          is_pinned=True)
    html = client.get(page_url(blog.article)).content.decode()
    order = [html.index(f'id="entry-{entry.pk}"') for entry in (pinned, new, old)]
    assert order == sorted(order)
    assert f'href="#entry-{new.pk}"' in html
    assert "Rescuers arrive by boat." in html
    assert f'data-live-poll="{reverse("liveblog:entries", kwargs={"article_id": blog.article.pk})}"' in html
    assert f'data-latest="{pinned.pk}"' in html  # the newest entry added, whatever its time
    assert "liveblog/live.js" in html


def test_entry_text_is_sanitised_as_article_bodies_are(client, blog):
    entry = EntryFactory(live_blog=blog, body='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a></p>')
    entry.refresh_from_db()
    assert "script" not in entry.body and "onclick" not in entry.body and "javascript" not in entry.body
    html = client.get(page_url(blog.article)).content.decode()
    assert "alert(1)" not in html


def test_key_events_are_listed_at_the_top_with_links_to_their_entries(client, blog):
    key = EntryFactory(live_blog=blog, body="<p>The dam has broken.</p>", is_key_event=True)
    EntryFactory(live_blog=blog, body="<p>Minor update.</p>")
    html = client.get(page_url(blog.article)).content.decode()
    key_events = html.split('class="live-key-events"')[1].split("</nav>")[0]
    assert f'href="#entry-{key.pk}"' in key_events and "The dam has broken." in key_events
    assert "Minor update." not in key_events


def test_an_ended_live_blog_is_a_timeline_that_no_longer_polls(client, blog, editor):
    EntryFactory(live_blog=blog, body="<p>Final update.</p>")
    services.live_blog_end(blog=blog, by=editor)
    html = client.get(page_url(blog.article)).content.decode()
    assert "Final update." in html
    assert "data-live-poll" not in html and "live.js" not in html
    assert "Coverage has ended." in html
    assert poll_url(blog.article) and client.get(poll_url(blog.article)).json()["live"] is False


def test_an_ordinary_article_has_no_live_blog_and_no_script(client):
    article = ArticleFactory()
    html = client.get(page_url(article)).content.decode()
    # Its one script is the read counter's (audience/), not the live blog's poller.
    assert "live-blog" not in html and "live.js" not in html and "data-live-poll" not in html


def test_a_pashto_live_blog_reads_right_to_left_in_eastern_digits(client):
    blog = LiveBlogFactory(article=ArticleFactory(language=Language.PASHTO, title="په کابل کې سیلاب"))
    EntryFactory(live_blog=blog, body="<p>اوبه بازار ته ورسېدې.</p>", posted_at=timezone.now().replace(hour=10, minute=15))
    html = client.get(page_url(blog.article)).content.decode()
    assert '<html lang="ps" dir="rtl">' in html
    entry = html.split('class="live-entries"')[1]
    assert "اوبه بازار ته ورسېدې" in entry
    assert re.search("[۰-۹]{2}:[۰-۹]{2}", entry), "the entry's time in Eastern Arabic digits"
    assert not re.search("[0-9]{2}:[0-9]{2}", entry.split("<time")[1].split("</time>")[0].split(">", 1)[1])


# -- the polling endpoint --------------------------------------------------------------------


def test_polling_returns_only_the_entries_added_since_and_the_order_of_all(client, blog):
    first = EntryFactory(live_blog=blog, body="<p>First.</p>")
    second = EntryFactory(live_blog=blog, body="<p>Second.</p>")
    data = client.get(poll_url(blog.article, since=first.pk)).json()
    assert [entry["id"] for entry in data["entries"]] == [second.pk]
    assert f'id="entry-{second.pk}"' in data["entries"][0]["html"] and "Second." in data["entries"][0]["html"]
    assert data["latest"] == second.pk
    assert data["ids"] == [second.pk, first.pk]
    assert data["live"] is True
    assert client.get(poll_url(blog.article, since=second.pk)).json()["entries"] == []


def test_every_page_asks_one_address_for_the_latest_changes_newest_change_first(client, blog, editor):
    first, second, third = (EntryFactory(live_blog=blog, body=f"<p>Entry {n}.</p>") for n in (1, 2, 3))
    first.body = "<p>Entry 1, corrected.</p>"
    services.entry_save(entry=first, by=editor)
    data = client.get(poll_url(blog.article, since=None)).json()
    assert [entry["id"] for entry in data["entries"]] == [first.pk, third.pk, second.pk]
    assert "Entry 1, corrected." in data["entries"][0]["html"]
    stamps = [entry["changed"] for entry in data["entries"]]
    assert stamps == sorted(stamps, reverse=True) and len(set(stamps)) == 3
    assert data["from"] is None  # every entry is in the answer: nothing to catch up
    assert data["ids"] == [third.pk, second.pk, first.pk] and data["latest"] == third.pk


def test_the_latest_changes_say_where_they_start_when_older_ones_are_left_out(client, blog):
    entries = [EntryFactory(live_blog=blog) for _ in range(selectors.RECENT_CHANGES + 2)]
    data = client.get(poll_url(blog.article, since=None)).json()
    carried = [entry["id"] for entry in data["entries"]]
    assert carried == [entry.pk for entry in reversed(entries)][: selectors.RECENT_CHANGES]
    assert data["from"] == data["entries"][-1]["changed"]
    assert len(data["ids"]) == len(entries)  # the order of all, so a page still drops deleted ones


def test_the_page_tells_its_script_the_newest_change_it_shows(client, blog, editor):
    old, new = EntryFactory(live_blog=blog), EntryFactory(live_blog=blog)
    old.body = "<p>Edited last.</p>"
    services.entry_save(entry=old, by=editor)
    old.refresh_from_db()
    html = client.get(page_url(blog.article)).content.decode()
    assert f'data-changed="{selectors.change_stamp(old)}"' in html
    assert selectors.change_stamp(old) > selectors.change_stamp(new)


def test_polling_sends_entries_edited_or_pinned_since_and_drops_deleted_ones(client, blog, editor):
    first = EntryFactory(live_blog=blog, body="<p>Frist.</p>")
    second = EntryFactory(live_blog=blog)
    third = EntryFactory(live_blog=blog)
    first.body = "<p>First, corrected.</p>"
    services.entry_save(entry=first, by=editor)
    services.entry_delete(entry=second, by=editor)
    data = client.get(poll_url(blog.article, since=third.pk)).json()
    assert [entry["id"] for entry in data["entries"]] == [first.pk]
    assert "First, corrected." in data["entries"][0]["html"]
    assert data["ids"] == [third.pk, first.pk]
    services.entry_pin(entry=first, by=editor, pinned=True)
    data = client.get(poll_url(blog.article, since=third.pk)).json()
    assert data["ids"] == [first.pk, third.pk]
    assert "is-pinned" in data["entries"][0]["html"]


def test_the_polling_endpoint_is_public_and_cached_briefly(client, blog, settings):
    EntryFactory(live_blog=blog)
    response = client.get(poll_url(blog.article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=5", "s-maxage=10"}


def test_the_page_cache_serves_polls_with_short_lifetimes_and_a_new_entry_ends_them(client, blog, settings):
    settings.PAGECACHE_ENABLED = True
    entry = EntryFactory(live_blog=blog)
    url = poll_url(blog.article, since=entry.pk)
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    directives = {part.strip() for part in cached["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=5", "s-maxage=10"}
    assert cached.json()["entries"] == []
    newer = EntryFactory(live_blog=blog, body="<p>Breaking.</p>")  # watched: the content version moves on
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert [e["id"] for e in fresh.json()["entries"]] == [newer.pk]


def test_however_many_pages_poll_the_server_builds_the_latest_changes_once_per_change(client, blog, settings):
    settings.PAGECACHE_ENABLED = True
    EntryFactory(live_blog=blog)
    url = poll_url(blog.article, since=None)
    assert client.get(url)["X-Page-Cache"] == "miss"
    for _ in range(5):
        assert client.get(url)["X-Page-Cache"] == "hit"
    newer = EntryFactory(live_blog=blog, body="<p>Breaking.</p>")
    assert client.get(url)["X-Page-Cache"] == "miss"
    answers = [client.get(url) for _ in range(5)]
    assert {answer["X-Page-Cache"] for answer in answers} == {"hit"}
    assert answers[-1].json()["entries"][0]["id"] == newer.pk


def test_polling_speaks_the_edition_it_is_asked_from(client):
    blog = LiveBlogFactory(article=ArticleFactory(language=Language.DARI))
    EntryFactory(live_blog=blog, posted_at=timezone.now().replace(hour=9, minute=5))
    html = client.get(poll_url(blog.article, language="fa-af")).json()["entries"][0]["html"]
    assert re.search("[۰-۹]{2}:[۰-۹]{2}", html)


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "9" * 30])
def test_a_bad_since_is_refused_not_cached(client, blog, since):
    assert client.get(poll_url(blog.article).replace("since=0", f"since={since}")).status_code == 400


# -- never before publication (leaks) ---------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "archived"])
def test_entries_of_an_article_readers_cannot_see_are_nowhere(client, state):
    blog = LiveBlogFactory(article=ArticleFactory(**{state: True}))
    EntryFactory(live_blog=blog, body="<p>Secret plan.</p>")
    assert client.get(poll_url(blog.article)).status_code == 404
    with translation.override("en"):
        assert client.get(reverse("liveblog:feed-rss", kwargs={"article_id": blog.article.pk})).status_code == 404
        assert client.get(reverse("liveblog:feed-atom", kwargs={"article_id": blog.article.pk})).status_code == 404
    assert client.get(page_url(blog.article)).status_code == 404


def test_unpublishing_a_live_blog_stops_its_polls_at_once(client, blog, editor, settings):
    settings.PAGECACHE_ENABLED = True
    EntryFactory(live_blog=blog)
    assert client.get(poll_url(blog.article)).status_code == 200
    blog.article.status = Status.DRAFT
    blog.article.save()
    assert client.get(poll_url(blog.article)).status_code == 404


def test_a_polled_id_that_is_not_a_live_blog_is_a_404(client):
    assert client.get(poll_url(ArticleFactory())).status_code == 404


def test_a_writers_preview_of_a_draft_live_blog_does_not_poll(client, writer):
    article = ArticleFactory(draft=True, created_by=writer)
    blog = LiveBlogFactory(article=article)
    EntryFactory(live_blog=blog, body="<p>Draft entry.</p>")
    client.force_login(writer)
    html = client.get(page_url(article)).content.decode()
    assert "Draft entry." in html  # the preview shows them
    assert "data-live-poll" not in html


# -- feed and structured data ---------------------------------------------------------------


def test_the_live_blogs_feed_carries_its_entries_newest_first_with_their_anchors(client, blog):
    author = AuthorFactory(name="Zarghona Ahmadi")
    older = EntryFactory(live_blog=blog, body="<p>Older entry.</p>", posted_at=timezone.now() - datetime.timedelta(hours=1))
    newer = EntryFactory(live_blog=blog, body="<p>Newer <b>entry</b>.</p>", author=author)
    for kind in ("rss", "atom"):
        with translation.override("en"):
            response = client.get(reverse(f"liveblog:feed-{kind}", kwargs={"article_id": blog.article.pk}))
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert feed.feed.title.startswith("Floods in Kabul: live")
        assert [item.title for item in feed.entries] == ["Newer entry.", "Older entry."]
        assert feed.entries[0].link.endswith(f"#entry-{newer.pk}")
        assert feed.entries[1].link.endswith(f"#entry-{older.pk}")
        assert "<b>entry</b>" in feed.entries[0].content[0].value
        assert feed.entries[0].author == "Zarghona Ahmadi"


def test_the_page_links_the_live_blogs_feed_first_in_its_head_and_under_the_entries(client, blog):
    html = client.get(page_url(blog.article)).content.decode()
    with translation.override("en"):
        rss = reverse("liveblog:feed-rss", kwargs={"article_id": blog.article.pk})
        atom = reverse("liveblog:feed-atom", kwargs={"article_id": blog.article.pk})
    head = html.split("</head>")[0]
    first = re.search(r'<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="([^"]+)"', head)
    assert first.group(1) == rss and atom in head
    assert f'href="{rss}"' in html.split("</head>")[1]


def test_structured_data_is_a_live_blog_posting_with_its_updates_and_coverage(client, blog):
    entry = EntryFactory(live_blog=blog, body="<p>Rescuers arrive by boat.</p>", author=AuthorFactory(name="Farid"))
    data = json_ld(client.get(page_url(blog.article)).content.decode())[0]
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "Floods in Kabul: live"
    millisecond = datetime.timedelta(milliseconds=1)
    assert abs(datetime.datetime.fromisoformat(data["coverageStartTime"]) - blog.coverage_start) < millisecond
    assert abs(datetime.datetime.fromisoformat(data["coverageEndTime"]) - blog.coverage_end) < millisecond
    [update] = data["liveBlogUpdate"]
    assert update["@type"] == "BlogPosting"
    assert update["articleBody"] == "Rescuers arrive by boat."
    assert update["url"].endswith(f"#entry-{entry.pk}")
    assert update["author"]["name"] == "Farid"


def test_an_ordinary_article_stays_a_news_article(client):
    data = json_ld(client.get(page_url(ArticleFactory())).content.decode())[0]
    assert data["@type"] == "NewsArticle" and "liveBlogUpdate" not in data


# -- queries ----------------------------------------------------------------------------------


def test_a_live_blog_page_costs_one_query_more_than_an_article_page_whatever_its_entries(client, blog):
    """tests/performance/test_query_counts.py pins an article page at 8; the live blog is joined to the
    article's row (articles.views.article_page_queries), its entries with their authors are one more."""
    for n in range(20):
        EntryFactory(live_blog=blog, author=AuthorFactory(), is_key_event=n % 3 == 0, is_pinned=n == 5)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url, other = page_url(blog.article), page_url(ArticleFactory(section=blog.article.section))
    client.get(url), client.get(other)
    with CaptureQueriesContext(connection) as page:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ordinary:
        assert client.get(other).status_code == 200
    assert len(page) == len(ordinary) + 1, [q["sql"][:100] for q in page.captured_queries]


def test_a_poll_that_is_built_costs_two_queries(client, blog, django_assert_num_queries):
    for _ in range(10):
        EntryFactory(live_blog=blog, author=AuthorFactory())
    client.get(poll_url(blog.article))
    # the live blog with its article, if published (and section); the entries with their authors
    with django_assert_num_queries(2):
        assert client.get(poll_url(blog.article, since=1)).status_code == 200
