"""The Redis cache, minus the outages: every page can be built from the database,
so Redis being down must cost speed, never availability.

``TolerantRedisCache`` is django-redis's cache (which keeps one client per
connection pool, where Django's own ``RedisCache`` builds a new one for every
call) with only its public Django cache methods overridden. When Redis cannot be
reached, reads miss, writes are dropped and counters act as missing; one warning
is logged, and Redis is left alone for ``RETRY_AFTER`` seconds, so a hanging
server costs one socket timeout per worker rather than one per cache call.
django-redis's own ``IGNORE_EXCEPTIONS`` would retry and log (with a traceback)
on every call. A write lost meanwhile may have been an invalidation: the first call
that reaches Redis again clears this site's keys. (The page cache does not depend on
that: its content version lives in the database, ``pagecache.version``, so even a Redis
restored from an older snapshot cannot bring a pulled story back.)

Clearing removes only this site's keys (``KEY_PREFIX``, django-redis's
``delete_pattern``), never the whole Redis database: other sites may share it.

The socket timeouts are django-redis's documented ``OPTIONS``; these defaults
apply unless ``CACHES`` sets them.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("operations.cache")

RETRY_AFTER = 5.0
SOCKET_TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
OUTAGE = (ConnectionError, TimeoutError)  # redis-py's; its ConnectionError covers refused and reset sockets


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, {**params, "OPTIONS": {**SOCKET_TIMEOUTS, **params.get("OPTIONS", {})}})
        # Django gives each thread its own cache object: this state needs no lock.
        self.down_until = 0.0
        self.lost_writes = False

    def _call(self, name, *args, fallback, writes=False):
        if time.monotonic() < self.down_until:
            self.lost_writes |= writes
            return fallback
        try:
            if self.lost_writes:
                self._clear_this_site()
                self.lost_writes = False
                logger.warning("Cache reachable again; cleared it, as writes (invalidations) were lost meanwhile")
            return getattr(super(), name)(*args)
        except OUTAGE as error:
            self.down_until = time.monotonic() + RETRY_AFTER
            self.lost_writes |= writes
            logger.warning(
                "Cache unavailable during %s, serving from the database for %.0f s: %s: %s",
                name, RETRY_AFTER, type(error).__name__, error,
            )
            return fallback

    def ping(self):
        """Raise unless Redis answers now, whatever the last calls met (for /healthz)."""
        super().has_key("healthz")

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version, fallback=default)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._call("has_key", key, version, fallback=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version, fallback=False, writes=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version, fallback=None, writes=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version, fallback=list(data), writes=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version, fallback=False, writes=True)

    def delete(self, key, version=None):
        return self._call("delete", key, version, fallback=False, writes=True)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version, fallback=None, writes=True)

    def clear(self):
        """This site's keys only (django-redis's own ``clear`` is FLUSHDB)."""
        # "*" under make_pattern's KEY_PREFIX and cache version: SCAN + DEL of our keys alone.
        return self._call("delete_pattern", "*", fallback=None, writes=True)

    def _clear_this_site(self):
        super().delete_pattern("*")

    def incr(self, key, delta=1, version=None):
        return self._counter("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._counter("decr", key, delta, version)

    def _counter(self, name, key, delta, version):
        """A counter cannot be faked: with Redis away the key is missing, as Django's API says."""
        missing = object()
        value = self._call(name, key, delta, version, fallback=missing, writes=True)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return value
