"""What readers and editors do to newsletters. Forms validate, these act, views glue."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from newsletters import tokens
from newsletters.models import (
    Cadence,
    Delivery,
    Issue,
    IssueArticle,
    IssueStatus,
    Newsletter,
    Subscriber,
    Subscription,
    normalise_email,
)

# -- Readers ---------------------------------------------------------------------------------


def signup_request(*, email: str, newsletter_ids: list[int], language: str) -> None:
    """Mail a confirmation link, in the background. Says nothing to the caller either way: the reply
    must not tell anyone whether the address is already subscribed. A suppressed address (it bounced
    for good or complained) gets nothing."""
    from newsletters.tasks import send_confirmation

    email = normalise_email(email)
    if Subscriber.objects.filter(email=email, suppressed_at__isnull=False).exists():
        return
    send_confirmation.enqueue(email, sorted(newsletter_ids), language)


def subscription_confirm(*, token: str) -> Subscriber:
    """Turn a signed confirmation link into a confirmed subscriber with those newsletters.
    Raises ``signing.BadSignature`` (incl. ``SignatureExpired``) for a bad or old link. Clicking it
    twice changes nothing."""
    data = tokens.read_confirm(token)
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=normalise_email(data["e"]),
            defaults={"language": data["l"], "confirmed_at": now, "consent_at": now},
        )
        if not created:
            subscriber.confirmed_at = subscriber.confirmed_at or now
            subscriber.consent_at = now
            subscriber.save(update_fields=["confirmed_at", "consent_at"])
        for newsletter in Newsletter.objects.filter(pk__in=data["n"]):
            _subscribe(subscriber, newsletter, now)
    return subscriber


def _subscribe(subscriber: Subscriber, newsletter: Newsletter, now) -> None:
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, newsletter=newsletter, defaults={"created_at": now}
    )
    if not created and subscription.unsubscribed_at is not None:
        subscription.unsubscribed_at = None
        subscription.unsubscribed_from_issue = None
        subscription.created_at = now
        subscription.save(update_fields=["unsubscribed_at", "unsubscribed_from_issue", "created_at"])


def preferences_update(*, subscriber: Subscriber, newsletters) -> None:
    """Keep exactly these newsletters for this confirmed subscriber (none: they leave them all)."""
    now = timezone.now()
    wanted = {newsletter.pk for newsletter in newsletters}
    with transaction.atomic():
        for newsletter in newsletters:
            _subscribe(subscriber, newsletter, now)
        subscriber.subscriptions.filter(unsubscribed_at__isnull=True).exclude(newsletter_id__in=wanted).update(
            unsubscribed_at=now
        )


def unsubscribe(*, subscriber_id: int, newsletter_id: int, issue_id: int | None = None) -> bool:
    """Stop one newsletter at once (the next batch of a running send skips the address).
    True if a subscription was ended now; False if there was none or it had already ended."""
    issue_id = issue_id if issue_id and Issue.objects.filter(pk=issue_id).exists() else None
    return bool(
        Subscription.objects.filter(
            subscriber_id=subscriber_id, newsletter_id=newsletter_id, unsubscribed_at__isnull=True
        ).update(unsubscribed_at=timezone.now(), unsubscribed_from_issue_id=issue_id)
    )


def subscriber_suppress(*, subscriber_id: int, reason: str) -> None:
    """Never mail this address again (a permanent bounce or a complaint)."""
    Subscriber.objects.filter(pk=subscriber_id, suppressed_at__isnull=True).update(
        suppressed_at=timezone.now(), suppressed_reason=reason[:300]
    )


# -- Editors ---------------------------------------------------------------------------------


def stories_for(newsletter: Newsletter, *, now=None, limit: int = 12):
    """The edition's published stories of the last day (daily) or week (weekly), newest first."""
    now = now or timezone.now()
    span = datetime.timedelta(days=1 if newsletter.cadence == Cadence.DAILY else 7)
    return (
        Article.objects.published()
        .filter(language=newsletter.language, published_at__gt=now - span)
        .order_by("-published_at", "-id")[:limit]
    )


def issue_draft_from_stories(*, newsletter: Newsletter, by=None, now=None) -> Issue:
    """A draft issue holding the day's or the week's stories, for an editor to finish."""
    now = now or timezone.now()
    stories = list(stories_for(newsletter, now=now))
    with transaction.atomic():
        issue = Issue.objects.create(
            newsletter=newsletter, created_by=by,
            subject=f"{newsletter.name}: {timezone.localdate(now).isoformat()}",
        )
        IssueArticle.objects.bulk_create(
            IssueArticle(issue=issue, article=article, position=position) for position, article in enumerate(stories)
        )
    return issue


class IssueNotSendable(Exception):
    pass


def issue_schedule(*, issue: Issue, at=None) -> Issue:
    """Send at ``at`` (now if None), in the background. A scheduled issue may be rescheduled."""
    from newsletters.tasks import start_issue

    at = at or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if not issue.is_editable:
            raise IssueNotSendable(f"This issue is already {issue.get_status_display().lower()}.")
        if not issue.ordered_articles().exists() and not issue.intro.strip():
            raise IssueNotSendable("An issue needs an intro or at least one published story.")
        issue.status = IssueStatus.SCHEDULED
        issue.scheduled_at = at
        issue.save(update_fields=["status", "scheduled_at", "updated_at"])
        # A task left from an earlier schedule finds scheduled_at moved and does nothing.
        start_issue.using(run_after=at).enqueue(issue.pk)
    return issue


