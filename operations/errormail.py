"""Error reports by e-mail: to the people who fix the site, a few an hour at most.

Django mails ``ADMINS`` about every 500 by default. Here ``ADMINS`` are the donation-alert
recipients (the treasurer and whoever watches the bank details), who must not get a stack
trace, nor a thousand of them when an attacker finds a page that fails. Error reports go to
``NEWSROOM_ERROR_EMAILS`` instead, never to an address that is also in ``ADMINS``, and at
most ``NEWSROOM_ERROR_EMAIL_LIMIT`` per ``NEWSROOM_ERROR_EMAIL_PERIOD`` seconds across every
process (counted in the shared cache; with the cache away, per process). Everything is still
logged.
"""

import logging
import time

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils.log import AdminEmailHandler

logger = logging.getLogger("operations.errormail")

_local_counts: dict[int, int] = {}


def error_recipients() -> list[str]:
    alert_addresses = {address.lower() for _name, address in settings.ADMINS}
    return [
        address for address in getattr(settings, "NEWSROOM_ERROR_EMAILS", [])
        if address.lower() not in alert_addresses
    ]


def _count_this_period() -> int:
    period = int(getattr(settings, "NEWSROOM_ERROR_EMAIL_PERIOD", 3600))
    window = int(time.time() // period)
    key = f"errormail:sent:{window}"
    cache.add(key, 0, timeout=period * 2)
    try:
        return cache.incr(key)
    except ValueError:  # the cache is away: count in this process
        _local_counts[window] = _local_counts.get(window, 0) + 1
        return _local_counts[window]


class RateLimitedErrorMailHandler(AdminEmailHandler):
    """``AdminEmailHandler`` with its documented ``send_mail`` hook: other recipients, a rate limit."""

    def send_mail(self, subject, message, *args, **kwargs):
        recipients = error_recipients()
        if not recipients:
            return
        limit = int(getattr(settings, "NEWSROOM_ERROR_EMAIL_LIMIT", 10))
        if _count_this_period() > limit:
            return
        mail.send_mail(
            f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
            message,
            settings.SERVER_EMAIL,
            recipients,
            connection=self.connection(),
            html_message=kwargs.get("html_message"),
        )
