"""rebuild_search_index writes what the signals write, from the articles alone."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Language, Status
from search.models import SearchDocument
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

COMPARED = (
    "article_id", "title", "standfirst", "body_text", "tags", "authors", "title_vector", "head_vector", "vector"
)


def documents():
    return list(SearchDocument.objects.order_by("article_id").values_list(*COMPARED))


def make_articles():
    ArticleFactory(title="Wheat <b>prices</b> rise", body="<p>Flour &amp; bread</p><p>cost more</p>", tags=["wheat", "Kabul"])
    ArticleFactory(title="ننګرهار سيلاب", language=Language.PASHTO, body="<p>كور ـ ټول</p>")
    ArticleFactory(title="No tags, no body", body="", standfirst="")
    ArticleFactory(title="Two bylines", authors=[AuthorFactory(name="Laila Wardak"), AuthorFactory(name="عزيز")])


def test_a_rebuild_writes_the_documents_the_signals_wrote():
    make_articles()
    by_signals = documents()
    assert len(by_signals) == 4
    assert by_signals[-1][5] == "Laila Wardak عزیز"  # in byline order, normalised like the rest (ي to ی)
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert documents() == by_signals


def test_documents_hold_normalised_plain_text_and_sorted_tags():
    article = ArticleFactory(title="A  title", body="<p>one</p><p>two &amp; three</p>", tags=["zebra", "apple"])
    pashto = ArticleFactory(title="كور", language=Language.PASHTO)

    document = SearchDocument.objects.get(article=article)
    assert document.body_text == "one two & three"
    assert document.tags == "apple zebra"
    assert document.title == "A title"
    assert SearchDocument.objects.get(article=pashto).title == "کور"


def test_missing_only_indexes_just_the_articles_without_a_document():
    kept, missing = ArticleFactory(), ArticleFactory()
    SearchDocument.objects.filter(article=missing).delete()
    SearchDocument.objects.filter(article=kept).update(title="stale")

    call_command("rebuild_search_index", missing_only=True, verbosity=0)

    assert SearchDocument.objects.get(article=kept).title == "stale"
    assert SearchDocument.objects.filter(article=missing).exists()


def test_a_dry_run_counts_and_writes_nothing(capsys):
    ArticleFactory.create_batch(2)
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", dry_run=True)

    assert "Would index 2 articles." in capsys.readouterr().out
    assert not SearchDocument.objects.exists()


def test_a_bulk_created_article_is_found_after_a_rebuild(client):
    section = ArticleFactory().section
    Article.objects.bulk_create([Article(title="Bulk loaded quinoa", slug="bulk-quinoa", section=section,
                                         status=Status.PUBLISHED, published_at=Article.objects.get().published_at)])
    url = reverse("search:results") + "?q=quinoa"
    assert client.get(url).context_data["page"].paginator.count == 0

    call_command("rebuild_search_index", verbosity=0)

    assert client.get(url).context_data["page"].paginator.count == 1
