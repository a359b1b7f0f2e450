"""Compressed pages: stored reader pages go out gzip-compressed to clients that accept it and
plain to those that do not, from the same stored copy; what the cache does not store is
compressed on the way out, except where a secret sits beside reflected input (BREACH)."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory
from tests.pagecache.urls import PICTURE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pagecache.urls")]

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_TIMEOUT = 300
    settings.PAGECACHE_VERSION_CHECK_SECONDS = 60


@pytest.fixture
def story(db):
    return ArticleFactory(title="Wheat prices fall in Kandahar", body="<p>" + "Traders in the bazaar said so. " * 200 + "</p>")


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


def test_a_cached_page_is_compressed_for_a_client_that_accepts_gzip_and_plain_for_one_that_does_not(client, story):
    url = story.get_absolute_url()
    first = client.get(url, headers=GZIP)  # built, stored, sent compressed
    plain_hit = client.get(url)  # no Accept-Encoding: the stored copy, unpacked
    gzip_hit = client.get(url, headers=GZIP)

    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    assert (plain_hit["X-Page-Cache"], gzip_hit["X-Page-Cache"]) == ("hit", "hit")
    assert not plain_hit.has_header("Content-Encoding")
    assert gzip_hit["Content-Encoding"] == "gzip"
    page = plain_hit.content.decode()
    assert story.title in page and page.rstrip().endswith("</html>")
    assert gzip.decompress(gzip_hit.content) == gzip.decompress(first.content) == plain_hit.content
    assert len(gzip_hit.content) < len(plain_hit.content) / 3
    for response in (first, plain_hit, gzip_hit):
        assert "accept-encoding" in vary(response)
        assert int(response["Content-Length"]) == len(response.content)


def test_a_page_built_for_a_client_without_gzip_is_stored_compressed_for_the_next_who_accepts_it(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and not first.has_header("Content-Encoding")
    second = client.get(url, headers=GZIP)
    assert second["X-Page-Cache"] == "hit" and second["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.content) == first.content


def test_each_copy_revalidates_with_its_etag_and_the_compressed_one_is_weak(client, story):
    url = story.get_absolute_url()
    plain = client.get(url)
    packed = client.get(url, headers=GZIP)
    assert plain["ETag"].startswith('"')
    assert packed["ETag"] == "W/" + plain["ETag"]  # the same page, another encoding (RFC 9110 8.8.1)

    for etag, headers in ((plain["ETag"], {}), (packed["ETag"], GZIP)):
        not_modified = client.get(url, headers={**headers, "If-None-Match": etag})
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert not_modified["ETag"] == etag
        assert "accept-encoding" in vary(not_modified)

    story.title = "Wheat prices rise in Kandahar"
    story.save()
    changed = client.get(url, headers={**GZIP, "If-None-Match": packed["ETag"]})
    assert changed.status_code == 200
    assert "Wheat prices rise" in gzip.decompress(changed.content).decode()
    assert changed["ETag"] != packed["ETag"]


def test_a_page_the_cache_does_not_store_is_compressed_on_the_way_out(client, db):
    missing = client.get("/en/no-such-section/1-nothing/", headers=GZIP)
    assert missing.status_code == 404
    assert missing["Content-Encoding"] == "gzip" and "accept-encoding" in vary(missing)
    assert b"<html" in gzip.decompress(missing.content)


def test_nothing_with_a_csrf_token_or_for_staff_is_compressed(client, db):
    # BREACH needs a secret in a compressed body beside reflected input: these carry secrets.
    form = client.get("/form/", headers=GZIP)
    assert b"csrfmiddlewaretoken" in form.content and not form.has_header("Content-Encoding")

    login = client.get("/admin/login/", headers=GZIP)
    assert login.status_code == 200 and not login.has_header("Content-Encoding")

    client.force_login(UserFactory(is_staff=True))
    home = client.get(reverse("articles:home"), headers=GZIP)
    assert home.status_code == 200 and not home.has_header("Content-Encoding")


def test_feeds_are_compressed_and_pictures_are_not(client, story):
    feed = client.get("/en/feeds/rss/", headers=GZIP)
    assert feed.status_code == 200 and feed["Content-Encoding"] == "gzip"
    assert story.title.encode() in gzip.decompress(feed.content)

    client.get("/picture/", headers=GZIP)  # stored
    for response in (client.get("/picture/", headers=GZIP), client.get("/picture/")):
        assert response["X-Page-Cache"] == "hit" and not response.has_header("Content-Encoding")
        assert response.content == PICTURE
