"""When cached pages stop being true.

Every cached page records the *content version* it was rendered under. Any
save or delete in an app that feeds reader pages (articles, tags, flat pages,
donation details, ...) replaces the version after the transaction commits, so
every page is rendered afresh on its next request: correct before fast. The
version is a fresh unique token, not a counter, so a cache that lost the key
(eviction, restart) can never bring back an old version's pages.

Scheduled articles change pages without any save: ``page_lifetime`` bounds
each page's lifetime by the next scheduled publication.
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from pagecache import conf

VERSION_KEY = "pagecache:version"
NEXT_SCHEDULED_KEY = "pagecache:next-scheduled:{version}"
NO_SCHEDULED = "none"
UNSHARED_PREFIX = "unshared-"
# How long "nothing is scheduled" is believed: scheduling an article bumps the version anyway.
NEXT_SCHEDULED_RECHECK = 300


def _new_version() -> str:
    return f"{time.time_ns():x}-{uuid.uuid4().hex[:8]}"


def changed_at(version: str) -> float:
    """When the content last changed: the version token starts with that time."""
    try:
        return int(version.removeprefix(UNSHARED_PREFIX).split("-", 1)[0], 16) / 1e9
    except ValueError:
        return 0.0


def content_version(known: str | None = None) -> str:
    """The current version; ``known`` is a value already fetched with get_many."""
    if known:
        return known
    found = cache.get(VERSION_KEY)
    if found:
        return found
    version = _new_version()
    if cache.add(VERSION_KEY, version, timeout=None):
        return version
    # The shared cache could not say (Redis down): a token of this request's own, which
    # nothing may be kept under (``is_shared``), so every page is built from the database.
    return cache.get(VERSION_KEY) or UNSHARED_PREFIX + version


def is_shared(version: str) -> bool:
    return not version.startswith(UNSHARED_PREFIX)


def bump_content_version() -> None:
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def bump_now_and_after_commit() -> None:
    """Replace the version at once, and again when the transaction commits.

    At once, so the request that made the change sees it (and tests, whose
    transactions never commit). After commit, because a reader's request may
    have read the old rows and stored its page under the first new version.
    """
    bump_content_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_content_version)


def page_lifetime(version: str) -> int:
    """Seconds a page rendered now may be kept: the timeout, or less if an article goes live sooner."""
    return lifetime_until(version, next_scheduled_publication(version))


def lifetime_until(version: str, changes_at: float | None) -> int:
    """Seconds something rendered now may be kept if it changes at ``changes_at`` (Unix time;
    None: only with the content): the timeout, shortened while a replica may lag."""
    timeout = conf.get("PAGECACHE_TIMEOUT")
    settle = conf.get("PAGECACHE_SETTLE_SECONDS")
    if settle and time.time() - changed_at(version) < settle:
        timeout = min(timeout, settle)
    if changes_at is None:
        return timeout
    return max(0, min(timeout, int(changes_at - time.time())))


def next_scheduled_publication(version: str) -> float | None:
    """Unix time of the earliest scheduled article, cached per content version."""
    key = NEXT_SCHEDULED_KEY.format(version=version)
    cached = cache.get(key)
    if cached == NO_SCHEDULED:
        return None
    if cached is not None and cached > time.time():
        return cached
    from articles.models import Article

    published_at = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    if published_at is None:
        cache.set(key, NO_SCHEDULED, NEXT_SCHEDULED_RECHECK)
        return None
    at = published_at.timestamp()
    cache.set(key, at, max(1, int(at - timezone.now().timestamp())) + 1)
    return at


def _feeds_reader_pages(sender) -> bool:
    meta = sender._meta
    return meta.app_label in conf.get("PAGECACHE_CONTENT_APPS") and meta.label_lower not in conf.get(
        "PAGECACHE_IGNORED_MODELS"
    )


def content_saved_or_deleted(sender, raw=False, **kwargs):
    if raw or not _feeds_reader_pages(sender):
        return
    bump_now_and_after_commit()


def content_relations_changed(sender, instance, action, model, **kwargs):
    # ``sender`` is the through model; either side of the relation may be the content.
    if action.startswith("post_") and (
        _feeds_reader_pages(sender) or _feeds_reader_pages(model) or _feeds_reader_pages(type(instance))
    ):
        bump_now_and_after_commit()


def connect_signals():
    post_save.connect(content_saved_or_deleted, dispatch_uid="pagecache-save")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="pagecache-delete")
    m2m_changed.connect(content_relations_changed, dispatch_uid="pagecache-m2m")
