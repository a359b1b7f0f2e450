"""2,000 readers poll a live blog every 30 s while an editor adds an entry a minute.

Why: issue 21 asks that a burst of readers polling a live blog reaches the database at most once
per new entry per server (the page cache, or a CDN's short s-maxage, answers the rest), and for
the time from saving an entry to readers seeing it. This starts gunicorn with gunicorn.conf.py,
the production settings and the page cache (Redis: set REDIS_URL) on loopback
(``devtools.runner.Server``), makes a live blog in the database the server uses, starts the
simulated readers (devtools/liveblog_bench.py), adds an entry every ``--entry-every`` seconds
through the editors' service, and prints the median and 90th percentile of save-to-seen, the
requests, page-cache misses and database transactions per minute (``pg_stat_database``: with
autocommit, each statement outside a transaction block is one; the editor's own are subtracted).

    DATABASE_URL=postgres://... REDIS_URL=redis://.../N python manage.py bench_liveblog --settings=devtools.settings --minutes 3

Needs PostgreSQL (the server and this command share the database). Uses its own article
("Benchmark live blog"), replaced on every run.
"""

import signal
import sys
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import translation

from articles.models import Article, Language, Section, Status
from devtools import liveblog_bench, runner
from liveblog import services
from liveblog.models import Entry

TITLE = "Benchmark live blog"


def transactions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--readers", type=int, default=2000)
        parser.add_argument("--minutes", type=float, default=10)
        parser.add_argument("--interval", type=float, default=30, help="seconds between one reader's polls")
        parser.add_argument("--entry-every", type=float, default=60, help="seconds between the editor's entries")
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--port", type=int, default=8105)

    def handle(self, *args, readers, minutes, interval, entry_every, workers, port, **options):
        if connection.vendor != "postgresql":
            raise CommandError("needs PostgreSQL: DATABASE_URL=postgres://...")
        if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
            self.stderr.write("Without REDIS_URL the page cache is the shared file cache, not Redis.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # production serves the manifest's names
        article, editor = self._prepare()
        with translation.override("en"):
            path = f"/en/live/{article.pk}/entries"
        plan = runner.Plan(port=port, workers=workers, connections=0, seconds=0, warmup_seconds=0)
        out = settings.VAR_DIR / "bench"
        out.mkdir(parents=True, exist_ok=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        seconds = minutes * 60
        tally = liveblog_bench.Tally()
        saved_at: dict[int, float] = {}
        samples: list[tuple[float, int]] = []
        blog = article.live_blog
        self.stdout.write(f"{readers} readers polling every {interval:g} s for {minutes:g} min; an entry every "
                          f"{entry_every:g} s; gunicorn with {workers} workers on :{port}, page cache on")
        with runner.Server(plan, log=out / "gunicorn-liveblog.log", page_cache=True) as server:
            server.check([path])
            clients = threading.Thread(target=liveblog_bench.run_readers, kwargs={
                "count": readers, "host": "127.0.0.1", "port": port, "path": path, "since": 0,
                "interval": interval, "seconds": seconds, "tally": tally,
            })
            started = time.monotonic()
            before = transactions()
            clients.start()
            next_entry, next_sample, number = started + entry_every / 2, started + 60, 0
            while clients.is_alive():
                now = time.monotonic()
                if now >= next_entry and now < started + seconds - interval:
                    number += 1
                    with transaction.atomic():
                        entry = services.entry_save(entry=Entry(live_blog=blog, body=f"<p>Update {number}.</p>"), by=editor)
                    saved_at[entry.pk] = time.time()
                    next_entry += entry_every
                if now >= next_sample:
                    samples.append((now - started, transactions()))
                    next_sample += 60
                clients.join(timeout=0.2)
            after = transactions()

        own = number + len(samples) + 1  # the editor's entries (one transaction each) and these readings
        total = after - before - own
        delays = liveblog_bench.delays(saved_at, tally)
        delays.sort()
        per_minute, last = [], before
        for index, (_, reading) in enumerate(samples):
            per_minute.append(reading - last - (1 if index else 0))
            last = reading
        requests = sum(tally.statuses.values())
        self.stdout.write(f"requests: {requests} ({requests / seconds:.1f}/s), statuses {dict(tally.statuses)}, "
                          f"errors {tally.errors}, page cache {dict(tally.cache)}")
        if tally.latencies_ms:
            lat = sorted(tally.latencies_ms)
            self.stdout.write(f"response time: median {liveblog_bench.median(lat):.1f} ms, "
                              f"p99 {lat[int(len(lat) * 0.99) - 1]:.1f} ms")
        self.stdout.write(f"entries added: {number}; reader sightings: {len(delays)} of {number * readers}")
        if delays:
            self.stdout.write(self.style.SUCCESS(
                f"save to seen: median {liveblog_bench.median(delays):.1f} s, p90 {delays[int(len(delays) * 0.9) - 1]:.1f} s, "
                f"max {delays[-1]:.1f} s"))
        self.stdout.write(f"page-cache misses (responses built) per minute: "
                          f"{[tally.misses_per_minute[m] for m in sorted(tally.requests_per_minute)]}")
        built = sum(tally.misses_per_minute.values())
        self.stdout.write(f"responses built: {built} for {number} entries ({built / max(number, 1):.1f} an entry); "
                          f"catch-up polls (?since=): {tally.catch_ups}")
        self.stdout.write(f"requests per minute: {[tally.requests_per_minute[m] for m in sorted(tally.requests_per_minute)]}")
        self.stdout.write(self.style.SUCCESS(
            f"database transactions from the server: {total} in {minutes:g} min = {total / minutes:.0f}/min "
            f"(per minute, less the editor's: {[n - 1 for n in per_minute]})"))
        if tally.errors or any(status >= 500 for status in tally.statuses):
            raise CommandError("some polls failed")

    def _prepare(self):
        Article.objects.filter(title=TITLE).delete()
        user_model = get_user_model()
        editor, _ = user_model.objects.get_or_create(username="bench-liveblog-editor", defaults={"is_staff": True})
        editor.user_permissions.add(*Permission.objects.filter(
            content_type__app_label="articles", codename__in=["publish_article", "change_article"]))
        editor = user_model.objects.get(pk=editor.pk)  # permissions are cached per instance
        section = Section.objects.order_by("pk").first() or Section.objects.create(name="News", slug="news")
        article = Article.objects.create(title=TITLE, section=section, language=Language.ENGLISH, status=Status.PUBLISHED,
                                         body="<p>What we know so far.</p>")
        blog = services.live_blog_start(article=article, by=editor)
        services.entry_save(entry=Entry(live_blog=blog, body="<p>The first update.</p>"), by=editor)
        article.live_blog = blog
        return article, editor


