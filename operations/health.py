"""``/healthz`` for load balancers and monitoring."""

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("operations.health")


def _timed(check):
    started = time.monotonic()
    try:
        check()
    except Exception as error:  # any failure is "down"; the type name is enough for a load balancer
        logger.warning("Health check failed: %s: %s", type(error).__name__, error)
        return {"ok": False, "error": type(error).__name__, "ms": round((time.monotonic() - started) * 1000, 1)}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    if hasattr(cache, "ping"):  # operations.cache.TolerantRedisCache hides outages from everything else
        cache.ping()
        return
    key = "healthz-probe"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 while the database answers (a cache outage only slows us), else 503."""
    database, cache_status = _timed(_check_database), _timed(_check_cache)
    if not database["ok"]:
        status = "unavailable"
    elif not cache_status["ok"]:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_status},
        status=200 if database["ok"] else 503,
    )