def issue_unschedule(*, issue: Issue) -> None:
    Issue.objects.filter(pk=issue.pk, status=IssueStatus.SCHEDULED).update(
        status=IssueStatus.DRAFT, scheduled_at=None
    )


def issue_start_sending(*, issue_id: int, now=None) -> bool:
    """Create one pending delivery per receiving subscriber, all in one transaction with the status
    change and the first send task: a crash leaves either nothing or everything to resume."""
    from newsletters import sending
    from newsletters.tasks import send_batch

    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status != IssueStatus.SCHEDULED or issue.scheduled_at > now:
            return False  # unscheduled, rescheduled later, or already started by another task
        recipients = (
            Subscription.objects.active().filter(newsletter_id=issue.newsletter_id)
            .order_by("subscriber_id").values_list("subscriber_id", flat=True)
        )
        batch = []
        for subscriber_id in recipients.iterator(chunk_size=5000):
            batch.append(Delivery(issue_id=issue.pk, subscriber_id=subscriber_id))
            if len(batch) == 5000:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
        issue.status = IssueStatus.SENDING
        issue.started_at = now
        issue.save(update_fields=["status", "started_at", "updated_at"])
        send_batch.enqueue(issue.pk)
        sending.ensure_wake(issue, now + sending.wake_interval(), now=now)
    return True


@dataclass
class IssueReport:
    recipients: int
    sent: int
    pending: int
    failed_temporary: int
    failed_permanent: int
    skipped: int
    unsubscribed: int
    # As the mail provider's webhook reported them (newsletters/bounces.py); zero over plain SMTP.
    delivered: int = 0
    bounced: int = 0
    complained: int = 0


def issue_report(issue: Issue) -> IssueReport:
    from django.db.models import Count, Q

    def status(*names):
        return Count("id", filter=Q(status__in=names))

    counts = issue.deliveries.aggregate(
        recipients=Count("id"),
        sent=status("sent"),
        pending=status("pending", "sending"),
        failed_temporary=status("failed_temporary"),
        failed_permanent=status("failed_permanent"),
        skipped=status("skipped"),
        delivered=Count("id", filter=Q(delivered_at__isnull=False)),
        bounced=Count("id", filter=Q(bounced_at__isnull=False)),
        complained=Count("id", filter=Q(complained_at__isnull=False)),
    )
    return IssueReport(**counts, unsubscribed=issue.unsubscriptions.count())


# -- Subscriber lists ------------------------------------------------------------------------

CSV_FIELDS = ["email", "newsletters", "language", "confirmed_at", "consent_at"]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = None

    def __post_init__(self):
        self.errors = self.errors or []


def _parse_when(text: str):
    value = (text or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, datetime.UTC)


def subscribers_import_csv(*, text: str, newsletter: Newsletter) -> ImportResult:
    """Import confirmed addresses into one newsletter. Columns: email, consent_at (ISO date or time;
    required: no consent, no import), optional confirmed_at and language. Every row is checked
    first; if any row is wrong nothing is imported and each error names its line."""
    result = ImportResult()
    rows = []
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "email" not in reader.fieldnames or "consent_at" not in reader.fieldnames:
        result.errors.append("The first line must name the columns, with at least email and consent_at.")
        return result
    for line, row in enumerate(reader, start=2):
        email = normalise_email(row.get("email"))
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append(f"Line {line}: {row.get('email')!r} is not an email address.")
            continue
        consent_at = _parse_when(row.get("consent_at"))
        if consent_at is None:
            result.errors.append(f"Line {line}: consent_at must be a date (YYYY-MM-DD) or time; it is required.")
            continue
        confirmed_at = _parse_when(row.get("confirmed_at")) or consent_at
        rows.append((email, consent_at, confirmed_at, (row.get("language") or "").strip() or newsletter.language))
    if result.errors:
        return result
    now = timezone.now()
    with transaction.atomic():
        for email, consent_at, confirmed_at, language in rows:
            subscriber, created = Subscriber.objects.get_or_create(
                email=email, defaults={"consent_at": consent_at, "confirmed_at": confirmed_at, "language": language}
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
                if subscriber.confirmed_at is None:
                    subscriber.confirmed_at = confirmed_at
                    subscriber.save(update_fields=["confirmed_at"])
            # An import never overrides an unsubscribe the reader made here.
            Subscription.objects.get_or_create(subscriber=subscriber, newsletter=newsletter, defaults={"created_at": now})
    return result


def subscribers_export_csv(*, newsletter: Newsletter | None, out) -> int:
    """Write active subscriptions (of one newsletter, or all) as CSV; returns the row count."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    subscriptions = Subscription.objects.active().select_related("subscriber", "newsletter").order_by(
        "subscriber__email", "newsletter__slug"
    )
    if newsletter is not None:
        subscriptions = subscriptions.filter(newsletter=newsletter)
    count = 0
    for subscription in subscriptions.iterator(chunk_size=2000):
        subscriber = subscription.subscriber
        writer.writerow([
            subscriber.email, subscription.newsletter.slug, subscriber.language,
            subscriber.confirmed_at.isoformat(), subscriber.consent_at.isoformat(),
        ])
        count += 1
    return count
