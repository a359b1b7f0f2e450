"""Outages: the database down or slow, Redis down, and the health endpoint."""

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import override_settings

from operations.cache import TolerantRedisCache
from operations.dbtimeout import statement_timeout
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def database_refuses(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_readers_get_a_friendly_503_with_retry_after_when_the_database_is_down(quiet_client, caplog):
    with connection.execute_wrapper(database_refuses), caplog.at_level(logging.ERROR):
        response = quiet_client.get("/en/")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.content.decode()
    assert "We will be back shortly" in html
    assert "Traceback" not in html and "OperationalError" not in html and "127.0.0.1" not in html
    assert "no-cache" in response.headers["Cache-Control"]
    assert any("Database unavailable" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_a_bug_is_still_a_500_not_an_outage(quiet_client, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.HomeView, "get", broken)

    response = quiet_client.get("/en/")

    assert response.status_code == 500
    assert "Retry-After" not in response.headers


# A fresh process whose database really is unreachable: the connection itself fails.
UNREACHABLE_DATABASE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
page, health = client.get("/en/"), client.get("/healthz")
print(json.dumps({"page": [page.status_code, page.headers.get("Retry-After"), page.content.decode()],
                  "health": [health.status_code, json.loads(health.content)]}))
"""


def test_an_unreachable_database_server_gives_503_and_an_unhealthy_health_check():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings_test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/unreachable",
        DATABASE_CONN_MAX_AGE="0",
    )
    result = subprocess.run(
        [sys.executable, "-c", UNREACHABLE_DATABASE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])

    status, retry_after, html = outcome["page"]
    assert (status, retry_after) == (503, "30")
    assert "Traceback" not in html and "psycopg" not in html
    assert outcome["health"][0] == 503
    assert outcome["health"][1]["database"]["ok"] is False
    assert "Database unavailable" in result.stderr  # logged


@pytest.mark.django_db
def test_health_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True and body["cache"]["ok"] is True
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr("operations.cache.RETRY_AFTER", 60)  # a slow test run must not see Redis retried
    dead = {**settings.CACHES, "default": {"BACKEND": "operations.cache.TolerantRedisCache", "LOCATION": DEAD_REDIS}}
    with override_settings(CACHES=dead):
        yield caches["default"]


@pytest.mark.django_db
def test_with_redis_down_the_site_serves_from_the_database_and_logs_it(client, redis_down, caplog):
    article = ArticleFactory(title="Served without a cache")

    with caplog.at_level(logging.WARNING, logger="operations.cache"):
        home = client.get("/en/")
        detail = client.get(article.get_absolute_url())

    assert home.status_code == 200 and detail.status_code == 200
    assert "Served without a cache" in detail.content.decode()
    warnings = [r.getMessage() for r in caplog.records if r.name == "operations.cache"]
    assert warnings and "Cache unavailable" in warnings[0]
    assert len(warnings) == 1  # Redis is left alone for a while: no log line (and no timeout) per cache call


@pytest.mark.django_db
def test_with_redis_down_health_says_degraded_but_stays_in_rotation(client, redis_down):
    response = client.get("/healthz")

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["cache"] == {"ok": False, "error": "ConnectionError", "ms": body["cache"]["ms"]}


def test_the_tolerant_cache_misses_and_drops_writes_instead_of_raising(redis_down):
    cache = redis_down

    assert cache.get("key", "default") == "default"
    assert cache.set("key", "value") is None
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_a_hanging_redis_costs_one_short_timeout_not_one_per_cache_call():
    with socket.socket() as server:  # accepts connections, never answers
        server.bind(("127.0.0.1", 0))
        server.listen()
        cache = TolerantRedisCache(f"redis://127.0.0.1:{server.getsockname()[1]}/0", {})

        started = time.monotonic()
        assert cache.get("key", "default") == "default"
        first = time.monotonic() - started
        started = time.monotonic()
        assert cache.get_many(["a", "b"]) == {} and cache.add("key", "value") is False
        after = time.monotonic() - started

    assert 0.4 < first < 2  # the socket timeout, half a second
    assert after < 0.1  # Redis is left alone meanwhile


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a live Redis (REDIS_URL)")
def test_invalidations_lost_in_an_outage_clear_the_cache_when_redis_returns(monkeypatch):
    cache = caches["default"]
    cache.set("pagecache:stale-page", "a pulled story")

    monkeypatch.setattr("operations.cache.time.monotonic", lambda: cache.down_until - 1)  # Redis away
    cache.delete("pagecache:stale-page")  # the invalidation is dropped
    monkeypatch.undo()  # Redis answers again

    assert cache.get("pagecache:stale-page") is None
    assert cache.lost_writes is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's")
@pytest.mark.django_db
def test_a_slow_reader_query_is_cancelled_by_the_statement_timeout():
    with statement_timeout(100), connection.cursor() as cursor:
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(2)")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's")
@pytest.mark.django_db
def test_reader_requests_run_under_the_reader_timeout_and_staff_requests_under_a_longer_one(
    client, superuser, settings
):
    settings.READER_STATEMENT_TIMEOUT_MS = 1234
    settings.STAFF_STATEMENT_TIMEOUT_MS = 5678
    seen = []

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        with context["connection"].connection.cursor() as raw:
            raw.execute("SHOW statement_timeout")
            seen.append(raw.fetchone()[0])
        return result

    with connection.execute_wrapper(record):
        client.get("/en/")
    assert seen and set(seen) == {"1234ms"}

    seen.clear()
    client.force_login(superuser)
    with connection.execute_wrapper(record):
        client.get("/admin/")
    assert seen and set(seen) == {"5678ms"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a live Redis (REDIS_URL)")
def test_clearing_the_cache_removes_this_sites_keys_only_never_another_sites():
    ours = caches["default"]
    location = settings.CACHES["default"]["LOCATION"]
    neighbour = TolerantRedisCache(location, {"KEY_PREFIX": f"another-site-{os.getpid()}"})
    neighbour.set("page", "their page")
    ours.set("page", "our page")
    try:
        ours.clear()

        assert ours.get("page") is None
        assert neighbour.get("page") == "their page"
    finally:
        neighbour.delete("page")
