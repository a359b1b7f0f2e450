"""A Redis cache that degrades to "no cache" instead of taking the site down.

Every page can be built from the database, so a Redis outage should cost speed,
never availability. ``TolerantRedisCache`` is Django's ``RedisCache`` with three
additions:

* Errors are caught and logged; reads miss, writes are dropped.
* A circuit breaker: after a failure, Redis is left alone for a few seconds, so
  a dead or hanging server costs one connection timeout per process, not one per
  cache call.
* Lost writes are remembered. A failed ``delete`` may have been an invalidation
  (an article pulled while Redis was unreachable); when Redis answers again the
  first process that lost a write flushes the cache, so no stale page can bring
  a pulled story back.

Settings: ``CACHES["default"]["BACKEND"] = "security.cache.TolerantRedisCache"``;
``OPTIONS`` may carry ``socket_connect_timeout``/``socket_timeout`` (seconds) for
the connection pool and ``retry_after`` (seconds the breaker stays open).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("security.cache")

DEFAULT_RETRY_AFTER = 5.0


class _Breaker:
    """Per-process health of one Redis location, shared by all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.lost_writes = False

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` (and its table of ~170 response callbacks) for every
    cache call: a fifth of a page-cache hit. One per connection pool does (it is thread-safe)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", DEFAULT_RETRY_AFTER))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._breaker = _breaker_for(",".join(self._servers))

    # -- the guard around every call ---------------------------------------------------

    def _guarded(self, operation: str, call, fallback, *, writes: bool):
        breaker = self._breaker
        if breaker.is_open():
            if writes:
                breaker.lost_writes = True
            return fallback
        try:
            if breaker.lost_writes:
                self._flush_after_outage()
            return call()
        except (RedisError, OSError) as error:  # connection refused, timeouts, a server refusing writes
            with breaker.lock:
                was_closed = not breaker.is_open()
                breaker.down_until = time.monotonic() + self.retry_after
                if writes:
                    breaker.lost_writes = True
            if was_closed:
                logger.warning(
                    "Cache unavailable during %s, serving from the database for %.0f s: %s: %s",
                    operation, self.retry_after, type(error).__name__, error,
                )
            return fallback

    def _flush_after_outage(self):
        with self._breaker.lock:
            if not self._breaker.lost_writes:
                return
            super().clear()
            self._breaker.lost_writes = False
        logger.warning("Cache reachable again; flushed it because writes (invalidations) were lost during the outage")

    def health_check(self) -> None:
        """Raise unless Redis answers now; bypasses the breaker (for /healthz)."""
        client = self._cache.get_client(write=True)
        client.ping()

    # -- reads miss --------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guarded("get", lambda: super(TolerantRedisCache, self).get(key, default, version), default, writes=False)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", lambda: super(TolerantRedisCache, self).get_many(keys, version), {}, writes=False)

    def has_key(self, key, version=None):
        return self._guarded("has_key", lambda: super(TolerantRedisCache, self).has_key(key, version), False, writes=False)

    # -- writes are dropped (and remembered) -------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            "add", lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False, writes=True
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            "set", lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None, writes=True
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            "set_many", lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data), writes=True
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            "touch", lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False, writes=True
        )

    def delete(self, key, version=None):
        return self._guarded("delete", lambda: super(TolerantRedisCache, self).delete(key, version), False, writes=True)

    def delete_many(self, keys, version=None):
        return self._guarded(
            "delete_many", lambda: super(TolerantRedisCache, self).delete_many(keys, version), None, writes=True
        )

    def clear(self):
        return self._guarded("clear", lambda: super(TolerantRedisCache, self).clear(), None, writes=True)

    def incr(self, key, delta=1, version=None):
        """Counters cannot be faked: with Redis away, behave as if the key were missing."""
        missing = object()
        value = self._guarded(
            "incr", lambda: super(TolerantRedisCache, self).incr(key, delta, version), missing, writes=True
        )
        if value is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return value
