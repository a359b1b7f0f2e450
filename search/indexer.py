"""Keep SearchDocument (and SQLite's FTS5 table) in step with articles.

``index_articles`` is the one way in: signals call it for one article, the
``rebuild_search_index`` command and the post-migrate hook for many.
"""

import html
import multiprocessing
import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, Language
from search.models import SearchDocument
from search.normalize import normalize

FTS_TABLE = "search_fts"
# Long enough for any real article; a tsvector cannot exceed 1 MB.
MAX_BODY_CHARS = 100_000
_TAG = re.compile(r"<[^>]*>")


def text_search_config(language: str) -> str:
    """English gets stemming; Pashto and Dari have no stemmer in PostgreSQL, so 'simple'."""
    return "english" if language == Language.ENGLISH else "simple"


def plain_text(body_html: str) -> str:
    # Tags become spaces so "<p>one</p><p>two</p>" does not read as "onetwo".
    return html.unescape(_TAG.sub(" ", body_html or ""))


# What a document copies from its article, in the order _document_values returns it.
_COLUMNS = (
    "article_id", "config", "title", "standfirst", "body_text", "tags", "status", "published_at", "language",
    "section_id",
)
_ARTICLE_FIELDS = ("pk", "title", "standfirst", "body", "status", "published_at", "language", "section_id")


def _document_values(pk, title, standfirst, body, status, published_at, language, section_id, tag_names) -> tuple:
    return (
        pk,
        text_search_config(language),
        normalize(title),
        normalize(standfirst),
        normalize(plain_text(body))[:MAX_BODY_CHARS],
        normalize(" ".join(sorted(tag_names))),
        status,
        published_at,
        language,
        section_id,
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


def index_articles(queryset, *, batch_size: int = 500, jobs: int = 1) -> int:
    """(Re)build the documents of the articles in ``queryset``; returns how many.

    ``jobs`` > 1 indexes in that many worker processes, each with its own
    connection, on PostgreSQL only (SQLite takes one writer at a time) and only
    outside a transaction (workers could not see this connection's uncommitted
    rows); otherwise it runs here. Most of the work is PostgreSQL building the
    vectors and Python normalising text, so a 2-core machine gets both cores.
    """
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    batches = [pks[start : start + batch_size] for start in range(0, len(pks), batch_size)]
    if jobs > 1 and len(batches) > 1 and parallel_possible():
        # Children must open their own connections, not share this process's socket.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(batches))) as pool:
            for _ in pool.imap_unordered(_index_pks, batches):
                pass
    else:
        for batch in batches:
            _index_pks(batch)
    return len(pks)


def parallel_possible() -> bool:
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def index_article(article: Article) -> None:
    _write_documents([document_values(article, [tag.name for tag in article.tags.all()])])


def document_values(article: Article, tag_names) -> tuple:
    return _document_values(
        article.pk, article.title, article.standfirst, article.body, article.status, article.published_at,
        article.language, article.section_id, tag_names,
    )


def _index_pks(pks) -> int:
    """Index the articles with these pks: two queries to read them (one for the
    tag names, cheaper than taggit's prefetch building Tag objects), one to write."""
    tag_names = {pk: [] for pk in pks}
    links = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=pks
    ).values_list("object_id", "tag__name")
    for object_id, name in links:
        tag_names[object_id].append(name)
    rows = Article.objects.filter(pk__in=pks).values_list(*_ARTICLE_FIELDS)
    return _write_documents([_document_values(*row, tag_names[row[0]]) for row in rows])


def _write_documents(values) -> int:
    if not values:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _upsert_with_vectors(values)
        else:
            now = timezone.now()
            documents = [SearchDocument(**dict(zip(_COLUMNS, row, strict=True)), indexed_at=now) for row in values]
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=[*_COLUMNS[1:], "indexed_at"],
            )
            if uses_fts5():
                _write_fts_rows(documents)
    return len(values)


# The vectors in the same statement as the row, one write per document. They are
# exactly what search.engine expects (and what SearchVector("title", weight="A",
# config=F("config")) + ... would give): title A; head = title A || standfirst B
# || tags B; vector = head || body C, each part to_tsvector(config, COALESCE(x, '')).
_UPSERT = """
INSERT INTO {table} ({columns}, indexed_at, title_vector, head_vector, vector)
SELECT {row_columns}, %s, v.title_vector, v.head_vector, v.head_vector || v.body_vector
FROM unnest(
    %s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::timestamptz[],
    %s::text[], %s::bigint[]
) AS d({columns})
CROSS JOIN LATERAL (
    SELECT t.title_vector, t.title_vector || {standfirst} || {tags} AS head_vector, {body} AS body_vector
    FROM (SELECT {title} AS title_vector) AS t
) AS v
ON CONFLICT (article_id) DO UPDATE SET {updates}
"""


def _vector_sql(column, weight):
    return f"setweight(to_tsvector(d.config::regconfig, COALESCE(d.{column}, '')), '{weight}')"


_UPSERT_SQL = _UPSERT.format(
    table=SearchDocument._meta.db_table,
    columns=", ".join(_COLUMNS),
    row_columns=", ".join(f"d.{column}" for column in _COLUMNS),
    title=_vector_sql("title", "A"),
    standfirst=_vector_sql("standfirst", "B"),
    tags=_vector_sql("tags", "B"),
    body=_vector_sql("body_text", "C"),
    updates=", ".join(
        f"{column} = EXCLUDED.{column}"
        for column in (*_COLUMNS[1:], "indexed_at", "title_vector", "head_vector", "vector")
    ),
)


def _upsert_with_vectors(values):
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_SQL, [timezone.now(), *(list(column) for column in zip(*values, strict=True))])


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
