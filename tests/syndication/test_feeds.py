import datetime
import html

import feedparser
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date

from articles.models import Article, Language, Status
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    politics = SectionFactory(slug="politics", name="Politics")
    reporter = AuthorFactory(name="Mina Rahimi", slug="mina-rahimi")
    live = ArticleFactory(
        title="LIVE-MARKER council meets",
        standfirst="The council met & argued <loudly>.",
        body="<p>FULL-BODY-MARKER of the story.</p>",
        section=politics,
        tags=["Kabul", "Budget"],
        authors=[reporter],
    )
    pashto = ArticleFactory(title="PS-MARKER د کابل خبر", language=Language.PASHTO, section=politics)
    hidden = [
        ArticleFactory(title="DRAFT-MARKER", draft=True, section=politics, tags=["Kabul"], authors=[reporter]),
        ArticleFactory(title="SCHEDULED-MARKER", scheduled=True, section=politics, tags=["Kabul"], authors=[reporter]),
        ArticleFactory(title="REVIEW-MARKER", in_review=True, section=politics),
        ArticleFactory(title="ARCHIVED-MARKER", archived=True, section=politics),
    ]
    return {"live": live, "pashto": pashto, "hidden": hidden, "section": politics, "author": reporter}


def fetch(client, name, secure=False, **kwargs):
    response = client.get(reverse(f"feeds:{name}", kwargs=kwargs), secure=secure)
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def fetch_secure(client, name, **kwargs):
    return fetch(client, name, secure=True, **kwargs)


FEEDS = [
    ("site", {}),
    ("section", {"slug": "politics"}),
    ("tag", {"slug": "kabul"}),
    ("author", {"slug": "mina-rahimi"}),
    ("language", {"language": "en"}),
]


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_feed_parses_cleanly_and_lists_only_published_articles(client, stories, kind, name, kwargs):
    response, parsed = fetch(client, f"{name}-{kind}", **kwargs)

    titles = [entry.title for entry in parsed.entries]
    assert "LIVE-MARKER council meets" in titles
    for marker in ("DRAFT-MARKER", "SCHEDULED-MARKER", "REVIEW-MARKER", "ARCHIVED-MARKER"):
        assert marker.encode() not in response.content
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_entry_carries_link_summary_full_content_authors_categories_and_dates(client, stories, kind):
    _, parsed = fetch(client, f"section-{kind}", slug="politics")
    entry = next(e for e in parsed.entries if e.title == "LIVE-MARKER council meets")
    live = stories["live"]

    assert entry.link == f"http://example.com/en/politics/{live.pk}-{live.slug}/"
    # Plain text, escaped so that readers show "<loudly>" rather than drop it as a tag.
    assert html.unescape(entry.summary) == "The council met & argued <loudly>."
    assert "FULL-BODY-MARKER" in entry.content[0].value
    assert entry.author == "Mina Rahimi"
    assert {tag.term for tag in entry.tags} == {"Politics", "Kabul", "Budget"}
    assert entry.published_parsed[:5] == live.published_at.astimezone(datetime.UTC).timetuple()[:5]
    if kind == "atom":  # RSS has no update date
        assert entry.get("updated_parsed") is not None


def test_an_article_links_to_its_own_languages_edition(client, stories):
    _, parsed = fetch(client, "site-rss")
    pashto = stories["pashto"]

    entry = next(e for e in parsed.entries if e.title.startswith("PS-MARKER"))
    assert entry.link.endswith(iri_to_uri(f"/ps/politics/{pashto.pk}-{pashto.slug}/"))


def test_the_language_feed_holds_only_that_language_and_says_so(client, stories):
    _, parsed = fetch(client, "language-rss", language="ps")

    assert [entry.title for entry in parsed.entries] == [stories["pashto"].title]
    assert parsed.feed.language == "ps"


