"""Compare the newest benchmark reports of a small and a large archive (devtools/compare.py).

Run `manage.py bench --articles 1000` against one database and `manage.py bench` (100,000)
against another first; this reads their reports from var/bench/ (or the two files given).
With ``--rounds N`` it compares the medians of the newest N reports of each size: run the two
sizes alternately N times (`make bench-scaling`), so the machine's drift falls on both.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools import compare


class Command(BaseCommand):
    help = "Compare each page's requests/s between the newest 1,000- and 100,000-article benchmark reports."

    def add_arguments(self, parser):
        parser.add_argument("reports", nargs="*", type=Path, help="Two reports, small archive first (default: the newest of each size).")
        parser.add_argument("--small", type=int, default=1_000, help="Small archive size (default 1000).")
        parser.add_argument("--large", type=int, default=100_000, help="Large archive size (default 100000).")
        parser.add_argument("--rounds", type=int, default=1,
                            help="Compare the medians of the newest N reports of each size (default 1).")

    def handle(self, *args, reports, small, large, rounds, **options):
        if reports and (len(reports) != 2 or rounds != 1):
            raise CommandError("Give two reports (small archive first) or none; --rounds reads var/bench/ itself.")
        if rounds < 1:
            raise CommandError("--rounds must be at least 1.")
        if reports:
            groups = [[reports[0]], [reports[1]]]
        else:
            directory = settings.VAR_DIR / "bench"
            groups = [compare.latest_reports(directory, size, rounds) for size in (small, large)]
            short = [size for size, found in zip((small, large), groups, strict=True) if len(found) < rounds]
            if short:
                wanted = "No report" if rounds == 1 else f"Fewer than {rounds} reports"
                sizes = " or ".join(f"{n:,}" for n in short)
                raise CommandError(
                    f"{wanted} for {sizes} articles in {directory}: "
                    f"run `manage.py bench --articles N` against a database of that size first."
                )
        try:
            small_report, large_report = (
                compare.combined([compare.read_report(path) for path in group]) for group in groups
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        reports = [", ".join(str(path) for path in group) for group in groups]

        compared = compare.rows(small_report, large_report)
        if not compared:
            raise CommandError("The two reports measured no page in common.")
        self.stdout.write(f"{reports[0]}\n{reports[1]}\n")
        self.stdout.write(compare.table(compared, small_report["articles"], large_report["articles"]) + "\n")
        medians = compare.medians_table(small_report, large_report)
        if medians:
            self.stdout.write("\n" + medians + "\n")
        met = compare.within_limit(compared)
        style = self.style.SUCCESS if met else self.style.WARNING
        self.stdout.write(style(f"{'met ' if met else 'MISSED'} every page within {compare.LIMIT_PERCENT:.0f}% "
                                f"between {small_report['articles']:,} and {large_report['articles']:,} articles"))
