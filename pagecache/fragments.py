"""Rendered pieces of reader pages, memoised per content version.

A page the page cache cannot serve (a first visit to an old article, a search,
page 7 of a tag, anyone signed in) still repeats work other pages did: the same
story cards, navigation and footer. ``fragment()`` keeps such pieces.

Every key holds the content version (pagecache.invalidation), so a stored piece
is never stale: any content change makes new keys, and old ones age out. Because
nothing ever has to be deleted, each worker keeps them in its own memory (the
``fragments`` cache, Django's LocMemCache): a dictionary lookup, no network
round trip. The version itself, the one shared fact, still comes from the shared
cache once per request. Which stories a page lists is asked of the database on
every request; only how a story looks is remembered.

Pieces must depend on nothing but the content and the key's parts, not on the
time: a story card does not change when another story goes live. The one kept
answer to "which stories" (an article's related stories) is bounded like a cached
page: by the next scheduled publication (``until_next_publication``); an article's own
pieces, which link its live translations, by the next of those going live (``changes_at``).
"""

import hashlib
import time

from django.core.cache import caches

from pagecache import conf
from pagecache.invalidation import changed_at, content_version, is_shared, lifetime_until, page_lifetime

ALIAS = "fragments"
REQUEST_ATTRIBUTE = "_content_version"


def request_content_version(request) -> str:
    """The content version, read once per request (the page cache middleware may have read it already)."""
    version = getattr(request, REQUEST_ATTRIBUTE, None)
    if version is None:
        version = content_version()
        setattr(request, REQUEST_ATTRIBUTE, version)
    return version


def remember_content_version(request, version: str) -> None:
    setattr(request, REQUEST_ATTRIBUTE, version)


def storable(version: str) -> bool:
    """Nothing is kept under a version only this request knows (Redis down), and, with a
    lagging read replica, nothing rendered just after a change (it may show the old rows)."""
    if not is_shared(version):
        return False
    settle = conf.get("PAGECACHE_SETTLE_SECONDS")
    return not settle or time.time() - changed_at(version) >= settle


def _timeout() -> int:
    # No longer than a cached page: where the version is not shared (no REDIS_URL, an edit
    # made by another process), a piece is then no staler than the page cache allows.
    return conf.get("PAGECACHE_TIMEOUT")


def fragment_key(version: str, name: str, parts) -> str:
    raw = "|".join([version, name, *map(str, parts)])
    return f"fragment:{name}:{hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()}"


def fragment(request, name: str, parts, render, *, until_next_publication=False, changes_at=None):
    """``render()``'s result for this content version and ``parts``, rendered at most once per worker.

    ``parts`` must name everything the piece depends on besides the content (language,
    variant, the page it marks as current). Without a request (a management command),
    nothing is kept. A piece that depends on which stories are live (``until_next_publication``)
    is kept only until the next scheduled story goes live, as the page cache keeps pages; one
    that depends on a few stories only names when the next of those goes live (``changes_at``:
    a callable giving Unix time or None, asked only when the piece is rendered).
    """
    found = kept(request, name, parts)
    if found is None:
        found = render()
        keep(request, name, parts, found, until_next_publication=until_next_publication, changes_at=changes_at)
    return found


def kept(request, name: str, parts):
    """What ``keep`` stored for this content version and ``parts``, or None."""
    if request is None or not conf.get("FRAGMENTS_ENABLED"):
        return None
    return caches[ALIAS].get(fragment_key(request_content_version(request), name, parts))


def keep(request, name: str, parts, value, *, until_next_publication=False, changes_at=None) -> None:
    if request is None or not conf.get("FRAGMENTS_ENABLED") or value == "":  # empty: storage was down?
        return
    version = request_content_version(request)
    if changes_at is not None:
        timeout = lifetime_until(version, changes_at())
    elif until_next_publication:
        timeout = page_lifetime(version)
    else:
        timeout = _timeout()
    if timeout > 0 and storable(version):
        caches[ALIAS].set(fragment_key(version, name, parts), value, timeout)


def fragments(request, name: str, parts_list, render_missing) -> list[str]:
    """Many pieces of one kind at once: one lookup for all, one ``render_missing(indexes)`` call
    for those not kept yet (it returns their HTML in the same order), e.g. a page's story cards."""
    if request is None or not conf.get("FRAGMENTS_ENABLED"):
        return list(render_missing(list(range(len(parts_list)))))
    version = request_content_version(request)
    keys = [fragment_key(version, name, parts) for parts in parts_list]
    store = caches[ALIAS]
    found = store.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in found]
    if missing:
        rendered = dict(zip(missing, render_missing(missing), strict=True))
        if storable(version):
            store.set_many({keys[index]: html for index, html in rendered.items() if html}, _timeout())
        found.update({keys[index]: html for index, html in rendered.items()})
    return [found[key] for key in keys]
