"""Counting reads: once a reader a day, no bots, nothing about the reader kept."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum

from audience import counting
from audience.models import ArticleReads, PendingRead, ReadSalt
from tests.audience.conftest import beacon
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def counted(article) -> int:
    counting.roll_up()
    return ArticleReads.objects.filter(article=article).aggregate(n=Sum("reads"))["n"] or 0


def test_a_beacon_is_answered_without_a_cookie_and_may_never_be_cached(client):
    article = ArticleFactory()
    for method in ("post", "get"):
        response = beacon(client, article, method=method)
        assert response.status_code == 204
        assert not response.cookies
        assert "Set-Cookie" not in response
        cache_control = {word.strip() for word in response["Cache-Control"].split(",")}
        assert {"no-store", "no-cache", "private", "max-age=0"} <= cache_control
        assert "X-Page-Cache" not in response


def test_the_beacon_is_not_cached_even_with_the_page_cache_on(client, settings):
    settings.PAGECACHE_ENABLED = True
    article = ArticleFactory()
    beacon(client, article, method="get")
    beacon(client, article, method="get", address="198.51.100.21")
    assert counted(article) == 2


def test_no_address_and_no_user_agent_is_stored(client):
    article = ArticleFactory()
    address, agent = "203.0.113.77", BROWSER + " UniqueMarker/9.9"
    beacon(client, article, address=address, agent=agent)
    assert PendingRead.objects.count() == 1
    counting.roll_up()
    # Every column of every row the app keeps, as the database holds it.
    stored = []
    with connection.cursor() as cursor:
        for model in (PendingRead, ArticleReads, ReadSalt):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            stored += [str(value) for row in cursor.fetchall() for value in row]
    assert stored
    for part in (address, "203.0.113", "UniqueMarker", "Android", "Mozilla"):
        assert not any(part in value for value in stored), part
    digest = PendingRead.objects.get().digest
    assert len(digest) == 32 and int(digest, 16) >= 0


def test_bots_and_requests_without_a_user_agent_are_not_counted(client):
    article = ArticleFactory()
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ):
        assert beacon(client, article, agent=agent).status_code == 204
    assert PendingRead.objects.count() == 0
    assert counted(article) == 0


def test_ten_reloads_are_one_read_and_another_reader_is_another(client):
    article = ArticleFactory()
    for _ in range(10):
        beacon(client, article, agent=BROWSER)
    assert counted(article) == 1
    beacon(client, article, agent=BROWSER, address="198.51.100.99")  # a second reader
    beacon(client, article, agent=BROWSER, address="198.51.100.99")
    assert counted(article) == 2
    # The same reader reading another story is a read of that story.
    other = ArticleFactory()
    beacon(client, other, agent=BROWSER)
    assert counted(other) == 1 and counted(article) == 2


def test_signed_in_staff_are_not_readers(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    beacon(client, article)
    assert counted(article) == 0


def test_a_beacon_for_a_story_that_does_not_exist_counts_nothing(client):
    assert client.post("/reads/987654", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT=BROWSER).status_code == 204
    # Past the largest id a database can store: no query, no error.
    assert client.post(f"/reads/{2**63}", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT=BROWSER).status_code == 204
    assert client.get(f"/reads/{10**40}", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT=BROWSER).status_code == 204
    counting.roll_up()
    assert not ArticleReads.objects.exists()


def test_a_beacon_for_a_draft_or_scheduled_story_counts_nothing(client):
    hidden = [ArticleFactory(draft=True), ArticleFactory(scheduled=True)]
    for story in hidden:
        assert client.post(f"/reads/{story.pk}", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT=BROWSER).status_code == 204
    counting.roll_up()
    assert not ArticleReads.objects.exists()


def test_every_worker_uses_the_same_salt_so_a_reload_on_another_worker_is_no_new_read():
    article = ArticleFactory()
    assert counting.record_read(article.pk, address="198.51.100.5", user_agent=BROWSER)
    counting.forget()  # as another process: nothing in memory, the salt comes from the database
    assert not counting.record_read(article.pk, address="198.51.100.5", user_agent=BROWSER)
    assert ReadSalt.objects.count() == 1
    assert counted(article) == 1


def test_the_salt_rotates_daily_and_a_past_days_hashes_and_salt_are_deleted():
    article = ArticleFactory(published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    day_one = datetime.datetime(2026, 3, 10, 14, 0, tzinfo=datetime.UTC)
    day_two = day_one + datetime.timedelta(days=1)
    with time_machine.travel(day_one, tick=False):
        assert counting.record_read(article.pk, address="198.51.100.5", user_agent=BROWSER)
        first_salt = ReadSalt.objects.get().salt
        first_digest = PendingRead.objects.get().digest
        counting.roll_up()
        assert PendingRead.objects.filter(digest=first_digest).exists()  # kept the day long for reloads
    with time_machine.travel(day_two, tick=False):
        # The same reader the next day is the next day's reader: a new salt, a new digest.
        assert counting.record_read(article.pk, address="198.51.100.5", user_agent=BROWSER)
        counting.roll_up()
        assert list(ReadSalt.objects.values_list("day", flat=True)) == [datetime.date(2026, 3, 11)]
        assert ReadSalt.objects.get().salt != first_salt
        assert not PendingRead.objects.filter(digest=first_digest).exists()
        assert PendingRead.objects.count() == 1
    days = ArticleReads.objects.order_by("hour").values_list("hour", "reads")
    assert [(hour.date(), reads) for hour, reads in days] == [(day_one.date(), 1), (day_two.date(), 1)]


def test_a_timer_deletes_yesterdays_hashes_on_a_day_without_readers():
    article = ArticleFactory(published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    with time_machine.travel(datetime.datetime(2026, 3, 10, 21, 0, tzinfo=datetime.UTC), tick=False):
        counting.record_read(article.pk, address="198.51.100.5", user_agent=BROWSER)
    with time_machine.travel(datetime.datetime(2026, 3, 11, 1, 0, tzinfo=datetime.UTC), tick=False):
        from django.core.management import call_command

        call_command("roll_up_reads", verbosity=0)
    assert not PendingRead.objects.exists() and not ReadSalt.objects.exists()
    assert counted(article) == 1


def test_reads_are_counted_per_article_edition_and_hour():
    english = ArticleFactory(language="en", published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    pashto = ArticleFactory(language="ps", published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    morning = datetime.datetime(2026, 3, 10, 8, 15, tzinfo=datetime.UTC)
    with time_machine.travel(morning, tick=False):
        for n in range(3):
            counting.record_read(english.pk, address=f"198.51.100.{n}", user_agent=BROWSER)
        counting.record_read(pashto.pk, address="198.51.100.1", user_agent=BROWSER)
    with time_machine.travel(morning + datetime.timedelta(hours=2), tick=False):
        counting.record_read(english.pk, address="198.51.100.50", user_agent=BROWSER)
        counting.roll_up()
    rows = sorted((pk, language, hour.astimezone(datetime.UTC).hour, reads)
                  for pk, language, hour, reads in ArticleReads.objects.values_list("article_id", "language", "hour", "reads"))
    assert rows == sorted([(english.pk, "en", 8, 3), (english.pk, "en", 10, 1), (pashto.pk, "ps", 8, 1)])


def test_a_roll_up_adds_to_the_counts_it_finds():
    article = ArticleFactory()
    counting.record_read(article.pk, address="198.51.100.1", user_agent=BROWSER)
    counting.roll_up()
    counting.record_read(article.pk, address="198.51.100.2", user_agent=BROWSER)
    assert counting.roll_up() == 1
    assert counting.roll_up() == 0
    assert ArticleReads.objects.get().reads == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL")
def test_roll_ups_running_at_once_count_every_read_exactly_once():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    article = ArticleFactory()
    for n in range(300):
        counting.record_read(article.pk, address=f"10.0.{n // 256}.{n % 256}", user_agent=BROWSER)

    # The first read rolled up at once (a worker's first roll-up is due): the rest wait.
    already = ArticleReads.objects.aggregate(n=Sum("reads"))["n"] or 0

    def roll_up_and_close():
        try:
            return counting.roll_up()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        added = sum(pool.map(lambda _: roll_up_and_close(), range(8)))
    assert already + added == 300
    assert counted(article) == 300
