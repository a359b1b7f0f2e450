"""Issue 18, item 8b: a story's share card (its headline drawn as a PNG) is written to public
media only once the story is live, and removed when the story is pulled or deleted."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import translation

from tests.factories import ArticleFactory
from tests.syndication.test_metadata import first, read_head

pytestmark = pytest.mark.django_db
HEADLINE = "SECRET-HEADLINE Minister to resign"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield tmp_path / "media"


def cards_of(article_pk: int, root) -> list[Path]:
    """Every stored share card that draws this article (by folder, old and new naming alike)."""
    assert article_pk is not None
    return [path for path in Path(root).rglob("*.png")
            if f"article-{article_pk}" in str(path) or path.name.startswith(f"{article_pk}-")]


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "archived"])
def test_previewing_an_unpublished_story_stores_no_card_of_it(client, editor, media_root, state):
    article = ArticleFactory(title=HEADLINE, **{state: True})
    client.force_login(editor)

    _, head = read_head(client, article.get_absolute_url())

    assert cards_of(article.pk, media_root) == []
    assert "/share/site-" in first(head, "og:image")  # the site's own card stands in


def test_pulling_a_story_removes_its_card_and_publishing_again_draws_it_again(
    client, media_root, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title=HEADLINE)
    _, head = read_head(client, article.get_absolute_url())
    card = first(head, "og:image").removeprefix("http://testserver/media/")
    assert default_storage.exists(card) and len(cards_of(article.pk, media_root)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
        article.save()

    assert cards_of(article.pk, media_root) == []
    with django_capture_on_commit_callbacks(execute=True):
        article.publish()
        article.save()
    _, head = read_head(client, article.get_absolute_url())
    assert default_storage.exists(first(head, "og:image").removeprefix("http://testserver/media/"))


def test_deleting_a_story_removes_its_card(client, media_root, django_capture_on_commit_callbacks):
    article = ArticleFactory(title=HEADLINE)
    read_head(client, article.get_absolute_url())
    pk = article.pk
    assert len(cards_of(pk, media_root)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert cards_of(pk, media_root) == []
