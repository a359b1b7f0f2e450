"""The page cache's settings, with their defaults (override any in settings.py)."""

from django.conf import settings

DEFAULTS = {
    # Off switch, e.g. for the benchmark's uncached run (env PAGECACHE_ENABLED=0).
    "PAGECACHE_ENABLED": True,
    # Longest a page is kept; publishing and edits end it sooner.
    "PAGECACHE_TIMEOUT": 300,
    # What a CDN may hold a page for (s-maxage); browsers revalidate (max-age=0) with the ETag.
    "PAGECACHE_CDN_MAX_AGE": 60,
    # Paths never cached: the admin, health checks; static files and media have their own caching.
    "PAGECACHE_SKIP_PREFIXES": ("/admin/", "/healthz", "/static/", "/media/"),
    # Query parameters pages ignore (campaign tracking); left out of the cache key.
    "PAGECACHE_IGNORED_QUERY_PARAMS": ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                                       "fbclid", "gclid"),
    # With a lagging read replica, pages rendered this soon after a change may show the old
    # rows: they are kept only this long (settings set it when DATABASE_REPLICA_URL is used).
    "PAGECACHE_SETTLE_SECONDS": 0,
    # How long a process trusts the content version it last read from the database while the
    # shared cache shows the same one; 0 asks the database on every page request (pagecache.version).
    "PAGECACHE_VERSION_CHECK_SECONDS": 0.25,
    # How long a request that misses waits for another process already building the same page
    # before building it too (pagecache.middleware.wait_for_build).
    "PAGECACHE_BUILD_WAIT_SECONDS": 1.0,
    # Longer URLs are served but not cached: nobody links to them, an attacker could fill the cache.
    "PAGECACHE_MAX_KEY_LENGTH": 500,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
