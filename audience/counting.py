"""Counting a read, and adding the day's reads to the counts.

A read costs one small write: ``record_read`` inserts the reader's digest for the story
(``INSERT ... ON CONFLICT DO NOTHING``); a reload finds it there and writes nothing. There is
no counter row to update per read, so readers of a popular story never queue for one row's
lock. ``roll_up`` then adds every pending read to the hourly counts in one transaction, one
statement per step however many reads there were. It runs from the beacon itself at most
every ``AUDIENCE_ROLLUP_SECONDS`` per process (the reader does not wait for a beacon's
answer), before an editor's page shows counts, and from ``manage.py roll_up_reads`` (a
timer, so a day's hashes and salt are deleted even on a day without readers).

Several processes may roll up at once: each first claims the pending reads with its own
random batch number (``UPDATE ... SET batch = n WHERE batch IS NULL``); the database's row
locks give each read to exactly one claim (PostgreSQL), or its write lock runs one roll-up
after the other (SQLite). Nothing is kept in the cache: the file cache that stands in for
Redis can neither count atomically nor hold a day of digests without evicting pages.
"""

import hashlib
import secrets
import threading
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count
from django.utils import timezone

from articles.models import Article
from audience.bots import is_bot
from audience.models import ArticleReads, PendingRead, ReadSalt

DEFAULT_ROLLUP_SECONDS = 60

_local = threading.local()  # this process's copy of today's salt, and its next roll-up time


def forget() -> None:
    """Drop this process's copy of the salt and its roll-up clock (tests; a new day does it itself)."""
    _local.__dict__.clear()


def rollup_seconds() -> float:
    return getattr(settings, "AUDIENCE_ROLLUP_SECONDS", DEFAULT_ROLLUP_SECONDS)


def counting_enabled() -> bool:
    return getattr(settings, "AUDIENCE_COUNTING", True)


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day in the site's time zone: days of counts and salts begin there."""
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def hour_of(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def todays_salt(now: datetime) -> str:
    """Today's salt: made by whichever process needs it first, the same for all of them."""
    day = timezone.localdate(now)
    known = getattr(_local, "salt", None)
    if known and known[0] == day:
        return known[1]
    ReadSalt.objects.using(DEFAULT_DB_ALIAS).bulk_create([ReadSalt(day=day, salt=secrets.token_hex(32))], ignore_conflicts=True)
    salt = ReadSalt.objects.using(DEFAULT_DB_ALIAS).get(day=day).salt
    _local.salt = (day, salt)
    return salt


def reader_digest(*, salt: str, address: str, user_agent: str, article_id: int) -> str:
    text = "\x00".join([salt, address, user_agent, str(article_id)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def record_read(article_id: int, *, address: str | None, user_agent: str, now: datetime | None = None) -> bool:
    """Count a reader's read of a story, once a day per reader; True when it was counted.

    The address and user agent are used for the digest and forgotten: neither is stored."""
    if not counting_enabled() or is_bot(user_agent):
        return False
    now = now or timezone.now()
    digest = reader_digest(salt=todays_salt(now), address=address or "", user_agent=user_agent, article_id=article_id)
    counted = _insert(digest, article_id, hour_of(now))
    if time.monotonic() >= getattr(_local, "next_rollup", 0):
        _local.next_rollup = time.monotonic() + rollup_seconds()
        roll_up(now=now)
    return counted


UPSERT_ROWS = 500


def _as_stored(moment: datetime):
    """A datetime as the database takes it in a raw statement (SQLite: text in UTC)."""
    return connections[DEFAULT_DB_ALIAS].ops.adapt_datetimefield_value(moment)


_INSERT = f"INSERT INTO {PendingRead._meta.db_table} (digest, article_id, hour) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
_INSERT_POSTGRESQL = (
    f"INSERT INTO {PendingRead._meta.db_table} (digest, article_id, hour) SELECT %s, %s, %s "
    "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit ON CONFLICT DO NOTHING"
)

def _insert(digest: str, article_id: int, hour: datetime) -> bool:
    """The read's one write, one statement; True when the digest was not there yet.

    On PostgreSQL the commit does not wait for the disk: ``synchronous_commit`` is off for this
    statement's own transaction only (``set_config(..., true)`` inside it, so no extra round
    trip). That wait was nearly all of the insert's time (docs/performance.md, "Read counts");
    a crash can lose at most the last fraction of a second of reads, never other data."""
    connection = connections[DEFAULT_DB_ALIAS]
    # The ORM's bulk_create(ignore_conflicts=True) cannot tell whether the row went in.
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_POSTGRESQL if connection.vendor == "postgresql" else _INSERT,
                       [digest, article_id, _as_stored(hour)])
        return cursor.rowcount == 1


_UPSERT = (
    f"INSERT INTO {ArticleReads._meta.db_table} (article_id, language, hour, reads) VALUES {{rows}} "
    f"ON CONFLICT (article_id, hour) DO UPDATE SET reads = {ArticleReads._meta.db_table}.reads + excluded.reads"
)


def roll_up(*, now: datetime | None = None) -> int:
    """Add the pending reads to the hourly counts; delete the hashes and salts of past days.
    Returns how many reads were added."""
    now = now or timezone.now()
    batch = secrets.randbits(62)
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        pending = PendingRead.objects.using(DEFAULT_DB_ALIAS)
        claimed = pending.filter(batch__isnull=True).update(batch=batch)
        if claimed:
            # Reads of stories readers may see: a beacon for a draft or an id no story has (anyone
            # can send one) counts nothing; its row goes with the day's others.
            counts = list(
                pending.filter(batch=batch, article__in=Article.objects.published())
                .values_list("article_id", "article__language", "hour")
                .annotate(reads=Count("*"))
                .order_by()
            )
            # Django's bulk upsert can only overwrite a count, not add to it: plain statements,
            # the same on PostgreSQL and SQLite (3.24+), each for up to UPSERT_ROWS stories and hours.
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                for start in range(0, len(counts), UPSERT_ROWS):
                    rows = counts[start:start + UPSERT_ROWS]
                    cursor.execute(
                        _UPSERT.format(rows=", ".join(["(%s, %s, %s, %s)"] * len(rows))),
                        [value for article_id, language, hour, reads in rows
                         for value in (article_id, language, _as_stored(hour), reads)],
                    )
        # Every read before today is counted now (claimed above): the day's hashes and salt go.
        today = start_of_day(now)
        # (An hour that began before midnight: all of it, in a zone whose midnight is on the hour.)
        pending.filter(hour__lte=today - timedelta(hours=1), batch__isnull=False).delete()
        ReadSalt.objects.using(DEFAULT_DB_ALIAS).filter(day__lt=today.date()).delete()
    return claimed
