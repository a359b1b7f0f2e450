"""Login throttling in three layers, on django-axes' records of failed sign-ins.

django-axes pauses a *username from one address* after ``AXES_FAILURE_LIMIT`` wrong passwords
(``AXES_LOCKOUT_PARAMETERS``). On its own that lets an attacker try a few passwords at many
accounts from one address (password spraying), or many passwords at one account from many
addresses. Two more limits, over the same records and the same cool-off:

- **an address** across usernames: ``NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT`` wrong passwords;
- **an account** across addresses: ``NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT``; then even the right
  password is refused, from anywhere, until the pause ends or an administrator lifts it.

``LayeredAxesHandler`` is django-axes' database handler (``AXES_HANDLER``) with two of its
handler-API methods extended: ``is_locked`` (refuse the next attempt, even with the right
password) and ``user_login_failed`` (answer the failure that reaches a limit with the lockout page). Unlocking is axes' own: its admin (delete the access attempts) or
``manage.py axes_reset_ip ADDRESS`` / ``axes_reset_username USERNAME``.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

ADDRESS, ACCOUNT, PAIR = "address", "account", "pair"


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def wider_lockout(request, credentials=None) -> str | None:
    """``ADDRESS`` or ``ACCOUNT`` when one of the wider limits is reached, else None."""
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off(request)
    if cool_off:
        attempts = attempts.filter(attempt_time__gt=timezone.now() - cool_off)
    address = getattr(request, "axes_ip_address", None)
    if address and _failures(attempts.filter(ip_address=address)) >= settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT:
        return ADDRESS
    username = get_client_username(request, credentials)
    if username and _failures(attempts.filter(username=username)) >= settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT:
        return ACCOUNT
    return None


class LayeredAxesHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or wider_lockout(request, credentials) is not None

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not getattr(request, "axes_locked_out", False) and wider_lockout(request, credentials):
            request.axes_locked_out = True  # what axes' middleware turns into the lockout page
            request.axes_credentials = credentials