def test_unknown_sections_tags_authors_and_languages_are_404(client, stories):
    assert client.get(reverse("feeds:section-rss", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("feeds:tag-atom", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("feeds:author-rss", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("feeds:language-rss", kwargs={"language": "xx"})).status_code == 404


def test_a_tag_only_unpublished_articles_use_has_no_feed(client, stories):
    secret = ArticleFactory(title="SECRET-MARKER", draft=True, tags=["Secret plans"])
    slug = secret.tags.get().slug

    for name in ("feeds:tag-rss", "feeds:tag-atom"):
        response = client.get(reverse(name, kwargs={"slug": slug}))
        assert response.status_code == 404
        assert b"SECRET" not in response.content


def test_control_characters_from_an_import_do_not_break_the_feed(client, db):
    ArticleFactory(title="Bad\x0bbyte\x1f headline", standfirst="Form\x0cfeed")

    _, parsed = fetch(client, "site-rss")

    assert parsed.entries[0].title == "Badbyte headline"


def test_a_feed_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    section = SectionFactory(slug="economy")
    for n in range(12):
        ArticleFactory(section=section, tags=[f"tag{n}", f"more{n}"], authors=[AuthorFactory(), AuthorFactory()])
    fetch(client, "section-rss", slug="economy")  # the site (Django keeps it per process)

    # the section; the newest articles with their sections; their tags; their bylines with authors
    with django_assert_num_queries(4):
        _, parsed = fetch(client, "section-rss", slug="economy")
    assert len(parsed.entries) == 12


def test_a_pashto_feed_names_its_tags_in_pashto_in_a_constant_number_of_queries(client, django_assert_num_queries):
    # Each link's tag was its own object: only one per tag had its names read, the rest a query each.
    def stories(count):
        for _ in range(count):
            ArticleFactory(language=Language.PASHTO, tags=["kabul", "herat"])

    stories(2)
    with translation.override("ps"):
        fetch(client, "site-rss")  # the site (Django keeps it per process)
        with django_assert_num_queries(4) as few:
            fetch(client, "site-rss")
        stories(8)
        # the newest articles with their sections; their tags; the tags' Pashto names; their bylines
        with django_assert_num_queries(len(few)):
            _, parsed = fetch(client, "site-rss")
    assert len(parsed.entries) == 10


def test_which_articles_a_feed_lists_is_asked_every_request(client, stories):
    older = ArticleFactory(title="OLDER-MARKER", published_at=timezone.now() - datetime.timedelta(hours=3))
    soon = ArticleFactory(title="SOON-MARKER", scheduled=True, body="<p>SOON-BODY-MARKER</p>", tags=["Kabul"])
    fetch(client, "site-rss")

    # Time passes without any save: nothing tells a cache that the feed changed.
    Article.objects.filter(pk=soon.pk).update(published_at=timezone.now() - datetime.timedelta(hours=2))
    _, parsed = fetch(client, "site-rss")
    titles = [entry.title for entry in parsed.entries]
    assert titles.index("LIVE-MARKER council meets") < titles.index("SOON-MARKER") < titles.index(older.title)
    entry = parsed.entries[titles.index("SOON-MARKER")]
    assert "SOON-BODY-MARKER" in entry.content[0].value
    assert {tag.term for tag in entry.tags} == {soon.section.name, "Kabul"}

    # Withdrawn: gone from the feed at once.
    Article.objects.filter(pk=soon.pk).update(status=Status.DRAFT)
    response, parsed = fetch(client, "site-rss")
    assert b"SOON-MARKER" not in response.content
    assert "SOON-MARKER" not in [entry.title for entry in parsed.entries]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_story_enters_every_feed_exactly_when_its_time_comes(client, stories, kind):
    now = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        ArticleFactory(title="ON-TIME-MARKER", published_at=now, section=stories["section"], tags=["Kabul"])
        # The author's other stories were published after this moment: one from before keeps their feed public.
        ArticleFactory(published_at=now - datetime.timedelta(days=1), authors=[stories["author"]])
        ArticleFactory(title="EARLY-MARKER", published_at=now + datetime.timedelta(seconds=1),
                       section=stories["section"], tags=["Kabul"], authors=[stories["author"]])

        for name, kwargs in FEEDS:
            response, _ = fetch(client, f"{name}-{kind}", **kwargs)
            assert (b"ON-TIME-MARKER" in response.content) is (name != "author")
            assert b"EARLY-MARKER" not in response.content


def test_an_edit_shows_in_the_feed_at_once(client, stories):
    fetch(client, "section-atom", slug="politics")
    live = stories["live"]
    live.title = "EDITED-MARKER council meets"
    live.body = "<p>EDITED-BODY-MARKER</p>"
    live.save()
    live.tags.add("Water")
    stories["section"].name = "Politics and power"
    stories["section"].save()

    _, parsed = fetch(client, "section-atom", slug="politics")

    entry = next(e for e in parsed.entries if e.title.startswith("EDITED-MARKER"))
    assert "EDITED-BODY-MARKER" in entry.content[0].value
    assert {tag.term for tag in entry.tags} == {"Politics and power", "Kabul", "Budget", "Water"}


def test_entries_follow_the_format_language_and_scheme_of_each_request(client, stories):
    stories["section"].name_ps = "سیاست"
    stories["section"].save()
    live = stories["live"]

    _, rss = fetch(client, "site-rss")
    _, atom = fetch(client, "site-atom")
    _, secure = fetch_secure(client, "site-rss")
    with translation.override("ps"):
        _, pashto = fetch(client, "site-rss")

    assert rss.version == "rss20" and atom.version == "atom10"
    for parsed in (rss, atom):
        assert next(e for e in parsed.entries if e.title == live.title).link.startswith("http://example.com/en/")
    assert next(e for e in secure.entries if e.title == live.title).link.startswith("https://example.com/en/")
    entry = next(e for e in pashto.entries if e.title == live.title)
    assert {tag.term for tag in entry.tags} == {"سیاست", "Kabul", "Budget"}
    assert entry.link.startswith("http://example.com/en/")  # the article's own edition, whatever the feed's


def test_the_newest_entry_dates_the_feed(client, stories):
    response, parsed = fetch(client, "site-atom")

    newest = max(max(a.published_at, a.updated_at) for a in (stories["live"], stories["pashto"]))
    assert parsed.feed.updated_parsed[:6] == newest.astimezone(datetime.UTC).timetuple()[:6]
    assert response.headers["Last-Modified"] == http_date(newest.timestamp())


def test_a_section_description_is_text_in_the_channel_too(client, db):
    SectionFactory(slug="opinion", name="Opinion", description="Views <b>&</b> voices")

    response, parsed = fetch(client, "section-rss", slug="opinion")
    _, atom = fetch(client, "section-atom", slug="opinion")

    assert b"<b>" not in response.content
    assert html.unescape(parsed.feed.description) == "Views <b>&</b> voices"
    assert atom.feed.subtitle == "Views <b>&</b> voices"
