"""Sending an issue: exactly one delivery row per reader, moved to "sent" as each message is accepted.

How a send runs
---------------
``services.issue_start_sending`` creates every delivery row (pending) and enqueues one
``send_batch`` task, in one transaction. Each ``send_batch`` link, in one short transaction:

1. claims up to ``NEWSLETTER_BATCH_SIZE`` rows it may send now (pending; failed-temporarily
   and due again; or "sending" whose lease has run out because their worker died) with
   ``SELECT ... FOR UPDATE SKIP LOCKED``, marks them "sending" with a lease
   (``NEWSLETTER_LEASE_SECONDS``) and counts an attempt;
2. enqueues its successor at once if more rows are claimable, so every running worker sends in
   parallel; and makes sure one link is queued for a moment soon after (``ensure_wake``: the
   earliest of a lease running out, a retry falling due, or ``min(lease, retry)`` from now),
   recorded on the issue so there is one such wake-up, not one per link. The claim and both
   enqueues commit together.

Then, outside the transaction, it sends its rows over one SMTP connection and marks each row
"sent" the moment the server accepted it (one UPDATE per message, committed at once).

So a worker killed at any point leaves a queued link behind: killed while sending, its
successor is already queued; killed after taking its task but before its claim committed, the
wake-up queued by the previous claim restarts the send. The rows a dead worker held come back
once their lease runs out. (django-tasks leaves the dead worker's own task row "RUNNING";
nothing depends on it.)

The one window, stated plainly: a worker killed after the SMTP server accepted a message and
before the UPDATE that records it committed leaves that row "sending"; after the lease it is
sent again. That is at most one duplicate per reader per crash (only the one message in flight
when the process died), and both copies carry the same Message-ID (``Delivery.message_id``),
which receiving systems use to recognise a repeat. The alternative, marking before sending,
would instead lose that reader's copy for good; for a newsletter a rare repeat is the lesser
harm. A link also stops sending when its own lease is about to run out, so a slow link never
overlaps the one that takes its rows over.

Errors: a 4xx answer (or a connection that fails) is temporary: the row is retried with
exponential backoff (``NEWSLETTER_RETRY_SECONDS`` doubling, up to ``NEWSLETTER_MAX_ATTEMPTS``
attempts). A 5xx answer to the recipient or the message is permanent: the row fails and the
address is suppressed, never mailed again.
"""

import datetime
import logging
import smtplib
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from newsletters import ratelimit, rendering, services
from newsletters.models import UNFINISHED, Delivery, DeliveryStatus, Issue, IssueStatus, Subscription

logger = logging.getLogger("newsletters")

MAX_BACKOFF = datetime.timedelta(hours=6)


def _claimable(now) -> Q:
    return (
        Q(status=DeliveryStatus.PENDING)
        | Q(status=DeliveryStatus.SENDING, lease_expires_at__lte=now)
        | Q(status=DeliveryStatus.FAILED_TEMPORARY, next_attempt_at__lte=now)
    )


def _next_due(issue_id: int, now):
    """When the next row of this issue becomes claimable, if any row is unfinished."""
    due = Delivery.objects.filter(issue_id=issue_id, status__in=UNFINISHED).aggregate(
        lease=Min("lease_expires_at", filter=Q(status=DeliveryStatus.SENDING)),
        retry=Min("next_attempt_at", filter=Q(status=DeliveryStatus.FAILED_TEMPORARY)),
        pending=Min("id", filter=Q(status=DeliveryStatus.PENDING)),
    )
    if due["pending"] is not None:
        return now
    times = [moment for moment in (due["lease"], due["retry"]) if moment is not None]
    return min(times) if times else None


def wake_interval() -> datetime.timedelta:
    return datetime.timedelta(seconds=min(settings.NEWSLETTER_LEASE_SECONDS, settings.NEWSLETTER_RETRY_SECONDS))


def ensure_wake(issue: Issue, wake, *, now) -> None:
    """Keep one link queued for a future moment no later than ``wake`` (inside the caller's transaction,
    with the issue row locked). This is what restarts a send whose running link died before its
    claim committed: that link had not yet queued a successor, so nothing else would."""
    if issue.next_wake_at is None or issue.next_wake_at <= now or issue.next_wake_at > wake:
        from newsletters.tasks import send_batch

        send_batch.using(run_after=wake).enqueue(issue.pk)
        Issue.objects.filter(pk=issue.pk).update(next_wake_at=wake)


