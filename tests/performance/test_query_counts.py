"""Every reader page runs a small, fixed number of queries, however much it shows.

Each page is requested twice in a world with 1 and with 20 of everything
(tags, authors, corrections, related stories, list items; tests/performance/
world.py); the second request is counted, so per-process warm-ups (content
types, the cached donation details) are out of the figure. The page cache is
off here (tests' default): these are the queries of a page being built, from
scratch (no story card or navigation kept: pagecache/fragments.py) and again with
the pieces other requests rendered (``EXPECTED_WITH_KEPT_FRAGMENTS``).
"""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.performance.world import build_world, reader_urls

pytestmark = pytest.mark.django_db

EXPECTED = {
    # sections (navigation and blocks), ids of the lead, latest and newest per section (one
    # window of the newest), the cards' rows and their renditions, most read ids and rows
    "home": 6,
    # the article with section; bylines, tags, corrections, renditions and translations for
    # the story, and when its next translation goes live (its pieces are kept until then);
    # related ids (the article's tags a subquery), their cards' rows and renditions; the
    # navigation's sections
    "article": 11,
    # tag or author (a section comes from the sections the navigation lists); the page of ids
    # with the list's total (one query); the cards' rows and renditions; navigation sections
    "section": 4,
    "tag": 5,
    "author": 5,
    # the sections (navigation, section menu, results' sections); the page's ids (one more than
    # shown: no count); its articles with their snippet text
    "search": 3,
    # feeds: (the section, tag or author; for a tag, whether a live article uses it;)
    # the newest articles with their sections; their bylines with authors; their tags
    "feed site rss": 3,
    "feed section rss": 4,
    "feed tag rss": 4,
    "feed author rss": 4,
    "feed language rss": 3,
    "feed site atom": 3,
    "feed section atom": 4,
    "feed tag atom": 4,
    "feed author atom": 4,
    "feed language atom": 3,
    # sitemaps are measured with their own cache emptied: the index dates and counts each
    # part (articles: latest date + count; sections, tags, authors, flat pages); the articles
    # part: count, the page of articles, their live translations (hreflang)
    "sitemap index": 6,
    "news sitemap": 1,
    "sitemap articles": 3,
    "sitemap sections": 1,
    "sitemap tags": 1,
    "sitemap authors": 1,
}


# Cards, the story itself and the navigation kept: only what decides which stories to show.
EXPECTED_WITH_KEPT_FRAGMENTS = {
    "home": 2,  # the window of newest ids, most read ids (the sections are kept too)
    "article": 1,  # the article (related ids kept until the next scheduled story goes live)
    "section": 1,  # the page of ids with the total (the section is among the kept sections)
    "tag": 1,  # the page of ids (the tag, its total and its cards are kept)
    "author": 2,
    "search": 1,  # the page's ids (its results, snippets and all, are kept for those ids)
}


def count_queries(client, url, *, empty_cache, kept_fragments=False):
    client.get(url)
    if empty_cache:
        cache.clear()
    if not kept_fragments:
        caches["fragments"].clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries), [q["sql"][:120] for q in context.captured_queries]


@pytest.fixture(autouse=True)
def pages_are_built(settings):
    # Whatever the environment says: a cache hit would count no query at all.
    settings.PAGECACHE_ENABLED = False


@pytest.fixture(params=[1, 20], ids=["1 of each", "20 of each"])
def world(request):
    return build_world(request.param)


# On PostgreSQL search sets its planner settings for the transaction and puts them back
# (search.engine.search_plans), and its first ranking tier's fortnight, short of a page, is
# followed by a count of the matches that ends the search: three statements more.
POSTGRESQL_EXTRA = {"search": 3}


def test_every_reader_page_runs_its_fixed_number_of_queries(client, world):
    from django.db import connection

    urls = reader_urls(world)
    assert set(urls) == set(EXPECTED)
    extra = POSTGRESQL_EXTRA if connection.vendor == "postgresql" else {}
    expected = {name: count + extra.get(name, 0) for name, count in EXPECTED.items()}
    wrong = {}
    for name, url in urls.items():
        count, queries = count_queries(client, url, empty_cache=name.startswith(("sitemap", "news sitemap")))
        if count != expected[name]:
            wrong[name] = (count, queries)
    for name, count in EXPECTED_WITH_KEPT_FRAGMENTS.items():
        count += extra.get(name, 0)
        kept, queries = count_queries(client, urls[name], empty_cache=False, kept_fragments=True)
        if kept != count:
            wrong[f"{name} (kept fragments)"] = (kept, queries)
            expected[f"{name} (kept fragments)"] = count
    assert not wrong, "\n".join(f"{name}: {count} queries, expected {expected[name]}:\n  " + "\n  ".join(queries)
                                for name, (count, queries) in wrong.items())
