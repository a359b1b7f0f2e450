"""Counting sign-ups per network address and per email address in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 3600


def _allowed(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def ip_allowed(ip: str | None) -> bool:
    limit = getattr(settings, "NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", 20)
    return _allowed(f"newsletters:signup:ip:{ip or 'unknown'}", limit, HOUR)


def address_allowed(email: str) -> bool:
    """A few confirmation emails per address a day, whoever asks: nobody can flood a mailbox."""
    digest = hashlib.sha256(email.encode()).hexdigest()
    limit = getattr(settings, "NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_DAY", 3)
    return _allowed(f"newsletters:signup:address:{digest}", limit, 24 * HOUR)
