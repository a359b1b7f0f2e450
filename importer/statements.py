"""The statements every imported file runs, as plain SQL.

Django's ORM takes longer to build each of these small queries (about 0.3 ms
on this machine) than the database takes to run them; over 10,000 files that
is a large share of the one-minute budget. Table and column names come from
the models' ``_meta``, so a renamed field changes the SQL with it. Everything
else an import does (saving the article, with its sanitising, slug and
signals) stays on the ORM.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from django.db import connection
from taggit.models import TaggedItem

from articles.models import Article
from importer.models import ImportedFile


@dataclass(frozen=True)
class _Sql:
    article_with_text: str
    article_from_file: str
    mark_imported: str
    record_file: str
    tag_row: str
    insert_tag_rows: str


@cache
def _sql(vendor: str) -> _Sql:
    quote = connection.ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    def column(model, field):
        return quote(model._meta.get_field(field).column)

    source_hash = column(Article, "source_hash")
    return _Sql(
        # The condition repeats the partial unique index's own ("NOT (... = '')") so SQLite uses the index.
        article_with_text=(
            f"SELECT {column(Article, 'id')}, {column(Article, 'source_name')} FROM {table(Article)} "
            f"WHERE {source_hash} = %s AND NOT ({source_hash} = '') LIMIT 1"
        ),
        article_from_file=(
            f"SELECT {column(ImportedFile, 'article')} FROM {table(ImportedFile)} "
            f"WHERE {column(ImportedFile, 'source_name')} = %s LIMIT 1"
        ),
        mark_imported=f"UPDATE {table(Article)} SET {column(Article, 'imported_at')} = %s WHERE {column(Article, 'id')} = %s",
        record_file=(
            f"INSERT INTO {table(ImportedFile)} ({column(ImportedFile, 'source_name')}, {column(ImportedFile, 'article')}) "
            f"VALUES (%s, %s)"
        ),
        tag_row="(%s, %s, %s)",
        insert_tag_rows=(
            f"INSERT INTO {table(TaggedItem)} ({column(TaggedItem, 'tag')}, {column(TaggedItem, 'content_type')}, "
            f"{column(TaggedItem, 'object_id')}) VALUES "
        ),
    )


def _run(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def article_with_text(content_hash: str) -> tuple[int, str] | None:
    """(pk, source name) of the article imported from this very text, if any."""
    rows = _run(_sql(connection.vendor).article_with_text, [content_hash])
    return rows[0] if rows else None


def article_from_file(source_name: str) -> int | None:
    rows = _run(_sql(connection.vendor).article_from_file, [source_name])
    return rows[0][0] if rows else None


def mark_imported(article_pk: int, at: datetime.datetime) -> None:
    value = Article._meta.get_field("imported_at").get_db_prep_value(at, connection)
    _run(_sql(connection.vendor).mark_imported, [value, article_pk])


def record_file(source_name: str, article_pk: int) -> None:
    _run(_sql(connection.vendor).record_file, [source_name, article_pk])


def insert_tag_rows(article_pk: int, content_type_pk: int, tag_pks: list[int]) -> None:
    if not tag_pks:
        return
    sql = _sql(connection.vendor)
    values = ", ".join([sql.tag_row] * len(tag_pks))
    params = [value for tag_pk in tag_pks for value in (tag_pk, content_type_pk, article_pk)]
    _run(sql.insert_tag_rows + values, params)
