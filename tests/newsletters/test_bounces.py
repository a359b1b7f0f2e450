"""A provider's bounce or complaint webhook, authenticated, suppresses the address for good."""

import base64
import json

import pytest

from newsletters.models import Newsletter, Subscriber, Subscription
from tests.newsletters.factories import subscribe

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"


def _auth(secret):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def _bounce(email, kind="HardBounce", record="Bounce"):
    return json.dumps({
        "RecordType": record, "Type": kind, "TypeCode": 1, "ID": 42, "Email": email, "MessageID": "abc",
        "BouncedAt": "2026-12-03T10:00:00Z", "Description": "The server was unable to deliver your message",
    })


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "postmark:s3cret-value"}
    return "postmark:s3cret-value"


def test_a_hard_bounce_suppresses_the_address_and_it_gets_no_more_issues(client, webhook_secret):
    subscribe(Newsletter.objects.get(slug="daily-english"), 2)
    response = client.post(URL, _bounce("Reader0@example.net"), content_type="application/json", **_auth(webhook_secret))
    assert response.status_code == 200
    bounced = Subscriber.objects.get(email="reader0@example.net")
    assert bounced.suppressed_at is not None and bounced.suppressed_reason == "Postmark: bounced"
    assert list(Subscription.objects.active().values_list("subscriber__email", flat=True)) == ["reader1@example.net"]


def test_a_spam_complaint_suppresses_too(client, webhook_secret):
    subscribe(Newsletter.objects.get(slug="daily-english"), 1)
    client.post(URL, _bounce("reader0@example.net", kind="SpamComplaint", record="SpamComplaint"),
                content_type="application/json", **_auth(webhook_secret))
    assert Subscriber.objects.get().suppressed_at is not None


def test_a_webhook_without_the_secret_is_refused_and_changes_nothing(client, webhook_secret):
    subscribe(Newsletter.objects.get(slug="daily-english"), 1)
    response = client.post(URL, _bounce("reader0@example.net"), content_type="application/json",
                           **_auth("postmark:guess"))
    assert response.status_code == 400
    assert Subscriber.objects.get().suppressed_at is None
