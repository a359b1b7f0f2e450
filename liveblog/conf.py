"""Live blog settings, with their defaults (override any in settings.py)."""

from django.conf import settings

DEFAULTS = {
    # How often an open live blog asks for new entries (seconds). A test shortens it.
    "LIVEBLOG_POLL_SECONDS": 30,
    # The polling endpoint's lifetimes: a browser reuses an answer this long (shorter than the
    # poll, so each poll is fresh), a CDN this long (a burst of readers reaches us once per
    # LIVEBLOG_POLL_CDN_SECONDS; the page cache in front of the database ends it at a new entry).
    "LIVEBLOG_POLL_MAX_AGE": 5,
    "LIVEBLOG_POLL_CDN_SECONDS": 10,
    # Entries in the live blog's feed, newest first.
    "LIVEBLOG_FEED_LENGTH": 50,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
