"""The page cache's settings, with their defaults (override any in settings.py)."""

from django.conf import settings

DEFAULTS = {
    # Off switch, e.g. for the benchmark's uncached run (env PAGECACHE_ENABLED=0).
    "PAGECACHE_ENABLED": True,
    # Story cards, navigation and other rendered pieces kept per content version (pagecache/fragments.py).
    "FRAGMENTS_ENABLED": True,
    # Longest a page is kept; publishing and edits clear it sooner.
    "PAGECACHE_TIMEOUT": 300,
    # What a CDN may hold a page for (s-maxage); browsers revalidate (max-age=0) with the ETag.
    "PAGECACHE_CDN_MAX_AGE": 60,
    # Paths never cached: the admin, health checks.
    "PAGECACHE_SKIP_PREFIXES": ("/admin/", "/healthz"),
    # Apps whose saves and deletes change what readers see: any change clears every page.
    "PAGECACHE_CONTENT_APPS": ("articles", "taggit", "flatpages", "sites", "donations", "editions"),
    # Derived rows a reader's request may create (a photo's resized copies, made on first view),
    # or that follow a change already counted (the tag pages' listing): they change no page
    # themselves, and bumping the version for them would empty every cache again.
    "PAGECACHE_IGNORED_MODELS": ("articles.herorendition", "articles.taglisting"),
    # Query parameters pages ignore (campaign tracking); left out of the cache key.
    "PAGECACHE_IGNORED_QUERY_PARAMS": ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                                       "fbclid", "gclid"),
    # With a lagging read replica, pages rendered this soon after a change may show the old
    # rows: they are kept only this long (settings set it when DATABASE_REPLICA_URL is used).
    "PAGECACHE_SETTLE_SECONDS": 0,
    # Longer URLs are served but not cached: nobody links to them, an attacker could fill the cache.
    "PAGECACHE_MAX_KEY_LENGTH": 500,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
