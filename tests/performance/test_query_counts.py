"""Every reader page runs a small, fixed number of queries, however much it shows.

Each page is requested twice in a world with 1 and with 20 of everything
(tags, authors, corrections, related stories, list items; tests/performance/
world.py); the second request is counted, so per-process warm-ups (content
types) are out of the figure. The page cache is off here (tests' default): these
are the queries of a page being built.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from audience import counting
from tests.performance.world import build_world, reader_urls

pytestmark = pytest.mark.django_db

EXPECTED = {
    # Every page drawn on base.html also asks for its edition's breaking-news banner (one row by
    # its unique language; articles.Banner): one query more than before the banner.
    # sections (navigation and blocks), ids of the lead, latest and newest per section (one
    # window of the newest, with the stories editors pinned in the same UNION ALL), the cards' rows
    # (no pictures here, so no renditions), most read (the edition's counted reads of the week;
    # nobody read anything in this world, so the imported totals too: a site with readers has one
    # query less, tests/audience), the donation details with their live payment methods, the
    # newsletters the sign-up form offers, the banner
    "home": 8,
    # the article with section (and whether it has corrections or translations: it has
    # corrections, no translation); its bylines, tags and corrections; related stories (the
    # article's tags a subquery); the navigation's sections; the donation details; the
    # newsletters the sign-up form under the story offers; the banner
    "article": 9,
    # tag or author (a section comes from the sections the navigation lists); the page's rows
    # (one more than it shows, instead of counting the list; on a section's first page with the
    # story pinned at its top, one UNION of ids); navigation sections; donation details; the banner
    "section": 4,
    "tag": 5,
    "author": 5,
    # the ids of the three ranking tiers (fewer matches than a search pages through, so each
    # tier is asked); the page's articles with their sections and snippet text; the
    # navigation's sections (the section menu too); the donation details; the banner
    "search": 7,
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


def count_queries(client, url, *, empty_cache):
    client.get(url)
    if empty_cache:
        cache.clear()
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


def test_every_reader_page_runs_its_fixed_number_of_queries(client, world):
    urls = reader_urls(world)
    assert set(urls) == set(EXPECTED)
    expected = dict(EXPECTED)
    wrong = {}
    for name, url in urls.items():
        count, queries = count_queries(client, url, empty_cache=name.startswith(("sitemap", "news sitemap")))
        if count != expected[name]:
            wrong[name] = (count, queries)
    assert not wrong, "\n".join(f"{name}: {count} queries, expected {expected[name]}:\n  " + "\n  ".join(queries)
                                for name, (count, queries) in wrong.items())


def test_the_home_page_of_a_site_with_readers_reads_most_read_in_one_query(client, world):
    for article in Article.objects.published():
        counting.record_read(article.pk, address="198.51.100.3", user_agent="Mozilla/5.0 (Android 14; Mobile) Firefox/133.0")
    counting.roll_up()
    count, queries = count_queries(client, reader_urls(world)["home"], empty_cache=False)
    assert count == EXPECTED["home"] - 1, queries
