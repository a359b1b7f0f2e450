"""Issue 18, item 8a: an author exists for readers only once a story under their byline is
published, as a tag does (test_public_tags.py): page and feeds are 404 before that."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def author_urls(slug, language="en") -> list[str]:
    with translation.override(language):
        return [
            reverse("articles:author", kwargs={"slug": slug}),
            reverse("feeds:author-rss", kwargs={"slug": slug}),
            reverse("feeds:author-atom", kwargs={"slug": slug}),
        ]


def test_an_author_with_no_story_at_all_does_not_exist_for_readers(client):
    AuthorFactory(slug="new-reporter")
    assert [client.get(url).status_code for url in author_urls("new-reporter")] == [404, 404, 404]


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "archived"])
def test_an_author_of_only_unpublished_stories_does_not_exist_for_readers(client, state):
    author = AuthorFactory(slug="undercover")
    ArticleFactory(authors=[author], **{state: True})
    assert [client.get(url).status_code for url in author_urls("undercover")] == [404, 404, 404]


def test_an_author_of_a_live_story_has_a_page_and_feeds_in_every_edition(client):
    author = AuthorFactory(slug="kabul-desk")
    ArticleFactory(authors=[author], language="fa-af")
    assert [client.get(url).status_code for url in author_urls("kabul-desk", "fa-af")] == [200, 200, 200]
    # In an edition without their stories: an empty listing, as for tags, not a 404.
    assert [client.get(url).status_code for url in author_urls("kabul-desk", "en")] == [200, 200, 200]
