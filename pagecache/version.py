"""The content version: which state of the content a cached page shows.

Any change readers can see replaces the version in the shared cache (``CACHES["default"]``:
Redis, or without it a file-based cache that every process on the machine reads), so
every worker of every server renders the page afresh on its next request. The version
is a fresh unique token, not a counter: a cache that lost the key (eviction, restart)
can never bring back an old version's pages.
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "pagecache:version"
UNSHARED_PREFIX = "unshared-"


def _new_version() -> str:
    return f"{time.time_ns():x}-{uuid.uuid4().hex[:8]}"


def changed_at(version: str) -> float:
    """When the content last changed: the version token starts with that time."""
    try:
        return int(version.removeprefix(UNSHARED_PREFIX).split("-", 1)[0], 16) / 1e9
    except ValueError:
        return 0.0


def content_version(found: str | None = None) -> str:
    """The current version; ``found`` is the value a caller already read with get_many."""
    if found:
        return found
    version = _new_version()
    if cache.add(VERSION_KEY, version, timeout=None):
        return version
    # The shared cache could not say (Redis down): a token of this request's own, under
    # which nothing is stored (``is_shared``), so every page is built from the database.
    return cache.get(VERSION_KEY) or UNSHARED_PREFIX + version


def is_shared(version: str) -> bool:
    return not version.startswith(UNSHARED_PREFIX)


def bump_content_version() -> None:
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def bump_content_version_on_commit() -> None:
    """Replace the version at once, and again when the transaction commits.

    At once, so the request that made the change sees it (and tests, whose transactions
    never commit). After commit, because a reader's request may have read the old rows
    in between and stored its page under the first new version.
    """
    bump_content_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_content_version)
