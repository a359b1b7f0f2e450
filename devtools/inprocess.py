"""Reader pages built in this process, page cache off: no network, no queueing, no other worker.

``medians`` times each page kind as a reader's request costs the application; ``explain``
prints the plan of every query a page runs.
"""

import re
import statistics
import time
from contextlib import contextmanager

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import resolve
from django.utils import translation

from articles.context_processors import reader_sections
from articles.selectors import banner
from articles.views import ArticleDetailView
from donations.selectors import appeal_for
from liveblog.selectors import live_page
from newsletters.signup import signup_form

# A statement's literals (the moment "now", ids): two runs of a page send the same shapes.
_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
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


def _shape(sql: str) -> str:
    return _LITERALS.sub("?", sql)


def article_data_costs(paths: list[str], *, requests: int) -> dict:
    """What the article page's data costs through the ORM, against its SQL alone.

    Three medians over ``paths`` (article pages), in milliseconds: the whole page; its data
    fetched as the page fetches it (the view's ``get_object`` and ``get_context_data``, then
    what the templates ask for: sections, donation details, newsletters, banner), without
    template or middleware; and the very statements the page sent, sent again as text on the
    same connection (the database and the driver alone). ``pieces``: each part's median.
    ``missing``: statements of the page that the data run did not send (none, or the list
    above is out of date)."""
    factory = RequestFactory()

    def view_for(path):
        match = resolve(path)
        request = factory.get(path)
        request.user = AnonymousUser()
        view = ArticleDetailView()
        view.setup(request, **match.kwargs)
        return view, request

    def story(view, request):
        view.object = view.get_object()
        return view.object

    pieces = {
        "the story, its section, bylines and tags (get_object)": story,
        "related stories and corrections (get_context_data)": lambda view, request: view.get_context_data(object=view.object),
        "a live blog's entries (none here)": lambda view, request: live_page(view.object),
        "the sections": lambda view, request: reader_sections(request),
        "the donation details": lambda view, request: appeal_for(request),
        "the sign-up form's newsletters": lambda view, request: signup_form(),
        "the breaking-news banner": lambda view, request: banner(translation.get_language()),
    }

    def language_of(path):
        return path.strip("/").split("/")[0]

    def data(path, timings=None):
        with translation.override(language_of(path)):
            view, request = view_for(path)
            for name, piece in pieces.items():
                started = time.perf_counter()
                piece(view, request)
                if timings is not None:
                    timings.setdefault(name, []).append(time.perf_counter() - started)

    found = {"pieces": {}}
    with _reader_client() as client:
        for path in paths:
            _get(client, path)
            data(path)
        with CaptureQueriesContext(connection) as page_queries:
            _get(client, paths[0])
        with CaptureQueriesContext(connection) as data_queries:
            data(paths[0])
        sent = [query["sql"] for query in page_queries]
        found["queries"] = len(sent)
        shapes = {_shape(query["sql"]) for query in data_queries}
        found["missing"] = [sql[:120] for sql in sent if _shape(sql) not in shapes]
        page, fetched, as_text, timings = [], [], [], {}
        for number in range(requests):
            path = paths[number % len(paths)]
            started = time.perf_counter()
            _get(client, path)
            page.append(time.perf_counter() - started)
            started = time.perf_counter()
            data(path, timings)
            fetched.append(time.perf_counter() - started)
            with connection.cursor() as cursor:
                started = time.perf_counter()
                for sql in sent:
                    cursor.execute(sql)  # no parameters: the text as the page sent it
                    cursor.fetchall()
                as_text.append(time.perf_counter() - started)
    found.update(
        page=round(1000 * statistics.median(page), 2),
        data=round(1000 * statistics.median(fetched), 2),
        sql=round(1000 * statistics.median(as_text), 2),
        pieces={name: round(1000 * statistics.median(times), 2) for name, times in timings.items()},
    )
    return found
