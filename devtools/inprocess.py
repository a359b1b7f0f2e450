"""Reader pages built in this process, page cache off: no network, no queueing, no other worker.

``medians`` times each page kind as a reader's request costs the application; ``explain``
prints the plan of every query a page runs.
"""

import re
import statistics
import time
from contextlib import contextmanager

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

_STATEMENTS = re.compile(r";\s*(?=SELECT\b|WITH\b|SET\b)", re.IGNORECASE)


@contextmanager
def _reader_client():
    # Plain HTTP on the test client's host; DEBUG off so no query is logged.
    with override_settings(PAGECACHE_ENABLED=False, DEBUG=False, ALLOWED_HOSTS=["testserver"],
                           SECURE_SSL_REDIRECT=False):
        yield Client()


def _get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return response


def medians(pages: dict[str, list[str]], *, requests: int) -> dict[str, float]:
    """The median milliseconds of ``requests`` requests per kind, over its pages in turn,
    after each page once (templates loaded, connection open)."""
    found = {}
    with _reader_client() as client:
        for kind, paths in pages.items():
            for path in paths:
                _get(client, path)
            timings = []
            for number in range(requests):
                started = time.perf_counter()
                _get(client, paths[number % len(paths)])
                timings.append(time.perf_counter() - started)
            found[kind] = round(1000 * statistics.median(timings), 2)
    return found


def explain(pages: dict[str, list[str]], say) -> list[str]:
    """EXPLAIN ANALYZE of every query of each kind's first page, under the settings the page
    gave its statements; returns the kinds whose plans read the whole article table."""
    if connection.vendor != "postgresql":
        say("EXPLAIN ANALYZE needs PostgreSQL (DATABASE_URL=postgres://...).")
        return []
    whole_table = []
    with _reader_client() as client:
        for kind, paths in pages.items():
            with CaptureQueriesContext(connection) as captured:
                _get(client, paths[0])
            say(f"=== {kind}: {paths[0]} ({len(captured)} queries)")
            with transaction.atomic(), connection.cursor() as cursor:
                for number, query in enumerate(captured, 1):
                    # Statements sent together run as sent (e.g. a search's planner settings);
                    # the last is the one explained.
                    *leading, sql = _STATEMENTS.split(query["sql"])
                    for statement in leading:
                        cursor.execute(statement)
                    if sql.upper().startswith("SET "):
                        cursor.execute(sql)
                    elif sql.upper().startswith(("SELECT", "WITH")):
                        cursor.execute(f"EXPLAIN ANALYZE {sql}")
                        plan = "\n".join(row[0] for row in cursor.fetchall())
                        say(f"--- {kind} query {number}: {sql[:300]}\n{plan}\n")
                        if re.search(r"Seq Scan on articles_article\b", plan) and kind not in whole_table:
                            whole_table.append(kind)
                transaction.set_rollback(True)
    return whole_table
