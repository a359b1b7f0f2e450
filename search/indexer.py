"""Keep SearchDocument (and SQLite's FTS5 table) in step with articles.

``index_articles`` is the one way in: signals call it for one article, the
``rebuild_search_index`` command and the post-migrate hook for many.
"""

import html
import re

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article, Language
from search.models import SearchDocument
from search.normalize import normalize

FTS_TABLE = "search_fts"
# Long enough for any real article; a tsvector cannot exceed 1 MB.
MAX_BODY_CHARS = 100_000
_TAG = re.compile(r"<[^>]*>")

_TITLE = SearchVector("title", weight="A", config=F("config"))
_HEAD = _TITLE + SearchVector("standfirst", weight="B", config=F("config")) + SearchVector(
    "tags", weight="B", config=F("config")
)
_ALL = _HEAD + SearchVector("body_text", weight="C", config=F("config"))


def text_search_config(language: str) -> str:
    """English gets stemming; Pashto and Dari have no stemmer in PostgreSQL, so 'simple'."""
    return "english" if language == Language.ENGLISH else "simple"


def plain_text(body_html: str) -> str:
    # Tags become spaces so "<p>one</p><p>two</p>" does not read as "onetwo".
    return html.unescape(_TAG.sub(" ", body_html or ""))


def document_for(article: Article, tag_names) -> SearchDocument:
    return SearchDocument(
        article_id=article.pk,
        config=text_search_config(article.language),
        title=normalize(article.title),
        standfirst=normalize(article.standfirst),
        body_text=normalize(plain_text(article.body))[:MAX_BODY_CHARS],
        tags=normalize(" ".join(sorted(tag_names))),
        status=article.status,
        published_at=article.published_at,
        language=article.language,
        section_id=article.section_id,
        indexed_at=timezone.now(),
    )


def uses_fts5() -> bool:
    """SQLite with the FTS5 table from migration 0001 (absent if SQLite lacks FTS5)."""
    if connection.vendor != "sqlite":
        return False
    cached = getattr(connection, "_newsroom_has_fts5", None)
    if cached is None:
        with connection.cursor() as cursor:
            cached = FTS_TABLE in connection.introspection.table_names(cursor)
        connection._newsroom_has_fts5 = cached
    return cached


def index_articles(queryset, *, batch_size: int = 500) -> int:
    """(Re)build the documents of the articles in ``queryset``; returns how many."""
    pks = list(queryset.order_by().values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = Article.objects.filter(pk__in=pks[start : start + batch_size]).prefetch_related("tags")
        _index_batch(list(batch))
    return len(pks)


def index_article(article: Article) -> None:
    _index_batch([article])


def _index_batch(articles) -> int:
    documents = [document_for(article, [tag.name for tag in article.tags.all()]) for article in articles]
    pks = [document.article_id for document in documents]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[
                "config", "title", "standfirst", "body_text", "tags",
                "status", "published_at", "language", "section", "indexed_at",
            ],
        )
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk__in=pks).update(title_vector=_TITLE, head_vector=_HEAD, vector=_ALL)
        elif uses_fts5():
            _write_fts_rows(documents)
    return len(documents)


def _write_fts_rows(documents):
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(d.article_id,) for d in documents])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, standfirst, body, tags) VALUES (%s, %s, %s, %s, %s)",
            [(d.article_id, d.title, d.standfirst, d.body_text, d.tags) for d in documents],
        )


def remove_article(pk: int) -> None:
    """The document goes with the article (CASCADE); the FTS5 row needs telling."""
    if uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def unindexed_articles():
    return Article.objects.filter(search_document__isnull=True)
