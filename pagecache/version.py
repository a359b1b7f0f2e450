"""The content version: which state of the content a cached page shows.

The authoritative version is a counter in the database (``ContentVersion``), bumped in the
same transaction as any change readers can see, so it can never disagree with the content.
Every stored page carries the counter it was rendered under and is served only while that
is still the database's counter. A cache that was away during a change, restarted empty or
restored from an older snapshot (old version, old pages) therefore serves nothing from
before the change: the pages' counter is behind the database's.

Reading the database on every hit would cost a round trip, so the shared cache holds a copy
of the version (``VERSION_KEY``) and each process remembers the one it last read from the
database. A hit needs no query while the cache's copy equals the process's and that was
read from the database less than ``PAGECACHE_VERSION_CHECK_SECONDS`` ago; a copy that is
missing, older or newer makes the process ask the database and re-seed the cache. With
``PAGECACHE_VERSION_CHECK_SECONDS = 0`` every page request asks the database.
"""

import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F
from django.utils import timezone

from pagecache import conf

VERSION_KEY = "pagecache:version"


@dataclass(frozen=True)
class Version:
    counter: int
    changed_at: float  # seconds since the epoch; 0 when nothing has changed yet


# What this process last read from the database, and when (time.monotonic()).
_known = threading.local()


def _remember(version: Version | None) -> None:
    _known.version, _known.checked = version, time.monotonic()


def _from_database() -> Version:
    # The primary, always: a replica may lag behind the change.
    row = _rows().using(DEFAULT_DB_ALIAS).filter(pk=1).values_list("counter", "changed_at").first()
    if row is None:
        return Version(0, 0.0)
    counter, changed = row
    return Version(counter, changed.timestamp() if changed else 0.0)


def _rows():
    from pagecache.models import ContentVersion  # models load after the app registry

    return ContentVersion.objects


def current(cached: Version | None = None) -> Version:
    """The version pages are served and stored under now.

    ``cached`` is the cache's copy, as the caller read it with get_many (None when missing
    or the cache is down). The database is asked unless the copy is the one this process
    read from the database recently.
    """
    known = getattr(_known, "version", None)
    interval = conf.get("PAGECACHE_VERSION_CHECK_SECONDS")
    if (
        known is not None
        and cached == known
        and interval > 0
        and time.monotonic() - _known.checked < interval
    ):
        return known
    version = _from_database()
    _remember(version)
    if cached != version:
        # Missing (evicted, restarted empty) or rolled back (restored from a snapshot): the
        # database says. A worker that read the database just before a commit may write the
        # older counter over the newer one: workers that last read that older counter trust it
        # for at most PAGECACHE_VERSION_CHECK_SECONDS, then the database puts it right.
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def _table_exists() -> bool:
    table = _rows().model._meta.db_table
    return table in connections[DEFAULT_DB_ALIAS].introspection.table_names()


def content_version() -> Version:
    """The current version (for tests and tools): the database's, read now."""
    return current(None)


def bump_content_version() -> Version:
    """Count a change readers can see, in the caller's transaction; the cache learns on commit.

    The row is updated in the same transaction as the change, so it commits (or rolls
    back) with it. The cache's copy is replaced only after the commit: before it, other
    processes would read the old counter from the database and store old pages under it
    (harmless, but wasted), and a failed cache write changes nothing, the database has it.
    """
    rows = _rows().using(DEFAULT_DB_ALIAS)
    now = timezone.now()
    try:
        # A savepoint, so the one failure below can be told apart without breaking the caller's transaction.
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            if not rows.filter(pk=1).update(counter=F("counter") + 1, changed_at=now):
                rows.get_or_create(pk=1, defaults={"counter": 1, "changed_at": now})
    except DatabaseError:
        if _table_exists():
            raise
        # Migrated back below pagecache 0001 (``migrate pagecache zero``): no version to count,
        # and no page is stored without one.
        return Version(0, 0.0)
    version = _from_database()
    # This process's own next request must not trust its memory (nor, in a test whose
    # transaction never commits, the cache).
    _remember(None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, version, timeout=None), using=DEFAULT_DB_ALIAS)
    return version

