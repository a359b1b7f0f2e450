"""Bounces and complaints reported by a mail provider's webhook (django-anymail) suppress the address.

Anymail checks each webhook's authenticity first (the shared secret in ``ANYMAIL_WEBHOOK_SECRET``
as HTTP basic auth on every provider, plus the provider's own signature where it has one, e.g.
``ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY``) and only then sends the ``tracking`` signal.
"""

from anymail.signals import EventType

from newsletters import services
from newsletters.models import Subscriber, normalise_email

SUPPRESSING = {EventType.BOUNCED: "bounced", EventType.COMPLAINED: "complained (marked as spam)"}


def on_tracking(sender, event, esp_name, **kwargs):
    reason = SUPPRESSING.get(event.event_type)
    if reason is None or not event.recipient:
        return
    subscriber = Subscriber.objects.filter(email=normalise_email(event.recipient)).first()
    if subscriber is not None:
        services.subscriber_suppress(subscriber_id=subscriber.pk, reason=f"{esp_name}: {reason}")
