"""Issue 18, item 3: every reader URL pattern answers hostile input with 400 or 404, never a 500.

The patterns come from the resolver itself (every pattern outside the admin, including feeds,
sitemaps, search, donate, the edition chooser and the flat-page fallback), so a new page is
covered the day it is added. Run on SQLite and on PostgreSQL (a NUL byte is PostgreSQL's error).
"""

import re

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from articles.models import Article, ArticleAuthor
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory
from tests.security.hostile import PATH_VALUES, QUERY_PARAMETERS, QUERY_VALUES

pytestmark = pytest.mark.django_db

STAFF_PREFIXES = ("admin/",)
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def reader_routes(patterns=None, prefix=""):
    """Every reader URL pattern as a route string, e.g. ``en/tag/<str:slug>/``."""
    translation.activate("en")
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(STAFF_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from reader_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route
    # What no pattern matches goes to the flat-page fallback.
    if patterns is None:
        yield "en/<str:flatpage>/"


ROUTES = sorted(set(reader_routes()))


@pytest.fixture
def world(db):
    article = ArticleFactory(title="A live story")
    author = AuthorFactory(slug="reporter")
    ArticleAuthor.objects.create(article=article, author=author)
    article.tags.add("floods")
    return {
        "slug": article.slug, "section": article.section.slug, "pk": str(article.pk),
        "language": "en", "flatpage": "about-us",
    }


def fill(route, values, hostile_name=None, hostile=None):
    def value(match):
        name = match.group("name")
        if name == hostile_name:
            return hostile
        if name == "slug" and "tag/" in route:
            return "floods"
        if name == "slug" and "author/" in route:
            return "reporter"
        return values.get(name, "news")

    return "/" + PARAMETER.sub(value, route)


def hostile_urls(route, world):
    names = [m.group("name") for m in PARAMETER.finditer(route)]
    for name in names:
        for hostile in PATH_VALUES:
            yield fill(route, world, name, hostile)
    base = fill(route, world)
    for parameter in QUERY_PARAMETERS:
        for hostile in QUERY_VALUES:
            yield f"{base}?{parameter}={hostile}"
    yield f"{base}%00"
    yield f"{base}%FF/"


@pytest.fixture
def attacker(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_input_to_every_reader_url_pattern_gets_400_or_404_never_500(attacker, world, route):
    # The pattern itself works with good input (else the hostile requests prove nothing); a
    # POST-only endpoint (the mail provider's webhook) answers a GET with 405, a newsletter
    # link with a made-up token says it does not work (400).
    assert attacker.get(fill(route, world)).status_code in (200, 301, 302, 400, 404, 405)
    answers = {url: attacker.get(url).status_code for url in hostile_urls(route, world)}

    server_errors = {url[:120]: status for url, status in answers.items() if status >= 500}
    assert not server_errors
    assert not [m for m in mail.outbox if "ERROR" in m.subject]


@pytest.mark.parametrize(
    "url",
    [
        "/en/tag/floods%00/", "/en/author/reporter%00/", "/en/feeds/tag/floods%00/rss/",
        "/en/feeds/author/reporter%00/atom/", "/en/tag/%FF/", "/en/author/" + "x" * 3000 + "/",
    ],
)
def test_a_nul_byte_broken_utf8_or_an_overlong_slug_is_refused_or_not_found(attacker, world, url):
    assert attacker.get(url).status_code in (400, 404)


@pytest.mark.parametrize("page", ["9223372036854775808", "1" + "0" * 40, "-1", "0", "2"])
@pytest.mark.parametrize("path", ["/en/section/{section}/", "/en/tag/floods/", "/en/author/reporter/", "/en/corrections/"])
def test_a_page_number_past_the_last_or_before_the_first_is_not_found(attacker, world, path, page):
    url = path.format(**world)
    CorrectionFactory(article=Article.objects.get())
    assert attacker.get(url).status_code == 200

    assert attacker.get(f"{url}?page={page}").status_code == 404


@pytest.mark.parametrize("query", ["page=%00", "page=1%00", "q=%00", "q=a%00b", "language=en%00"])
def test_a_nul_byte_in_the_query_is_a_bad_request(attacker, world, query):
    assert attacker.get(f"/en/search/?{query}").status_code == 400
    assert attacker.get(f"/en/section/{world['section']}/?{query}").status_code == 400


def test_a_tab_pasted_into_a_search_is_still_a_search(attacker, world):
    assert attacker.get("/en/search/?q=live%09story").status_code == 200


@pytest.mark.parametrize("path", ["/en/tag/floods%0A/", "/en/author/reporter%09/", "/en/section/%7F/"])
def test_a_control_character_in_the_path_is_a_bad_request(attacker, world, path):
    assert attacker.get(path).status_code == 400
