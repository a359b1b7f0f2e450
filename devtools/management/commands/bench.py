"""Load-test the production server: reader pages with the page cache off and on, against the floor.

Why: "fast" needs a number that can be repeated. This generates the demo archive if the
database lacks it, times each page kind in this process (page cache off: the medians), then
starts gunicorn with gunicorn.conf.py on loopback (2 workers), drives it with wrk (16
connections) and prints requests/s, p50/p99 latency, errors and each page's share of the
floor (devtools/floor.py under the same gunicorn settings); the report goes to
var/bench/*.json. Not part of `make test`: about 2 modes x 8 pages x (warm-up + duration).
"""

import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools import inprocess, runner, wrk
from devtools.demo_content import DemoArchive
from donations.models import DonationDetails


class Command(BaseCommand):
    help = "Benchmark reader pages under gunicorn + wrk against a bare Django application (the floor)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help="Archive size to test (default 100000).")
        parser.add_argument("--seconds", type=int, default=10, help="Measured seconds per page (default 10).")
        parser.add_argument("--warmup", type=int, default=2, help="Unmeasured seconds per page first (default 2).")
        parser.add_argument("--requests", type=int, default=200,
                            help="In-process requests per page kind for the medians (default 200).")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
        parser.add_argument("--port", type=int, default=8106)
        parser.add_argument("--pages", default="", help="Only these kinds, e.g. home,article (default: all but the read beacon's: "
                                 "read, article+read).")
        parser.add_argument("--modes", default=",".join(runner.MODES),
                            help="uncached (page cache off), cached (on), or both (default).")
        parser.add_argument("--quick", action="store_true",
                            help="A smoke run: 2 s per page, 1 s warm-up, 20 in-process requests.")
        parser.add_argument("--dry-run", action="store_true", help="Prepare data and list the pages; measure nothing.")
        parser.add_argument("--explain", action="store_true",
                            help="Print EXPLAIN ANALYZE of every query of each kind's first page, and stop.")
        parser.add_argument("--orm-share", action="store_true",
                            help="Time the article page, its data fetched through the ORM, and its SQL sent as "
                                 "text, and stop.")

    def handle(self, *args, articles, seconds, warmup, requests, connections, workers, port, pages, modes, quick,
               dry_run, explain, orm_share, verbosity, **options):
        if quick:
            seconds, warmup, requests = 2, 1, 20
        modes = [mode for mode in runner.MODES if mode in modes.split(",")]
        if not Path(wrk.WRK).exists() and not (dry_run or explain or orm_share):
            raise CommandError(f"{wrk.WRK} is missing: apt-get install wrk")
        call_command("migrate", interactive=False, verbosity=0)
        self._ensure_archive(articles, verbosity)
        only = {kind for kind in pages.split(",") if kind}
        pages = {kind: paths for kind, paths in runner.reader_paths().items()
                 if kind in only or (not only and kind not in runner.ASKED_FOR_ONLY)}
        if dry_run:
            for kind, paths in pages.items():
                self.stdout.write(f"{kind}: {len(paths)} pages, e.g. {paths[0]}")
            return
        call_command("collectstatic", interactive=False, verbosity=0)  # production serves the manifest's names
        if explain:
            whole_table = inprocess.explain(pages, self.stdout.write)
            if whole_table:
                raise CommandError(f"A sequential scan of the article table in: {', '.join(whole_table)}")
            return
        self._vacuum_analyze()
        if orm_share:
            self._orm_share(pages["article"], requests)
            return

        self.stdout.write(f"In-process medians: {requests} requests per page kind, page cache off...")
        medians = inprocess.medians({kind: paths for kind, paths in pages.items() if kind not in runner.ASKED_FOR_ONLY},
                                    requests=requests)
        # A stopped benchmark stops its gunicorn too (the Server context exits on SystemExit).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        out = settings.VAR_DIR / "bench"
        out.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Benchmark: {articles} articles, {workers} workers, {connections} connections, "
                          f"{seconds} s per page (+{warmup} s warm-up)")
        plan = runner.Plan(port=port, workers=workers, connections=connections, seconds=seconds,
                           warmup_seconds=warmup, pages=pages)
        results = runner.measure(plan, out / "gunicorn.log", self.stdout.write, modes)
        report = {
            "articles": articles,
            "machine": runner.machine(),
            "settings": {"workers": workers, "connections": connections, "seconds": seconds, "warmup": warmup,
                         "in_process_requests": requests},
            "pages": {kind: paths[:5] for kind, paths in pages.items()},
            "results": results,
            "in_process_ms": medians,
            "targets": runner.verdicts(results, medians),
        }
        path = runner.write_json(report, out)
        self.stdout.write("\n" + runner.table(results) + "\n\n" + runner.in_process_table(medians) + "\n")
        for target, met in report["targets"].items():
            style = self.style.SUCCESS if met else self.style.WARNING
            self.stdout.write(style(f"{'met ' if met else 'MISSED'} {target}"))
        self.stdout.write(f"Report: {path}")

    def _orm_share(self, paths, requests):
        """Why the article page cannot come down to its SQL: the same data through the ORM."""
        self.stdout.write(f"The article page, its data and its SQL: {requests} requests each, page cache off...")
        costs = inprocess.article_data_costs(paths, requests=requests)
        self.stdout.write(f"the whole page, in-process: {costs['page']} ms ({costs['queries']} queries)")
        self.stdout.write(f"its data through the ORM, as the page fetches it (no template, no middleware): {costs['data']} ms")
        for name, ms in costs["pieces"].items():
            self.stdout.write(f"  {name}: {ms} ms")
        self.stdout.write(f"the same {costs['queries']} statements sent as text on the same connection: {costs['sql']} ms")
        if costs["missing"]:
            raise CommandError("The data run did not send these statements of the page: " + "; ".join(costs["missing"]))

    def _vacuum_analyze(self):
        """Statistics and visibility maps as autovacuum keeps them in production: a database
        just filled otherwise gets plans no reader would."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def _ensure_archive(self, articles, verbosity):
        if not DonationDetails.objects.exists():
            # Every reader page shows the donation appeal: measure pages as readers get them,
            # with the newsroom's own details from its seed documents.
            self.stdout.write("Importing the seed documents (donation details for the appeal)...")
            call_command("import_seeds", str(settings.BASE_DIR / "seeds"), verbosity=0)
        have = DemoArchive.existing().count()
        if have != articles:
            self.stdout.write(f"Generating {articles} demo articles (the database has {have})...")
            call_command("generate_demo_content", articles=articles, replace=True, verbosity=verbosity)
