"""Issue 18, item 3: error mail goes to the people who fix the site, never to the donation-alert
recipients (ADMINS), and a flood of errors sends a few mails, not one per request.

A real SMTP server on loopback (aiosmtpd) receives what Django sends.
"""

import pytest
from aiosmtpd.controller import Controller

from tests.blackbox.server import free_port

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.ADMINS = [("Treasurer", "treasurer@example.org")]  # donation alerts
    settings.NEWSROOM_ERROR_EMAILS = ["oncall@example.org", "Treasurer@example.org"]
    settings.NEWSROOM_ERROR_EMAIL_LIMIT = 3
    yield inbox
    controller.stop()


@pytest.fixture
def broken_home(monkeypatch, client):
    from articles import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    return client


def test_error_reports_go_to_the_error_recipients_never_to_the_donation_alert_recipients(smtp, broken_home):
    assert broken_home.get("/en/").status_code == 500

    assert [envelope.rcpt_tos for envelope in smtp.envelopes] == [["oncall@example.org"]]
    assert b"ValueError" in smtp.envelopes[0].content


def test_a_flood_of_errors_sends_only_a_few_mails(smtp, broken_home):
    for _ in range(20):
        assert broken_home.get("/en/").status_code == 500

    assert len(smtp.envelopes) == 3


def test_donation_alerts_still_reach_the_admins(smtp):
    from django.core.mail import mail_admins

    mail_admins("Donation details: changed", "…")

    assert [envelope.rcpt_tos for envelope in smtp.envelopes] == [["treasurer@example.org"]]
