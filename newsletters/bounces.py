"""What a mail provider's webhook (django-anymail) reports about our messages.

Bounces and complaints suppress the address for good. Each event that names one of our
deliveries in its metadata (``rendering.DELIVERY_METADATA``, sent with every issue's message)
is also counted against that issue: delivered, bounced (or refused by the provider),
complained, or unsubscribed through the provider's own link. An issue's report therefore says
what the provider said happened, not only what it accepted.

Anymail checks each webhook's authenticity first (the shared secret in ``ANYMAIL_WEBHOOK_SECRET``
as HTTP basic auth on every provider, plus the provider's own signature where it has one, e.g.
``ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY``) and only then sends the ``tracking`` signal.
"""

from anymail.signals import EventType
from django.utils import timezone

from newsletters import services
from newsletters.models import Delivery, Subscriber, normalise_email
from newsletters.rendering import DELIVERY_METADATA

SUPPRESSING = {EventType.BOUNCED: "bounced", EventType.COMPLAINED: "complained (marked as spam)"}

# The event, and the delivery field that records its first report.
RECORDED = {
    EventType.DELIVERED: "delivered_at",
    EventType.BOUNCED: "bounced_at",
    EventType.REJECTED: "bounced_at",  # the provider refused to send it: for the reader, not delivered
    EventType.COMPLAINED: "complained_at",
}


def on_tracking(sender, event, esp_name, **kwargs):
    delivery = _delivery_of(event)
    if delivery is not None:
        _record(delivery, event)
    reason = SUPPRESSING.get(event.event_type)
    if reason is None or not event.recipient:
        return
    subscriber = Subscriber.objects.filter(email=normalise_email(event.recipient)).first()
    if subscriber is not None:
        services.subscriber_suppress(subscriber_id=subscriber.pk, reason=f"{esp_name}: {reason}")


def _delivery_of(event) -> Delivery | None:
    delivery_id = str((event.metadata or {}).get(DELIVERY_METADATA, ""))
    if not delivery_id.isdigit():
        return None
    return Delivery.objects.select_related("issue").filter(pk=int(delivery_id)).first()


def _record(delivery: Delivery, event) -> None:
    if event.event_type == EventType.UNSUBSCRIBED:
        services.unsubscribe(
            subscriber_id=delivery.subscriber_id, newsletter_id=delivery.issue.newsletter_id, issue_id=delivery.issue_id
        )
        return
    field = RECORDED.get(event.event_type)
    if field is None:
        return
    # The first report counts; providers repeat webhooks they think were not received.
    Delivery.objects.filter(pk=delivery.pk, **{f"{field}__isnull": True}).update(
        **{field: event.timestamp or timezone.now()}
    )
