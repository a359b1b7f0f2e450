"""The tag pages' listing (TagListing) agrees with the articles and their tags after every
kind of change, and with ``Article.objects.published()`` on what readers may see."""

import datetime
import io
import shutil
from importlib import import_module

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag, TaggedItem

from articles.models import Article, Status, TagListing
from tests.factories import ArticleFactory, UserFactory
from tests.importer.conftest import SEED

pytestmark = pytest.mark.django_db


def listed(tag_name, language="en"):
    """What the tag page lists, by headline, newest first."""
    with translation.override(language):
        slug = Tag.objects.get(name=tag_name).slug
    ids = TagListing.objects.live().filter(tag__slug=slug, language=language).order_by(
        "-published_at", "-article_id").values_list("article_id", flat=True)
    titles = dict(Article.objects.values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def expected(tag_name, language="en"):
    """The same list from the articles and taggit's own links, through the one rule."""
    return list(
        Article.objects.published().filter(tags__name=tag_name, language=language)
        .order_by("-published_at", "-id").values_list("title", flat=True)
    )


def rows_match_links():
    """Every (tag, article) link has exactly one row, with the article's current copy."""
    article_type = ContentType.objects.get_for_model(Article)
    links = set(TaggedItem.objects.filter(content_type=article_type).values_list("tag_id", "object_id"))
    rows = {(r.tag_id, r.article_id): r for r in TagListing.objects.all()}
    assert set(rows) == links
    articles = Article.objects.in_bulk({article_id for _tag, article_id in links})
    for (_tag, article_id), row in rows.items():
        article = articles[article_id]
        assert (row.language, row.status, row.published_at) == (article.language, article.status, article.published_at)


def test_live_rows_are_exactly_the_published_articles_in_every_state():
    now = timezone.now()
    ArticleFactory(title="live", tags=["Kabul"])
    ArticleFactory(title="draft", tags=["Kabul"], draft=True)
    ArticleFactory(title="review", tags=["Kabul"], in_review=True)
    ArticleFactory(title="scheduled", tags=["Kabul"], scheduled=True)
    ArticleFactory(title="archived", tags=["Kabul"], archived=True)
    ArticleFactory(title="just now", tags=["Kabul"], published_at=now - datetime.timedelta(seconds=1))
    ArticleFactory(title="dari", tags=["Kabul"], language="fa-af")
    assert listed("Kabul") == expected("Kabul") == ["just now", "live"]
    assert listed("Kabul", "fa-af") == expected("Kabul", "fa-af") == ["dari"]
    rows_match_links()


def test_a_scheduled_story_is_listed_when_its_time_comes_without_any_write():
    ArticleFactory(title="soon", tags=["Herat"], scheduled=True)
    assert listed("Herat") == expected("Herat") == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert listed("Herat") == expected("Herat") == ["soon"]


def test_saving_an_article_copies_its_state_language_and_time():
    story = ArticleFactory(title="story", tags=["Kabul", "Herat"])
    story.unpublish()
    story.save()
    assert listed("Kabul") == listed("Herat") == [] == expected("Kabul")
    story.publish(at=timezone.now() - datetime.timedelta(days=3))
    story.save()
    ArticleFactory(title="older", tags=["Kabul"], published_at=timezone.now() - datetime.timedelta(days=5))
    newer = ArticleFactory(title="newer", tags=["Kabul"])
    assert listed("Kabul") == expected("Kabul") == ["newer", "story", "older"]
    story.language = "ps"
    story.save()
    assert listed("Kabul") == expected("Kabul") == ["newer", "older"]
    assert listed("Kabul", "ps") == ["story"]
    newer.publish(at=timezone.now() + datetime.timedelta(hours=2))
    newer.save()
    assert listed("Kabul") == expected("Kabul") == ["older"]
    rows_match_links()


def test_adding_removing_setting_and_clearing_tags_through_taggit():
    story = ArticleFactory(title="story", tags=["Kabul"])
    story.tags.add("Herat", "Wheat")
    assert listed("Herat") == listed("Wheat") == ["story"]
    story.tags.remove("Kabul")
    assert listed("Kabul") == expected("Kabul") == []
    story.tags.set(["Drought", "Wheat"])
    assert listed("Herat") == [] and listed("Drought") == listed("Wheat") == ["story"]
    rows_match_links()
    story.tags.clear()
    assert not TagListing.objects.exists()


def test_the_tag_admin_s_inline_and_merge_are_followed(client):
    one = ArticleFactory(title="one", tags=["Kabul city"])
    two = ArticleFactory(title="two", tags=["Kabul", "Kabul city"])
    client.force_login(UserFactory(is_superuser=True))
    old, new = Tag.objects.get(name="Kabul city"), Tag.objects.get(name="Kabul")
    session = client.session
    session["selected_tag_ids"] = str(old.pk)
    session.save()
    response = client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "Kabul"})
    assert response.status_code == 302
    assert listed("Kabul") == expected("Kabul") == ["two", "one"]
    rows_match_links()
    # One link deleted on its own, as the tag's inline does.
    TaggedItem.objects.get(tag=new, object_id=one.pk).delete()
    assert listed("Kabul") == expected("Kabul") == ["two"]
    assert two.pk in TagListing.objects.values_list("article_id", flat=True)


def test_deleting_an_article_or_a_tag_takes_its_rows():
    story = ArticleFactory(title="story", tags=["Kabul", "Herat"])
    ArticleFactory(title="other", tags=["Kabul"])
    Tag.objects.get(name="Herat").delete()
    story.delete()
    assert listed("Kabul") == ["other"]
    rows_match_links()


def test_an_imported_article_is_listed_under_its_tags(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    article = Article.objects.get()
    assert article.is_published and "Pakistan" in article.tags.names()
    assert listed("Pakistan") == expected("Pakistan") == [article.title]
    rows_match_links()


def test_a_changed_seed_re_imported_keeps_the_rows_right(tmp_path):
    path = tmp_path / SEED.name
    shutil.copy(SEED, path)
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Pakistan", "Pakistann", 1), encoding="utf-8")
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    rows_match_links()


def test_the_migration_fills_rows_for_existing_links():
    """The rows a database had before the listing existed come from migration 0009's SQL."""
    ArticleFactory(title="old one", tags=["Kabul"])
    ArticleFactory(title="old draft", tags=["Kabul"], draft=True)
    TagListing.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(import_module("articles.migrations.0009_tag_listing").FILL)
    assert listed("Kabul") == expected("Kabul") == ["old one"]
    assert TagListing.objects.filter(status=Status.DRAFT).count() == 1
    rows_match_links()


def test_rebuilding_an_article_s_rows_reads_no_row_and_leaves_the_page_cache_alone():
    """An editor's tag change rebuilds the rows with one DELETE and one INSERT: no row is
    fetched to be deleted, and the content version moves for the change, not per derived row."""
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    from articles import tag_listing
    from pagecache.invalidation import VERSION_KEY

    story = ArticleFactory(title="story", tags=["Kabul", "Herat", "Wheat", "Drought", "Floods"])
    before = cache.get(VERSION_KEY)
    with CaptureQueriesContext(connection) as queries:
        tag_listing.refresh([story.pk])
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("DELETE") == 1 and statements.count("INSERT") == 1
    assert "SELECT" not in statements
    assert cache.get(VERSION_KEY) == before
    rows_match_links()
