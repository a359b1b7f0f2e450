"""The provider's limit holds for all workers together: slots are counted per second in the database."""

import threading
import time

import pytest
from django.db import connection, connections

from newsletters import ratelimit
from newsletters.models import SendingSecond


class FakeClock:
    def __init__(self, start=1_000_000.25):
        self.now = start

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


@pytest.mark.django_db
def test_a_full_second_makes_the_sender_wait_for_the_next(settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 3
    clock = FakeClock()
    taken_at = []
    for _ in range(7):
        ratelimit.take_slot(clock=clock, sleep=clock.sleep)
        taken_at.append(int(clock()))
    assert taken_at == [1_000_000] * 3 + [1_000_001] * 3 + [1_000_002]
    assert dict(SendingSecond.objects.values_list("second", "sent")) == {1_000_000: 3, 1_000_001: 3, 1_000_002: 1}


@pytest.mark.django_db
def test_no_limit_touches_nothing(settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    ratelimit.take_slot(clock=lambda: 5.0, sleep=lambda s: pytest.fail("slept"))
    assert not SendingSecond.objects.exists()


@pytest.mark.django_db
def test_seconds_older_than_a_minute_are_deleted(settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 10
    SendingSecond.objects.bulk_create([SendingSecond(second=100, sent=10), SendingSecond(second=150, sent=4)])
    ratelimit.take_slot(clock=lambda: 200.5, sleep=lambda s: None)
    assert sorted(SendingSecond.objects.values_list("second", flat=True)) == [150, 200]


@pytest.mark.django_db(transaction=True)
def test_workers_sending_at_once_share_one_limit(settings):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite's test database is one connection)")
    settings.NEWSLETTER_RATE_PER_SECOND = 5
    slots_each, workers = 6, 3
    errors = []

    def worker():
        try:
            for _ in range(slots_each):
                ratelimit.take_slot()
        except Exception as error:  # surfaced below: a thread's failure must fail the test
            errors.append(error)
        finally:
            connections.close_all()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    elapsed = time.monotonic() - started
    assert not errors
    per_second = dict(SendingSecond.objects.values_list("second", "sent"))
    assert sum(per_second.values()) == slots_each * workers
    assert max(per_second.values()) <= 5
    # 18 messages at 5 a second: at least four distinct seconds, so at least three second
    # boundaries were crossed (more than two seconds passed, whatever the start's fraction).
    assert len(per_second) >= 4 and elapsed > 2.0


@pytest.mark.django_db
def test_an_issue_is_sent_under_the_limit(settings, smtp_server, run_worker):
    from newsletters import services
    from newsletters.models import Newsletter
    from tests.factories import ArticleFactory
    from tests.newsletters.factories import issue_with, subscribe

    settings.NEWSLETTER_RATE_PER_SECOND = 2
    newsletter = Newsletter.objects.get(slug="daily-english")
    subscribe(newsletter, 5)
    services.issue_schedule(issue=issue_with(newsletter, [ArticleFactory()]))
    run_worker()
    per_second = dict(SendingSecond.objects.values_list("second", "sent"))
    assert len(smtp_server.messages) == 5
    assert sum(per_second.values()) == 5 and max(per_second.values()) <= 2 and len(per_second) >= 3
