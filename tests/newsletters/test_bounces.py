"""A provider's bounce or complaint webhook, authenticated, suppresses the address for good."""

import base64
import datetime
import json

import pytest

from newsletters import rendering, services
from newsletters.models import Newsletter, Subscriber, Subscription
from tests.factories import ArticleFactory
from tests.newsletters.factories import issue_with, subscribe

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


# -- Per-issue counts: each event names our delivery row in the metadata we sent ----------------


def _event(record, email, delivery, **fields):
    return json.dumps({
        "RecordType": record, "Email": email, "Recipient": email, "MessageID": f"pm-{delivery.pk}",
        "Metadata": {"newsletter_delivery": str(delivery.pk)}, **fields,
    })


def _sent_issue(run_worker, smtp_server, readers=4):
    newsletter = Newsletter.objects.get(slug="daily-english")
    subscribe(newsletter, readers)
    issue = issue_with(newsletter, [ArticleFactory()])
    services.issue_schedule(issue=issue)
    run_worker()
    return issue


def test_each_message_carries_its_delivery_row_as_provider_metadata(smtp_server, run_worker):
    issue = _sent_issue(run_worker, smtp_server, readers=1)
    delivery = issue.deliveries.get()
    message = rendering.issue_message(
        rendering.render_issue(issue), to="reader0@example.net", subscriber_id=delivery.subscriber_id,
        message_id=delivery.message_id, delivery_id=delivery.pk,
    )
    assert message.metadata == {"newsletter_delivery": str(delivery.pk)}


def test_the_report_counts_what_the_provider_said_about_each_message(client, webhook_secret, smtp_server, run_worker):
    issue = _sent_issue(run_worker, smtp_server)
    deliveries = {d.subscriber.email: d for d in issue.deliveries.select_related("subscriber")}
    posts = [
        _event("Delivery", "reader0@example.net", deliveries["reader0@example.net"], DeliveredAt="2026-12-03T10:00:00Z"),
        _event("Delivery", "reader1@example.net", deliveries["reader1@example.net"], DeliveredAt="2026-12-03T10:00:01Z"),
        # A provider repeats a webhook it believes was lost: still one delivered message.
        _event("Delivery", "reader1@example.net", deliveries["reader1@example.net"], DeliveredAt="2026-12-03T10:00:09Z"),
        _event("Bounce", "reader2@example.net", deliveries["reader2@example.net"], Type="HardBounce", TypeCode=1,
               ID=7, BouncedAt="2026-12-03T10:00:02Z", Description="No such mailbox"),
        _event("SpamComplaint", "reader0@example.net", deliveries["reader0@example.net"], Type="SpamComplaint",
               TypeCode=512, ID=8, BouncedAt="2026-12-03T10:05:00Z"),
        _event("SubscriptionChange", "reader3@example.net", deliveries["reader3@example.net"],
               SuppressSending=True, SuppressionReason="ManualSuppression", ChangedAt="2026-12-03T10:06:00Z"),
    ]
    for body in posts:
        assert client.post(URL, body, content_type="application/json", **_auth(webhook_secret)).status_code == 200

    report = services.issue_report(issue)
    assert (report.recipients, report.sent) == (4, 4)
    assert (report.delivered, report.bounced, report.complained, report.unsubscribed) == (2, 1, 1, 1)
    deliveries["reader1@example.net"].refresh_from_db()
    assert deliveries["reader1@example.net"].delivered_at == datetime.datetime(2026, 12, 3, 10, 0, 1, tzinfo=datetime.UTC)
    # The bounce and the complaint also stop all mail to those addresses; the unsubscribe ends this newsletter.
    assert set(Subscriber.objects.filter(suppressed_at__isnull=False).values_list("email", flat=True)) == {
        "reader0@example.net", "reader2@example.net"}
    left = Subscription.objects.get(subscriber__email="reader3@example.net")
    assert left.unsubscribed_at is not None and left.unsubscribed_from_issue == issue


def test_an_event_for_someone_elses_message_changes_no_count(client, webhook_secret, smtp_server, run_worker):
    issue = _sent_issue(run_worker, smtp_server, readers=1)
    body = json.dumps({"RecordType": "Delivery", "Email": "reader0@example.net", "Recipient": "reader0@example.net",
                       "MessageID": "x", "Metadata": {"newsletter_delivery": "not-a-number"},
                       "DeliveredAt": "2026-12-03T10:00:00Z"})
    assert client.post(URL, body, content_type="application/json", **_auth(webhook_secret)).status_code == 200
    assert services.issue_report(issue).delivered == 0


# -- Unsubscribing by email (List-Unsubscribe mailto:) -----------------------------------------


def test_with_an_inbound_address_the_header_offers_mailto_and_a_mail_to_it_unsubscribes(
    client, settings, webhook_secret, smtp_server, run_worker
):
    from urllib.parse import parse_qs, urlsplit

    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "leave@inbound.example.org"
    issue = _sent_issue(run_worker, smtp_server, readers=2)
    message = smtp_server.messages[0].parsed()
    https, mailto = [uri.strip().strip("<>") for uri in message["List-Unsubscribe"].split(",")]
    assert https.startswith("http") and mailto.startswith("mailto:leave@inbound.example.org?")
    subject = parse_qs(urlsplit(mailto).query)["subject"][0]
    reader = str(message["To"])

    # What the provider posts when the reader's mail client sends that message.
    inbound = json.dumps({
        "FromFull": {"Email": reader, "Name": ""}, "ToFull": [{"Email": "leave@inbound.example.org", "Name": ""}],
        "Subject": subject, "TextBody": "", "Headers": [], "MessageID": "in-1",
    })
    response = client.post("/anymail/postmark/inbound/", inbound, content_type="application/json",
                           **_auth(webhook_secret))
    assert response.status_code == 200
    left = Subscription.objects.get(subscriber__email=reader)
    assert left.unsubscribed_at is not None and left.unsubscribed_from_issue == issue
    assert Subscription.objects.filter(unsubscribed_at__isnull=True).count() == 1


def test_a_forged_unsubscribe_mail_changes_nothing(client, settings, webhook_secret):
    subscribe(Newsletter.objects.get(slug="daily-english"), 1)
    inbound = json.dumps({"FromFull": {"Email": "x@example.net", "Name": ""}, "ToFull": [],
                          "Subject": "unsubscribe WzEsMSxudWxsXQ:forged", "Headers": [], "MessageID": "in-2"})
    assert client.post("/anymail/postmark/inbound/", inbound, content_type="application/json",
                       **_auth(webhook_secret)).status_code == 200
    assert Subscription.objects.get().unsubscribed_at is None


def test_without_an_inbound_address_the_header_has_only_the_https_link(smtp_server, run_worker):
    _sent_issue(run_worker, smtp_server, readers=1)
    header = smtp_server.messages[0].parsed()["List-Unsubscribe"]
    assert header.count("<") == 1 and "mailto:" not in header
