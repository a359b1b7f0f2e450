"""Load-test the production server: reader pages cold, uncached and cached, against the framework floor.

Why: "fast" needs a number that can be repeated. This generates the demo
archive if the database lacks it, collects static files, starts gunicorn
with gunicorn.conf.py on loopback (2 workers), drives it with wrk (16
connections) and prints requests/s, p50/p99 latency, errors and each page's
share of the floor; the full report goes to var/bench/*.json.
Modes (bench/runner.py MODES): "uncached" builds every page (page cache off; story cards and
navigation from the fragment cache once rendered), "cold" renders every piece too, "cached"
serves from the page cache. It takes about (3 runs x 7 pages x (warm-up + duration)); not part of `make test`.
"""

import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.management.commands.generate_demo_content import DEMO_SOURCE
from articles.models import Article
from bench import runner, wrk
from donations.models import DonationDetails


class Command(BaseCommand):
    help = "Benchmark reader pages under gunicorn + wrk against a bare Django view (the floor)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help="Archive size to test (default 100000).")
        parser.add_argument("--seconds", type=int, default=10, help="Measured seconds per page (default 10).")
        parser.add_argument("--warmup", type=int, default=2, help="Unmeasured seconds per page first (default 2).")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
        parser.add_argument("--port", type=int, default=8106)
        parser.add_argument("--dry-run", action="store_true", help="Prepare data and list the pages; measure nothing.")
        parser.add_argument("--explain", action="store_true", help="Print EXPLAIN ANALYZE of the hot listing queries and stop.")
        parser.add_argument("--pages", default="", help="Only these kinds, e.g. home,article (default: all; the floor always runs).")
        parser.add_argument("--modes", default=",".join(runner.MODES),
                            help="Which of cold, uncached, cached to run (default all; the targets need uncached and cached).")

    def handle(self, *args, articles, seconds, warmup, connections, workers, port, dry_run, explain, modes, pages, verbosity,
               **options):
        modes = tuple(mode for mode in runner.MODES if mode in modes.split(","))
        if explain:
            from bench.explain import explain_all

            seq_scans = explain_all(self.stdout.write)
            if seq_scans:
                raise CommandError(f"Sequential scan of the article table in: {', '.join(seq_scans)}")
            return
        if not Path(wrk.WRK).exists():
            raise CommandError(f"{wrk.WRK} is missing: apt-get install wrk")
        call_command("migrate", interactive=False, verbosity=0)
        self._ensure_archive(articles, verbosity)
        self._vacuum_analyze()
        call_command("collectstatic", interactive=False, verbosity=0)
        # Pages are measured as wrk sends them, one language edition or page at random per request.
        only = {kind for kind in pages.split(",") if kind}
        pages = {kind: paths for kind, paths in runner.reader_paths().items() if not only or kind in only}
        plan = runner.Plan(port=port, workers=workers, connections=connections, seconds=seconds,
                           warmup_seconds=warmup, pages=pages)
        if dry_run:
            for kind, paths in pages.items():
                self.stdout.write(f"{kind}: {len(paths)} pages, e.g. {paths[0]}")
            return

        # A stopped benchmark stops its gunicorn too (the Server context exits on SystemExit).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        out = settings.VAR_DIR / "bench"
        out.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Benchmark: {articles} articles, {workers} workers, {connections} connections, "
                          f"{seconds} s per page (+{warmup} s warm-up)")
        results = runner.measure(plan, out, self.stdout.write, modes)
        report = {
            "articles": articles,
            "machine": runner.machine(),
            "settings": {"workers": workers, "connections": connections, "seconds": seconds, "warmup": warmup},
            "pages": {kind: paths[:5] for kind, paths in pages.items()},
            "results": results,
            "targets": runner.verdicts(results),
        }
        path = runner.write_json(report, out)
        self.stdout.write("\n" + runner.table(results) + "\n")
        for target, met in report["targets"].items():
            style = self.style.SUCCESS if met else self.style.WARNING
            self.stdout.write(style(f"{'met ' if met else 'MISSED'} {target}"))
        self.stdout.write(f"Report: {path}")

    def _vacuum_analyze(self):
        """Statistics and visibility maps as autovacuum keeps them in production: a database
        just filled (or a server with autovacuum off) otherwise gets plans no reader would."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def _ensure_archive(self, articles, verbosity):
        if not DonationDetails.objects.exists():
            # Every reader page shows the donation appeal: measure pages as readers get them,
            # with the newsroom's own details from its seed documents.
            self.stdout.write("Importing the seed documents (donation details for the appeal)...")
            call_command("import_seeds", str(settings.BASE_DIR / "seeds"), verbosity=0)
        have = Article.objects.filter(source_name=DEMO_SOURCE).count()
        if have == articles:
            return
        self.stdout.write(f"Generating {articles} demo articles (the database has {have})...")
        call_command("generate_demo_content", articles=articles, replace=True, verbosity=verbosity)
