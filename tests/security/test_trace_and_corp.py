"""Issue 18, items 8d and 8e: ``Cross-Origin-Resource-Policy: same-origin`` on our responses,
and TRACE answered 405 on every URL (not 200 from a function view, not a 500)."""

import re

import pytest
from django.urls import URLResolver, get_resolver

from tests.donations.factories import seed_details
from tests.factories import ArticleFactory, AuthorFactory


def sample_paths(resolver=None, prefix: str = ""):
    """One concrete path per URL pattern of the site, converters filled with sample values."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from sample_paths(pattern, route)
            continue
        route = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "x", route)  # regex groups
        route = re.sub(r"<int:\w+>", "1", route)
        route = re.sub(r"<(?:\w+:)?\w+>", "x", route).replace("^", "").replace("$", "").replace("\\", "")
        yield "/" + route


@pytest.fixture
def site(db):
    seed_details()
    article = ArticleFactory(authors=[AuthorFactory(slug="mina")], tags=["Kabul"])
    return article


def test_trace_is_refused_with_405_on_every_url_pattern(client, site):
    paths = sorted({*sample_paths(), site.get_absolute_url(), "/en/donate/", "/en/author/mina/", "/no-such-page/"})
    assert len(paths) > 30

    answers = {path: client.generic("TRACE", path).status_code for path in paths}

    assert {path: status for path, status in answers.items() if status != 405} == {}
    response = client.generic("TRACE", "/en/")
    assert "TRACE" not in response["Allow"] and "GET" in response["Allow"]


def test_trace_is_refused_for_a_signed_in_editor_too(client, site, editor):
    client.force_login(editor)
    assert client.generic("TRACE", "/admin/").status_code == 405
    assert client.generic("TRACE", site.get_absolute_url()).status_code == 405


@pytest.mark.parametrize("path", ["/en/", "/ps/", "/en/donate/", "/admin/login/", "/healthz", "/robots.txt",
                                  "/sitemap.xml", "/en/feeds/rss/", "/en/no-such-page/"])
def test_every_response_says_only_our_own_pages_may_load_it(client, site, path):
    response = client.get(path)
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_a_page_served_from_the_page_cache_keeps_the_header(client, site):
    client.get("/en/")
    assert client.get("/en/").headers["Cross-Origin-Resource-Policy"] == "same-origin"
