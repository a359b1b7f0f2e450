"""Benchmark the import: documents per second and memory, on the configured database.

Why: the archive import must take 10,000 documents in under a minute on SQLite
and on PostgreSQL, with memory that does not grow with the number of files.
This writes sample documents (devtools/samples.py) into a temporary folder,
imports them through the same ArticleImporter as import_seeds, prints the
throughput and the process's peak memory at checkpoints (flat means it does
not grow with the file count), then deletes the articles it created.

Query logging is off while it runs (as in production), even with DJANGO_DEBUG=1.
"""

import os
import resource
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from articles.models import Article, Status
from devtools.samples import write_samples
from importer.runner import ParallelNotSupported, import_paths
from importer.services import Result, find_or_create_section


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


class Command(BaseCommand):
    help = "Import N generated documents and print documents/second and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--keep", action="store_true", help="Keep the imported articles (default: delete them).")
        parser.add_argument("--jobs", type=int, default=1, help="Worker processes (PostgreSQL only), as import_seeds --jobs.")
        parser.add_argument("--tracemalloc", action="store_true",
                            help="Also trace Python allocations (slower; shows the heap's peak).")

    def handle(self, *args, count, keep, jobs, tracemalloc: bool, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.", returncode=2)
        run = uuid.uuid4().hex[:8]
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            write_samples(folder, count, seed=int(run, 16), prefix=f"bench-{run}", label=f"{run}-")
            self.stdout.write(f"Wrote {count} documents in {time.perf_counter() - started:.1f} s "
                              f"({connection.vendor}, run {run}, machine load average {os.getloadavg()[0]:.1f} "
                              f"on {os.cpu_count()} CPUs).")
            with override_settings(DEBUG=False):
                try:
                    counts = self._import(folder, count, jobs=jobs, trace=tracemalloc)
                except ParallelNotSupported as error:
                    raise CommandError(str(error), returncode=2) from error
        if not keep:
            deleted, _ = Article.objects.filter(source_name__startswith=f"bench-{run}-").delete()
            self.stdout.write(f"Deleted the benchmark's articles ({deleted} rows).")
        if counts[Result.CREATED] != count:
            raise CommandError(f"Expected {count} created, got {dict(counts)}.")

    def _import(self, folder: Path, count: int, *, jobs: int, trace: bool):
        if trace:
            tracemalloc.start()
        outcomes = import_paths([folder], section=find_or_create_section("News"), status=Status.PUBLISHED, jobs=jobs)
        counts = {result: 0 for result in Result}
        checkpoints = {max(1, count * share // 10) for share in (1, 5, 10)}
        baseline = peak_rss_mb()
        started, cpu_started = time.perf_counter(), time.process_time()
        for done, outcome in enumerate(outcomes, start=1):
            counts[outcome.result] += 1
            if done in checkpoints:
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
                heap = f", Python heap peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB" if trace else ""
                self.stdout.write(f"{done:>7} documents  {elapsed:6.1f} s  {done / elapsed:7.0f} docs/s  "
                                  f"(this process's CPU {cpu:.1f} s)  "
                                  f"peak RSS {peak_rss_mb():.1f} MB (+{peak_rss_mb() - baseline:.1f}){heap}")
                self.stdout.flush()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if jobs > 1:
            workers = resource.getrusage(resource.RUSAGE_CHILDREN)
            self.stdout.write(f"Workers ({jobs}): CPU {workers.ru_utime + workers.ru_stime:.1f} s, "
                              f"largest peak RSS {workers.ru_maxrss / 1024:.1f} MB.")
        if trace:
            tracemalloc.stop()
        self.stdout.write(self.style.SUCCESS(
            f"Imported {count} documents in {elapsed:.1f} s: {count / elapsed:.0f} documents/second "
            f"(this process's CPU {cpu:.1f} s; the rest is the database and other processes), peak RSS {peak_rss_mb():.1f} MB. Outcomes: " + ", ".join(f"{n} {r.value}" for r, n in counts.items())
        ))
        return counts
