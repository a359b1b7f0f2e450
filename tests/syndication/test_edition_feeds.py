"""Section, tag and author feeds of an edition list that edition's stories, and say so."""

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Language, TagName
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

EDITION_FEEDS = [("section", {"slug": "politics"}), ("tag", {"slug": "kabul"}), ("author", {"slug": "mina-rahimi"})]


@pytest.fixture
def stories():
    politics = SectionFactory(slug="politics", name="Politics")
    reporter = AuthorFactory(name="Mina Rahimi", slug="mina-rahimi")
    shared = {"section": politics, "tags": ["Kabul"], "authors": [reporter]}
    return {
        "en": ArticleFactory(title="EN-MARKER council meets", **shared),
        "ps": ArticleFactory(title="PS-MARKER د کابل شورا", language=Language.PASHTO, **shared),
        "fa-af": ArticleFactory(title="FA-MARKER شورای کابل", language=Language.DARI, **shared),
    }


def fetch(client, edition, name, kwargs):
    with translation.override(edition):
        response = client.get(reverse(f"feeds:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize(("name", "kwargs"), EDITION_FEEDS)
@pytest.mark.parametrize("edition", ["en", "ps", "fa-af"])
def test_an_editions_feed_lists_its_own_language_and_names_it(client, stories, edition, name, kwargs, kind):
    parsed = fetch(client, edition, f"{name}-{kind}", kwargs)
    assert [entry.title for entry in parsed.entries] == [stories[edition].title]
    assert parsed.feed.language == edition


@pytest.mark.parametrize(("edition", "expected"), [("en", "Dawat Media"), ("ps", "دعوت میډیا"), ("fa-af", "دعوت میډیا")])
def test_an_editions_feed_carries_that_editions_name(client, stories, edition, expected):
    parsed = fetch(client, edition, "section-rss", {"slug": "politics"})
    assert parsed.feed.title == f"{expected}: Politics"
    assert fetch(client, edition, "site-rss", {}).feed.title == expected


def test_a_tag_used_only_in_another_edition_gives_an_empty_feed_not_an_error(client):
    ArticleFactory(title="EN only", tags=["Herat"])
    parsed = fetch(client, "ps", "tag-rss", {"slug": "herat"})
    assert parsed.entries == [] and parsed.feed.language == "ps"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_site_feed_of_every_language_names_no_one_language(client, stories, kind):
    parsed = fetch(client, "ps", f"site-{kind}", {})
    assert {entry.title for entry in parsed.entries} == {story.title for story in stories.values()}
    assert "language" not in parsed.feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_tag_is_named_as_each_edition_names_it_in_feeds_and_head_metadata(client, stories, kind):
    # A Pashto feed titled "دعوت میډیا: Kabul", with English categories, was found in a reader walk.
    kabul = stories["ps"].tags.get()
    TagName.objects.create(tag=kabul, language="ps", name="کابل")

    pashto = fetch(client, "ps", f"tag-{kind}", {"slug": "kabul"})
    english = fetch(client, "en", f"tag-{kind}", {"slug": "kabul"})
    everything = fetch(client, "en", f"site-{kind}", {})

    assert pashto.feed.title.endswith(": کابل") and english.feed.title.endswith(": Kabul")
    assert {tag.term for tag in pashto.entries[0].tags} == {"Politics", "کابل"}
    assert {tag.term for tag in english.entries[0].tags} == {"Politics", "Kabul"}
    by_title = {entry.title: {tag.term for tag in entry.tags} for entry in everything.entries}
    assert "کابل" in by_title[stories["ps"].title] and "Kabul" in by_title[stories["en"].title]
    with translation.override("ps"):
        tag_page = client.get(reverse("articles:tag", kwargs={"slug": "kabul"})).content.decode()
        story_page = client.get(stories["ps"].get_absolute_url()).content.decode()
    assert 'title="کابل (RSS)"' in tag_page
    assert '<meta property="article:tag" content="کابل">' in story_page
    assert '"keywords":["کابل"]' in story_page
