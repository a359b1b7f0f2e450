"""Requests that miss the same page at once: one builds it, the others wait for its copy."""

import threading
import time

import pytest
from django.db import connections
from django.test import Client

from tests.pagecache import urls

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.pagecache.urls")]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_VERSION_CHECK_SECONDS = 60
    urls.BUILDS.clear()


def at_once(path: str, readers: int) -> list:
    """``readers`` anonymous GETs of ``path`` sent together, as a burst from several workers would."""
    answers = [None] * readers
    start = threading.Barrier(readers)

    def read(number):
        start.wait()
        try:
            answers[number] = Client().get(path)
        finally:
            connections.close_all()  # this thread's own connection, or the test database cannot be dropped

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_a_burst_of_readers_missing_one_page_builds_it_once():
    answers = at_once("/slow/", 4)
    assert urls.BUILDS == ["/slow/"]
    assert sorted(answer["X-Page-Cache"] for answer in answers) == ["hit", "hit", "hit", "miss"]
    assert {answer.content for answer in answers} == {answers[0].content}
    assert len({answer["ETag"] for answer in answers}) == 1


def test_a_page_that_is_not_stored_lets_the_waiting_readers_build_it_without_waiting_out_the_limit(settings):
    settings.PAGECACHE_BUILD_WAIT_SECONDS = 5
    began = time.monotonic()
    answers = at_once("/slow-missing/", 3)
    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert len(urls.BUILDS) == 3  # nothing stored: each built its own, one after the lock went
    assert time.monotonic() - began < 3, "the waiters stopped when the builder let go, not after 5 s"


def test_a_builder_that_takes_too_long_is_not_waited_for_past_the_limit(settings):
    settings.PAGECACHE_BUILD_WAIT_SECONDS = 0.05
    answers = at_once("/slow/", 3)
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert len(urls.BUILDS) == 3
