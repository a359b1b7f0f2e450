"""Exactly once with a real crash: db_worker processes are started, one is killed with SIGKILL in the
middle of a send, others take over; everybody gets the issue, at most the one message in flight
at the kill arrives twice (with the same Message-ID), and every delivery row ends "sent"."""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from devtools.smtpsink import Handler, SMTPServer
from newsletters import services
from newsletters.models import Delivery, DeliveryStatus, IssueStatus
from tests.factories import ArticleFactory
from tests.newsletters.factories import NewsletterFactory, issue_with, subscribe

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="worker processes need a database they can share (PostgreSQL)",
)


def _worker(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "NEWSLETTER_TEST_DATABASE_NAME": connection.settings_dict["NAME"],
        "NEWSLETTER_TEST_SMTP_PORT": str(port),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
         "--verbosity", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_resumed_by_others_and_nobody_is_skipped_or_doubled():
    readers = 240
    # Its own newsletter: an earlier transactional test may have emptied the tables the
    # migrations filled (the default newsletters among them).
    english = NewsletterFactory(language="en")
    subscribers = subscribe(english, readers)
    issue = issue_with(english, [ArticleFactory()])
    services.issue_schedule(issue=issue)

    with SMTPServer(Handler(delay=0.01)) as server:  # ~100 messages a second: slow enough to kill mid-send
        victim = _worker(server.port)
        try:
            _wait(lambda: len(server.messages) >= 60, 60, "the first worker to send")
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            at_kill = len(server.messages)
            assert at_kill < readers, "the send finished before the kill: make the server slower"
            heirs = [_worker(server.port), _worker(server.port)]
            try:
                _wait(lambda: (issue.refresh_from_db() or issue.status) == IssueStatus.SENT, 120, "the send to end")
            finally:
                for heir in heirs:
                    _stop(heir)

        finally:
            _stop(victim)
        received = server.messages

    copies = collections.Counter(message.rcpt_tos[0] for message in received)
    assert set(copies) == {s.email for s in subscribers}  # nobody skipped
    doubled = [address for address, count in copies.items() if count > 1]
    assert len(doubled) <= 1, doubled  # only the message in flight when the worker died
    for address in doubled:
        ids = {m.parsed()["Message-ID"] for m in received if m.rcpt_tos[0] == address}
        assert len(ids) == 1  # the repeat is recognisably the same message
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == readers