def claim(issue_id: int, *, now=None) -> list[int]:
    """Step 1 and 2 above; returns the claimed delivery ids."""
    from newsletters.tasks import send_batch

    now = now or timezone.now()
    size = settings.NEWSLETTER_BATCH_SIZE
    with transaction.atomic():
        # Claims of one issue take turns (a few milliseconds each); the sending runs in parallel.
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None:
            return []
        ids = list(
            Delivery.objects.filter(_claimable(now), issue_id=issue_id)
            .order_by("id").select_for_update(skip_locked=True).values_list("id", flat=True)[:size]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=DeliveryStatus.SENDING,
                lease_expires_at=now + datetime.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
                attempts=F("attempts") + 1,
            )
        due = _next_due(issue_id, now)
        if due is None:
            return ids
        if due <= now:
            send_batch.enqueue(issue_id)  # the next batch, for any free worker
        # Rows we are about to send may fail for a while, or we may die: look again by then.
        ensure_wake(issue, now + wake_interval() if ids or due <= now else due, now=now)
    return ids


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return codes[0] if codes else None
    return getattr(error, "smtp_code", None)


def _retry_at(attempts: int, now):
    delay = datetime.timedelta(seconds=settings.NEWSLETTER_RETRY_SECONDS * 2 ** max(attempts - 1, 0))
    return now + min(delay, MAX_BACKOFF)


def _fail_temporarily(delivery: Delivery, error: str) -> None:
    now = timezone.now()
    if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        status, retry = DeliveryStatus.FAILED_PERMANENT, None
    else:
        status, retry = DeliveryStatus.FAILED_TEMPORARY, _retry_at(delivery.attempts, now)
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, next_attempt_at=retry, lease_expires_at=None, last_error=error[:500]
    )


def _fail_permanently(delivery: Delivery, error: str) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.FAILED_PERMANENT, lease_expires_at=None, last_error=error[:500]
    )
    services.subscriber_suppress(subscriber_id=delivery.subscriber_id, reason=f"Refused by the mail server: {error}")


def _finish_if_done(issue_id: int) -> bool:
    if Delivery.objects.filter(issue_id=issue_id, status__in=UNFINISHED).exists():
        return False
    Issue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).update(
        status=IssueStatus.SENT, finished_at=timezone.now()
    )
    return True


@contextmanager
def _commits_without_waiting_for_disk():
    """Each "sent" mark commits without waiting for PostgreSQL to flush it to disk (a third of a
    message's cost otherwise). The mark is in the server the moment the commit returns, so a killed
    worker changes nothing above; only a crash of the database server itself could forget the
    marks of its last fraction of a second (``wal_writer_delay``, 200 ms by default), and those
    readers would get the issue twice, with one Message-ID. A session setting the ORM has no word for."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_batch(issue_id: int) -> int:
    """One link of the chain: claim, then send what was claimed. Returns the number sent."""
    started = time.monotonic()
    ids = claim(issue_id)
    if not ids:
        _finish_if_done(issue_id)
        return 0
    # Stop early enough that the row is never still ours in our eyes but free in another's.
    deadline = started + settings.NEWSLETTER_LEASE_SECONDS * 0.8
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    rendered = rendering.render_issue(issue)
    deliveries = list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("id"))
    still_wanted = set(
        Subscription.objects.active()
        .filter(newsletter_id=issue.newsletter_id, subscriber_id__in=[d.subscriber_id for d in deliveries])
        .values_list("subscriber_id", flat=True)
    )
    sent = 0
    smtp = get_connection(fail_silently=False)
    try:
        # Opened here, not by the first send: a backend closes a connection that send opened itself.
        smtp.open()
    except (smtplib.SMTPException, OSError) as error:
        for delivery in deliveries:
            _fail_temporarily(delivery, f"could not connect: {error}")
        return 0
    try:
        with _commits_without_waiting_for_disk():
            for position, delivery in enumerate(deliveries):
                if time.monotonic() > deadline:
                    logger.warning("Issue %s: lease nearly over, leaving %d rows to the next link", issue_id,
                                   len(deliveries) - position)
                    break
                if delivery.subscriber_id not in still_wanted:
                    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
                        status=DeliveryStatus.SKIPPED, lease_expires_at=None
                    )
                    continue
                ratelimit.take_slot()
                message = rendering.issue_message(
                    rendered, to=delivery.subscriber.email, subscriber_id=delivery.subscriber_id,
                    message_id=delivery.message_id, connection=smtp, delivery_id=delivery.pk,
                )
                try:
                    message.send()
                except (smtplib.SMTPException, OSError) as error:
                    code = _smtp_code(error)
                    description = f"{code or ''} {error}".strip()
                    if code is not None and 500 <= code < 600:
                        _fail_permanently(delivery, description)
                        continue
                    _fail_temporarily(delivery, description)
                    if code is None:
                        # The connection itself failed: the rest of the batch waits for its retry too.
                        for rest in deliveries[position + 1:]:
                            _fail_temporarily(rest, f"not tried: {description}")
                        break
                    continue
                Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
                    status=DeliveryStatus.SENT, sent_at=timezone.now(), lease_expires_at=None, last_error=""
                )
                sent += 1
    finally:
        try:
            smtp.close()
        except (smtplib.SMTPException, OSError):
            pass
    _finish_if_done(issue_id)
    return sent
