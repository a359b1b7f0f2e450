"""The mail provider's sending limit, shared by every worker on every machine.

Providers limit messages a second per account, not per worker, and the number of workers
changes (one machine at night, three on a busy morning). So the limit is counted where all
workers meet whatever the cache backend: one database row per second. A worker takes a slot
with a conditional UPDATE (``sent < limit``), one small statement per message; when the second
is full it sleeps until the next one. Rows older than a minute are deleted as new seconds begin.
"""

import time

from django.conf import settings
from django.db.models import F

from newsletters.models import SendingSecond

KEEP_SECONDS = 60


def take_slot(*, limit: float | None = None, clock=time.time, sleep=time.sleep) -> None:
    """Return when one more message may be sent under ``NEWSLETTER_RATE_PER_SECOND`` (0: at once)."""
    limit = int(settings.NEWSLETTER_RATE_PER_SECOND if limit is None else limit)
    if limit <= 0:
        return
    while True:
        now = clock()
        second = int(now)
        free = SendingSecond.objects.filter(second=second, sent__lt=limit)
        if free.update(sent=F("sent") + 1):
            return
        # The second has no row yet (its first message), or it is full.
        _, created = SendingSecond.objects.get_or_create(second=second)
        if created:
            SendingSecond.objects.filter(second__lt=second - KEEP_SECONDS).delete()
        if free.update(sent=F("sent") + 1):
            return
        sleep(max(0.0, second + 1 - clock()))
