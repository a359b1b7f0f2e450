"""Enrolling a second factor needs more than the password: a code mailed to the account's address.

Otherwise a stolen password of someone who has not enrolled yet (a new editor, one whose
device an administrator removed) would let the thief enrol their own authenticator and own
the account for good. The code lives in the session (hashed), expires after
``CODE_MINUTES`` and allows ``MAX_TRIES`` guesses; once given, the session may enrol.
"""

import secrets
import time

from django.conf import settings
from django.core.mail import send_mail
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_MINUTES = 15
MAX_TRIES = 5
_PENDING = "security:enrolment-code"
_CONFIRMED = "security:enrolment-email-confirmed"


def _digest(user, code: str) -> str:
    return salted_hmac("security.enrolment", f"{user.pk}:{code}").hexdigest()


def email_confirmed(request) -> bool:
    return request.session.get(_CONFIRMED) == request.user.pk


def code_pending(request) -> bool:
    pending = request.session.get(_PENDING)
    return bool(pending and pending["user"] == request.user.pk and pending["expires"] > time.time())


def send_code(request) -> None:
    user = request.user
    code = f"{secrets.randbelow(10**6):06d}"
    request.session[_PENDING] = {
        "user": user.pk, "digest": _digest(user, code), "expires": time.time() + CODE_MINUTES * 60, "tries": 0,
    }
    send_mail(
        f"{settings.NEWSROOM_NAME}: your code to set up two-factor authentication",
        f"Someone signed in as {user.get_username()} and is setting up two-factor authentication.\n\n"
        f"Code: {code}\n\nIt is valid for {CODE_MINUTES} minutes. If this was not you, do not pass the code on: "
        "tell an administrator at once, your password is known to someone else.",
        None,
        [user.email],
    )


def check_code(request, code: str) -> bool:
    """True (and the session may enrol) when ``code`` is the one mailed; a few tries per code."""
    pending = request.session.get(_PENDING)
    if not code_pending(request) or pending["tries"] >= MAX_TRIES:
        return False
    pending["tries"] += 1
    request.session[_PENDING] = pending
    if not constant_time_compare(pending["digest"], _digest(request.user, code)):
        return False
    del request.session[_PENDING]
    request.session[_CONFIRMED] = request.user.pk
    return True


def tries_left(request) -> int:
    pending = request.session.get(_PENDING) or {}
    return max(0, MAX_TRIES - pending.get("tries", MAX_TRIES))
