"""Reads from a PostgreSQL read replica, when one is configured (DATABASE_REPLICA_URL).

Only anonymous readers' GET/HEAD requests read from the replica: the
newsroom's own work (the admin, anything signed in, any write, anything
inside a transaction) stays on the primary, so an editor always sees what
they just saved. Writes and migrations only ever go to the primary.

A replica lags the primary by a moment; the page cache does not keep pages
rendered in that moment for long (PAGECACHE_SETTLE_SECONDS, pagecache/).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY, REPLICA = "default", "replica"

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


@contextmanager
def reading_from_replica(allowed: bool = True):
    token = _replica_allowed.set(allowed)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Same rows on both: an object read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaForReadersMiddleware:
    """Let anonymous GET/HEAD requests read from the replica; everything else uses the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith("/admin/")
        )
        with reading_from_replica(reader):
            return self.get_response(request)
