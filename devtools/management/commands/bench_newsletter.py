"""Send one issue to many generated subscribers through a local SMTP sink with real db_worker processes.

Why: the newsletter target is 200 messages a second with two workers on a 2-core machine, memory
that does not grow with the list, and exactly one delivery per reader even when a worker is
killed. This creates N subscribers (``bench-N@example.invalid``) on a bench newsletter, starts an
aiosmtpd sink on a free port, two ``db_worker`` processes, sends, optionally SIGKILLs one worker
mid-send and starts a fresh one, and prints messages/s, total time, peak worker RSS and the count
of messages the sink received per address.

    DATABASE_URL=postgres://... python manage.py bench_newsletter --settings=devtools.settings --subscribers 50000 --kill

Needs PostgreSQL (workers share the database). Uses and replaces its own newsletter's data only.
"""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from newsletters import services
from newsletters.models import Delivery, Issue, IssueStatus, Newsletter, Subscriber, Subscription

ROOT = Path(settings.BASE_DIR)


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=50000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--kill", action="store_true", help="SIGKILL one worker a third of the way in")

    def handle(self, *args, subscribers, workers, kill, **options):
        from devtools.smtpsink import SMTPServer

        if connection.vendor != "postgresql":
            raise CommandError("needs PostgreSQL: DATABASE_URL=postgres://...")
        newsletter, _ = Newsletter.objects.get_or_create(
            slug="bench", defaults={"name": "Bench", "language": "en", "is_active": False}
        )
        Issue.objects.filter(newsletter=newsletter).delete()
        Subscriber.objects.filter(email__endswith="@example.invalid").delete()
        now = timezone.now()
        Subscriber.objects.bulk_create(
            (Subscriber(email=f"bench-{n}@example.invalid", confirmed_at=now, consent_at=now) for n in range(subscribers)),
            batch_size=5000,
        )
        ids = Subscriber.objects.filter(email__endswith="@example.invalid").values_list("pk", flat=True)
        Subscription.objects.bulk_create(
            (Subscription(subscriber_id=pk, newsletter=newsletter) for pk in ids.iterator()), batch_size=5000
        )
        issue = Issue.objects.create(newsletter=newsletter, subject="Benchmark issue", intro="Hello.\n\nA bench send.")
        self.stdout.write(f"{subscribers} subscribers ready")

        with SMTPServer() as sink:
            env = {**os.environ, "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                   "DJANGO_EMAIL_HOST": "127.0.0.1", "DJANGO_EMAIL_PORT": str(sink.port),
                   "DJANGO_SETTINGS_MODULE": "newsroom.settings", "NEWSLETTER_LEASE_SECONDS":
                   os.environ.get("NEWSLETTER_LEASE_SECONDS", "20")}
            env.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-not-for-production")
            env.pop("DJANGO_DEBUG", None)  # workers as in production: no query log
            env.setdefault("NEWSLETTER_BATCH_SIZE", "200")

            def start():
                return subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                     "--interval", "0.05", "--verbosity", "0"], cwd=ROOT, env=env,
                )

            procs = [start() for _ in range(workers)]
            time.sleep(2)  # the workers' start-up is not the send's time
            started = time.monotonic()
            services.issue_schedule(issue=issue)
            peak, killed = 0, False
            try:
                while True:
                    time.sleep(0.5)
                    peak = max([peak] + [_rss_kb(p.pid) for p in procs if p.poll() is None])
                    if kill and not killed and len(sink.messages) >= subscribers // 3:
                        procs[0].send_signal(signal.SIGKILL)
                        procs[0].wait()
                        procs.append(start())
                        killed = True
                        self.stdout.write(f"killed a worker after {len(sink.messages)} messages; started another")
                    issue.refresh_from_db()
                    if issue.status == IssueStatus.SENT:
                        break
            finally:
                elapsed = time.monotonic() - started
                for process in procs:
                    if process.poll() is None:
                        process.send_signal(signal.SIGTERM)
                        process.wait(30)
            received = sink.messages

        copies = collections.Counter(m.rcpt_tos[0] for m in received)
        sent_rows = Delivery.objects.filter(issue=issue, status="sent").count()
        self.stdout.write(self.style.SUCCESS(
            f"{len(received)} messages in {elapsed:.1f} s = {len(received) / elapsed:.0f} msg/s with {workers} workers; "
            f"peak worker RSS {peak / 1024:.0f} MiB; {len(copies)} distinct recipients of {subscribers}; "
            f"{sum(1 for c in copies.values() if c > 1)} received twice; {sent_rows} delivery rows sent"
        ))
        if len(copies) != subscribers or sent_rows != subscribers:
            raise CommandError("not every subscriber got the issue")
