"""Issues sent by django-tasks' db_worker through a real SMTP server on loopback, read back and parsed."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Language
from newsletters import services
from newsletters.models import Delivery, DeliveryStatus, Issue, IssueStatus, Newsletter, Subscriber, Subscription
from tests.donations.factories import SEED_IBAN, SEED_VIPPS_NUMBER, seed_details
from tests.factories import ArticleFactory
from tests.newsletters.factories import issue_with, subscribe

pytestmark = pytest.mark.django_db


def _send_now(issue, run_worker):
    services.issue_schedule(issue=issue)
    run_worker()
    issue.refresh_from_db()
    return issue


def _one_click(client, message):
    """What a mail provider does for RFC 8058: take the https URI from List-Unsubscribe and POST
    exactly ``List-Unsubscribe=One-Click`` to it, with no cookie and no page visit first."""
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    uris = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    (https,) = [uri for uri in uris if uri.startswith(("https://", "http://"))]
    path = urlsplit(https).path
    return client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")


def test_a_pashto_issue_arrives_right_to_left_with_the_live_appeal_and_both_parts(client, smtp_server, run_worker):
    seed_details()
    pashto = Newsletter.objects.get(slug="weekly-pashto")
    story = ArticleFactory(language=Language.PASHTO, title="د کابل خبر")
    subscribe(pashto, 3)
    issue = issue_with(pashto, [story], subject="اونیزه", intro="سلام لوستونکو")

    issue = _send_now(issue, run_worker)

    assert issue.status == IssueStatus.SENT
    assert len(smtp_server.messages) == 3
    message = smtp_server.messages[0].parsed()
    assert message["Subject"].strip() == "اونیزه"
    assert message["Message-ID"].startswith(f"<newsletter-{issue.pk}-")
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert '<html lang="ps" dir="rtl">' in html
    (body,) = re.findall(r"<body[^>]*>", html)
    assert 'dir="rtl"' in body and "direction: rtl" in body and "text-align: right" in body
    assert "<style" not in html  # every rule inlined: most mail clients drop <style>
    (content,) = [tag for tag in re.findall(r"<td[^>]*>", html) if 'class="content rtl"' in tag]
    assert 'dir="rtl"' in content and "text-align: right" in content
    assert "Noto Naskh Arabic" in html
    assert "د کابل خبر" in html and "د کابل خبر" in text
    assert "NO15 0530 2294 668" in html.replace("\u00a0", " ") or SEED_IBAN in html.replace(" ", "")
    assert SEED_VIPPS_NUMBER[:3] in text
    assert "/ps/newsletters/unsubscribe/" in text and "/ps/newsletters/preferences/" in text


def test_the_appeal_shows_only_approved_details(client, smtp_server, run_worker):
    seed_details(live=False)
    english = Newsletter.objects.get(slug="daily-english")
    subscribe(english, 1)
    _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    text = smtp_server.messages[0].parsed().get_body(preferencelist=("plain",)).get_content()
    assert "NO15" not in text.replace(" ", "")


def test_one_click_unsubscribe_from_the_header_takes_effect_at_once_and_is_counted(client, smtp_server, run_worker):
    english = Newsletter.objects.get(slug="daily-english")
    subscribe(english, 2)
    issue = _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    received = smtp_server.messages[0]
    response = _one_click(client, received.parsed())
    assert response.status_code == 200
    gone = Subscriber.objects.get(email=received.rcpt_tos[0])
    assert not Subscription.objects.active().filter(subscriber=gone).exists()
    assert services.issue_report(issue).unsubscribed == 1
    # The next issue skips them.
    _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    assert [m.rcpt_tos[0] for m in smtp_server.messages[2:]] == [
        s for s in ["reader0@example.net", "reader1@example.net"] if s != gone.email
    ]


def test_an_unconfirmed_or_suppressed_address_gets_nothing(smtp_server, run_worker):
    english = Newsletter.objects.get(slug="daily-english")
    subscribers = subscribe(english, 3)
    Subscriber.objects.filter(pk=subscribers[0].pk).update(confirmed_at=None)
    Subscriber.objects.filter(pk=subscribers[1].pk).update(suppressed_at=timezone.now())
    _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    assert [m.rcpt_tos for m in smtp_server.messages] == [[subscribers[2].email]]


def test_a_permanent_refusal_suppresses_the_address_and_a_temporary_one_is_retried(
    smtp_server, run_worker, settings
):
    import time_machine

    settings.NEWSLETTER_RETRY_SECONDS = 20  # short hops in time (see the scheduling test)
    english = Newsletter.objects.get(slug="daily-english")
    subscribe(english, 3)
    smtp_server.handler.refuse = {
        "reader0@example.net": (550, "5.1.1 No such user"),
        "reader1@example.net": (451, "4.3.0 Try again later"),
    }
    issue = _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {
        "reader0@example.net": DeliveryStatus.FAILED_PERMANENT,
        "reader1@example.net": DeliveryStatus.FAILED_TEMPORARY,
        "reader2@example.net": DeliveryStatus.SENT,
    }
    assert Subscriber.objects.get(email="reader0@example.net").suppressed_at is not None
    assert issue.status == IssueStatus.SENDING  # one row is still to be retried

    smtp_server.handler.refuse = {}
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=settings.NEWSLETTER_RETRY_SECONDS + 1)):
        run_worker()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert Delivery.objects.get(subscriber__email="reader1@example.net").status == DeliveryStatus.SENT
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == ["reader1@example.net", "reader2@example.net"]


def test_an_smtp_server_that_is_down_delays_the_send_and_loses_nobody(settings, run_worker):
    import time_machine

    from devtools.smtpsink import SMTPServer, free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port(3525)  # nothing listens yet
    settings.NEWSLETTER_RETRY_SECONDS = 20
    english = Newsletter.objects.get(slug="daily-english")
    subscribe(english, 4)
    issue = _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED_TEMPORARY}
    with SMTPServer() as server:
        settings.EMAIL_PORT = server.port
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=settings.NEWSLETTER_RETRY_SECONDS + 1)):
            run_worker()
        assert len(server.messages) == 4
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_a_scheduled_issue_waits_for_its_time(smtp_server, run_worker):
    from django_tasks_db.models import DBTaskResult

    english = Newsletter.objects.get(slug="daily-english")
    subscribe(english, 1)
    issue = issue_with(english, [ArticleFactory()])
    services.issue_schedule(issue=issue, at=timezone.now() + datetime.timedelta(hours=2))
    assert not DBTaskResult.objects.ready().exists()  # nothing a worker would run yet
    # Two hours pass for the queue and the issue. (Not with time-machine: the worker checks its
    # database connection's age on a clock that travels too, and would close the test's.)
    earlier = timezone.now() - datetime.timedelta(seconds=1)
    DBTaskResult.objects.filter(task_path="newsletters.tasks.start_issue").update(run_after=earlier)
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=earlier)
    run_worker()
    assert len(smtp_server.messages) == 1


def test_sending_twice_is_refused(smtp_server, run_worker):
    english = Newsletter.objects.get(slug="daily-english")
    issue = _send_now(issue_with(english, [ArticleFactory()]), run_worker)
    with pytest.raises(services.IssueNotSendable):
        services.issue_schedule(issue=issue)
