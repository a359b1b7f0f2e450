"""Import the old site's plain-text page dumps as articles.

Why: the archive exists only as text dumps (see seeds/). This turns each into a
clean, tagged article, and is safe to run again and again (``make run`` does):
unchanged files stay as they are, changed files update their article unless an
editor has touched it, and bad files are refused one by one with the reason.

Exit status: 0 when every file was imported, updated, unchanged or skipped;
1 when any file was rejected; 2 on a usage error.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import Status
from importer.runner import ParallelNotSupported, import_paths
from importer.services import Result, find_or_create_section, find_section
from importer.sources import count_files

DEFAULT_PATH = Path(settings.BASE_DIR) / "seeds"
REJECTED_FILES = 1
USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Import plain-text page dumps (files or folders; default seeds/) as articles."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders to import (default: seeds/).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument("--status", default=Status.PUBLISHED, choices=Status.values,
                            help="Status of new articles (default: published; 'draft' to import for review).")
        parser.add_argument("--section", default="News", help='Section for new articles, created if missing (default: "News").')
        parser.add_argument("--force", action="store_true",
                            help="Overwrite articles an editor changed since their import (a revision keeps their version).")
        parser.add_argument("--jobs", type=int, default=1,
                            help="Worker processes (PostgreSQL only; default 1). Each file is still its own transaction.")

    def handle(self, *args, paths, dry_run, status, section, force, jobs, verbosity, **options):
        paths = paths or [DEFAULT_PATH]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}", returncode=USAGE_ERROR)
        if not section.strip():
            raise CommandError("--section needs a name.", returncode=USAGE_ERROR)
        if jobs < 1:
            raise CommandError("--jobs must be at least 1.", returncode=USAGE_ERROR)

        target = find_section(section) if dry_run else find_or_create_section(section)
        outcomes = import_paths(paths, section=target, status=status, force=force, dry_run=dry_run, jobs=jobs)
        progress = Progress(self.stdout, count_files(paths)) if self.stdout.isatty() and verbosity > 0 else None

        counts = {result: 0 for result in Result}
        reported = []  # one line per rejected or skipped file, for the summary
        try:
            self._report_each(outcomes, counts, reported, progress, verbosity)
        except ParallelNotSupported as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        self._summarise(counts, reported, dry_run=dry_run, verbosity=verbosity)
        if counts[Result.REJECTED]:
            raise CommandError(f"{counts[Result.REJECTED]} file(s) rejected; see above.", returncode=REJECTED_FILES)

    def _report_each(self, outcomes, counts, reported, progress, verbosity):
        for outcome in outcomes:
            counts[outcome.result] += 1
            for warning in outcome.warnings:
                self.stderr.write(self.style.WARNING(f"WARNING {warning}"))
            if outcome.result in {Result.REJECTED, Result.SKIPPED}:
                reported.append(outcome)
            elif verbosity >= 2:
                self.stdout.write(str(outcome))
            if progress:
                progress.advance()
        if progress:
            progress.finish()

    def _summarise(self, counts, reported, *, dry_run, verbosity):
        for outcome in reported:
            line = f"{outcome.result.value.upper()} {outcome.source_name}: {outcome.detail}"
            if outcome.result == Result.REJECTED:
                self.stderr.write(self.style.ERROR(line))
            elif verbosity > 0:
                self.stdout.write(self.style.WARNING(line))
        if verbosity == 0:
            return
        summary = ", ".join(f"{counts[result]} {result.value}" for result in Result)
        prefix = "Dry run, nothing written: " if dry_run else "Import finished: "
        style = self.style.ERROR if counts[Result.REJECTED] else self.style.SUCCESS
        self.stdout.write(style(prefix + summary + "."))


class Progress:
    """A one-line bar on a terminal, redrawn at most a few hundred times whatever the file count."""

    WIDTH = 30

    def __init__(self, stream, total: int):
        self.stream, self.total, self.done = stream, max(total, 1), 0
        self._step = max(1, self.total // 200)

    def advance(self):
        self.done += 1
        if self.done % self._step == 0 or self.done == self.total:
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total}", ending="")
            self.stream.flush()

    def finish(self):
        self.stream.write("")
