"""Unsubscribing by email: the ``mailto:`` in List-Unsubscribe (RFC 2369).

Some mail clients offer "Unsubscribe" only as a message they send for the reader. When
``NEWSLETTER_UNSUBSCRIBE_MAILTO`` names an address whose mail the provider passes to its inbound
webhook (django-anymail, authenticated like the tracking webhook), every issue's
List-Unsubscribe carries ``mailto:<that address>?subject=unsubscribe <token>``, with the same
signed token as the https link; a message arriving with that subject ends the subscription.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.core import signing

from newsletters import services, tokens

SUBJECT_PREFIX = "unsubscribe"
_TOKEN = re.compile(SUBJECT_PREFIX + r"\s+([A-Za-z0-9_:\-]+)", re.IGNORECASE)


def mailto_uri(token: str) -> str | None:
    address = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO
    if not address:
        return None
    return f"mailto:{address}?subject={quote(f'{SUBJECT_PREFIX} {token}')}"


def on_inbound(sender, event, esp_name, **kwargs):
    found = _TOKEN.search(event.message.subject or "") if event.message is not None else None
    if found is None:
        return
    try:
        subscriber_id, newsletter_id, issue_id = tokens.read_unsubscribe(found.group(1))
    except signing.BadSignature:
        return
    services.unsubscribe(subscriber_id=subscriber_id, newsletter_id=newsletter_id, issue_id=issue_id)
