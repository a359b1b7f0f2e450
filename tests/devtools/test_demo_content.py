import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleTag, Language, Status
from articles.sanitize import clean_body_html
from devtools.demo_content import DEMO_SOURCE, TAG_COUNT
from devtools.management.commands import generate_demo_content
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def generate(count=300, **options):
    call_command(generate_demo_content.Command(), articles=count, verbosity=0, **options)


def test_generates_the_requested_articles_with_tags_authors_and_every_state():
    generate(150)
    articles = Article.objects.filter(source_name=DEMO_SOURCE)
    assert articles.count() == 150
    assert Tag.objects.count() == TAG_COUNT
    assert not articles.filter(article_authors__isnull=True).exists()
    links = ArticleTag.objects.filter(content_object__in=articles)
    assert links.count() >= 2 * 150
    # Each link and byline carries its story's time, as keep_link_times would have copied it.
    assert not links.exclude(published_at=F("content_object__published_at")).filter(content_object__published_at__isnull=False).exists()
    assert not ArticleAuthor.objects.filter(article__in=articles).exclude(published_at=F("article__published_at")).filter(
        article__published_at__isnull=False).exists()
    assert {Status.PUBLISHED, Status.DRAFT} <= set(articles.values_list("status", flat=True))
    assert Article.objects.scheduled().exists()
    assert set(articles.values_list("language", flat=True)) == {Language.ENGLISH, Language.PASHTO, Language.DARI}
    several_authors = ArticleAuthor.objects.values("article").annotate(n=Count("pk"))
    assert any(row["n"] > 1 for row in several_authors)


def test_bodies_are_already_what_the_sanitizer_would_store_and_have_subheadings():
    generate(50)
    for body in Article.objects.values_list("body", flat=True):
        assert clean_body_html(body) == body
        assert body.count("<h2>") == 3
        assert 450 < len(body.split()) < 900


def test_same_seed_gives_the_same_content():
    generate(40, seed=7)
    first = list(Article.objects.order_by("pk").values_list("title", "section__slug", "language", "status"))
    generate(40, seed=7, replace=True)
    second = list(Article.objects.order_by("pk").values_list("title", "section__slug", "language", "status"))
    assert first == second


def test_slugs_are_unique_and_a_live_demo_article_renders(client):
    generate(100)
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    article = Article.objects.published().first()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_search_finds_demo_articles_by_their_words(client):
    generate(60)
    with translation.override("en"):
        response = client.get(reverse("search:results"), {"q": "wheat"})
    live_english = Article.objects.published().filter(language=Language.ENGLISH)
    assert response.status_code == 200
    assert any(escape(title) in response.text for title in live_english.values_list("title", flat=True))


def test_record_times_follow_the_story_not_the_moment_of_generation():
    generate(100)
    for article in Article.objects.published():
        assert article.updated_at == article.published_at
        assert not article.was_updated


def test_refuses_to_generate_twice_without_replace_and_replace_keeps_other_articles():
    own = ArticleFactory()
    generate(20)
    with pytest.raises(CommandError, match="--replace"):
        generate(20)
    generate(30, replace=True)
    assert Article.objects.filter(source_name=DEMO_SOURCE).count() == 30
    assert Article.objects.filter(pk=own.pk).exists()


def test_rejects_a_count_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        generate(0)
