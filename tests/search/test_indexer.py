"""The bulk indexer (rebuild_search_index) writes what the one-article path (signals) writes."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Language
from search import indexer
from search.models import SearchDocument
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

COMPARED = ("article_id", "config", "title", "standfirst", "body_text", "tags", "status", "published_at", "language",
            "section_id", "title_vector", "head_vector", "vector")


def documents():
    return list(SearchDocument.objects.order_by("article_id").values_list(*COMPARED))


def fts_rows():
    if not indexer.uses_fts5():
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, title, standfirst, body, tags FROM {indexer.FTS_TABLE} ORDER BY rowid")
        return cursor.fetchall()


def make_articles():
    ArticleFactory(title="Wheat <b>prices</b> rise", body="<p>Flour &amp; bread</p><p>cost more</p>", tags=["wheat", "Kabul"])
    ArticleFactory(title="ننګرهار سيلاب", language=Language.PASHTO, body="<p>كور ـ ټول</p>")
    ArticleFactory(title="No tags, no body", body="", standfirst="")


@pytest.mark.parametrize("jobs", [0, 1, 2])
def test_a_rebuild_writes_the_documents_the_signals_wrote(jobs):
    make_articles()
    by_signals, fts_by_signals = documents(), fts_rows()
    assert len(by_signals) == 3
    SearchDocument.objects.all().delete()
    if indexer.uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {indexer.FTS_TABLE}")

    call_command("rebuild_search_index", jobs=jobs, batch_size=2, verbosity=0)

    assert documents() == by_signals
    assert fts_rows() == fts_by_signals


def test_documents_hold_normalised_plain_text_and_sorted_tags():
    article = ArticleFactory(title="A  title", body="<p>one</p><p>two &amp; three</p>", tags=["zebra", "apple"])
    call_command("rebuild_search_index", verbosity=0)
    document = SearchDocument.objects.get(article=article)
    assert document.body_text == "one two & three"
    assert document.tags == "apple zebra"
    assert document.title == "A title"


def test_missing_only_indexes_just_the_articles_without_a_document():
    kept, missing = ArticleFactory(), ArticleFactory()
    SearchDocument.objects.filter(article=missing).delete()
    SearchDocument.objects.filter(article=kept).update(title="stale")
    call_command("rebuild_search_index", missing_only=True, verbosity=0)
    assert SearchDocument.objects.get(article=kept).title == "stale"
    assert SearchDocument.objects.filter(article=missing).exists()


def test_workers_are_used_only_on_postgresql_outside_a_transaction():
    # Inside a test's transaction, workers (own connections) could not see the rows.
    assert not indexer.parallel_possible()
    ArticleFactory.create_batch(3)
    assert indexer.index_articles(Article.objects.all(), batch_size=1, jobs=2) == 3


def test_rejects_a_batch_size_below_one():
    with pytest.raises(CommandError, match="batch-size"):
        call_command("rebuild_search_index", batch_size=0, verbosity=0)
