"""Issue 18, item 2: a story pulled while Redis was away must not come back when Redis returns
from an older snapshot (its old content version and old pages), whichever process asks first.

Real Redis (REDIS_URL): the snapshot is every key of this run's namespace, read with the cache
API; "away" is the cache pointed at a closed port; the restore puts the old values back. The
change is made by another thread, with its own database connection and its own memory of the
version, as another gunicorn worker or a management command would.
"""

import os
import threading
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from pagecache.version import VERSION_KEY
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a live Redis (REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGECACHE_ENABLED = True


def in_another_process(change):
    """Run ``change`` in a thread of its own: its own connection, its own remembered version."""
    failure = []

    def run():
        try:
            change()
        except Exception as error:  # pragma: no cover - reported below
            failure.append(error)
        finally:
            from django.db import connection

            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failure, failure


def pull_while_redis_is_away(article, monkeypatch):
    monkeypatch.setattr("operations.cache.RETRY_AFTER", 60)
    dead = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}

    def unpublish():
        with override_settings(CACHES=dead):
            article.unpublish()
            article.save()  # its cache write of the version is lost

    in_another_process(unpublish)


def snapshot():
    cache = caches["default"]
    return cache.get_many(cache.keys("*"))  # django-redis's keys(): this run's KEY_PREFIX only


def restore(saved):
    caches["default"].set_many(saved, timeout=300)


@pytest.mark.parametrize("check_seconds", [0, 0.2])
def test_a_story_pulled_while_redis_was_away_is_404_after_redis_returns_from_an_older_snapshot(
    client, page_cache_on, settings, monkeypatch, check_seconds
):
    settings.PAGECACHE_VERSION_CHECK_SECONDS = check_seconds
    article = ArticleFactory(title="A story that will be pulled")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    saved = snapshot()
    assert VERSION_KEY in saved and len(saved) >= 2  # the version and the page

    pull_while_redis_is_away(article, monkeypatch)
    restore(saved)
    # This process read the version before the outage; it trusts that memory at most this long.
    time.sleep(check_seconds)

    response = client.get(url)
    assert response.status_code == 404
    assert client.get(url).status_code == 404


def test_the_first_request_after_the_restore_re_seeds_the_cache_for_every_other_process(
    client, page_cache_on, settings, monkeypatch
):
    settings.PAGECACHE_VERSION_CHECK_SECONDS = 0
    article = ArticleFactory(title="A story that will be pulled")
    url = article.get_absolute_url()
    client.get(url)
    saved = snapshot()
    pull_while_redis_is_away(article, monkeypatch)
    restore(saved)

    assert client.get(url).status_code == 404
    from pagecache.version import content_version

    assert caches["default"].get(VERSION_KEY) == content_version()
