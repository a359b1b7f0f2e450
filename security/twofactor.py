"""Who needs a second factor, and whether this session has given it.

Policy (docs/security.md): any staff member may enrol; superusers, the groups
in ``NEWSROOM_2FA_REQUIRED_GROUPS`` (the Treasurer, who can change the donation
details) and whoever holds a permission in ``NEWSROOM_2FA_REQUIRED_PERMISSIONS``
(publishing: editors) must, and ``NEWSROOM_2FA_REQUIRED_FOR_ALL_STAFF`` extends
that to everyone. Whoever has a confirmed device must use it: enrolling voluntarily
is pointless if the password alone still opens the admin.
"""

from django.conf import settings
from django_otp import user_has_device


def second_factor_required(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not user.is_staff:
        return False
    if getattr(settings, "NEWSROOM_2FA_REQUIRED_FOR_ALL_STAFF", False):
        return True
    permissions = getattr(settings, "NEWSROOM_2FA_REQUIRED_PERMISSIONS", ())
    if any(user.has_perm(permission) for permission in permissions):
        return True
    groups = getattr(settings, "NEWSROOM_2FA_REQUIRED_GROUPS", ())
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def is_verified(user) -> bool:
    """True when this session passed a second factor (``OTPMiddleware`` sets it up)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def must_verify(user) -> bool:
    """An authenticated session that may not act as staff until it gives a code (or enrols)."""
    if not (user.is_authenticated and (user.is_staff or user.is_superuser)) or is_verified(user):
        return False
    return second_factor_required(user) or user_has_device(user, confirmed=True)
