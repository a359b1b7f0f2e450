"""Write sample page dumps in the seed's shape (default 10,000) for benchmarks and load tests.

Why: the real archive is not in the repository; the import's speed and memory
must be shown on a newsroom-sized folder. Same --seed, same files.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devtools.samples import write_samples


class Command(BaseCommand):
    help = "Write N sample page dumps into a folder (for bench_import and load tests)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed writes the same files.")

    def handle(self, *args, folder, count, seed, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.", returncode=2)
        if folder.exists() and any(folder.iterdir()):
            raise CommandError(f"{folder} is not empty; give a new or empty folder.", returncode=2)
        write_samples(folder, count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} sample documents to {folder}."))
