"""Fill the database with a realistic demo archive, reproducibly (devtools/demo_content.py).

Why: the benchmark, query counts and search need a newsroom-sized archive, the same on
every machine for the same seed. ``--replace`` removes earlier demo articles (only those).
"""

import random
import time

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from devtools.demo_content import AUTHOR_COUNT, SECTIONS, TAG_COUNT, DemoArchive


class Command(BaseCommand):
    help = "Create N realistic demo articles (seeded, bulk_create) with sections, authors and 400 tags."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to create.")
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same content (default 2026).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier demo articles first (only those this command made)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be created; write nothing.")

    def handle(self, *args, articles, seed, replace, dry_run, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        existing = DemoArchive.existing().count()
        if existing and not replace:
            raise CommandError(
                f"{existing} demo articles exist already; pass --replace to delete them and generate again."
            )
        if dry_run:
            self.stdout.write(
                f"Would {f'delete {existing} demo articles and ' if existing else ''}create {articles} articles, "
                f"{len(SECTIONS)} sections, {AUTHOR_COUNT} authors and {TAG_COUNT} tags (seed {seed})."
            )
            return

        started = time.monotonic()
        with transaction.atomic():
            if existing:
                DemoArchive.delete_existing()
            progress = self._progress if verbosity >= 2 else None
            totals = DemoArchive(random.Random(seed), now=timezone.now()).create(articles, progress=progress)
        inserted = time.monotonic() - started
        self._analyze()
        # bulk_create sends no signals: the search index is rebuilt by its own command.
        call_command("rebuild_search_index", verbosity=max(0, verbosity - 1))
        indexed = time.monotonic() - started - inserted
        # Nor does anything tell the caches the archive changed under them.
        for cache in caches.all():
            cache.clear()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Created {totals.articles} articles, {totals.bylines} bylines, {totals.tagged} tag links and "
                f"{totals.corrections} corrections in {time.monotonic() - started:.1f} s "
                f"(inserts {inserted:.1f} s, statistics and search index {indexed:.1f} s)."
            ))

    def _progress(self, done, total):
        if done % 20_000 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} articles")

    @staticmethod
    def _analyze():
        """Right after a bulk load PostgreSQL has no statistics for the new rows and plans joins
        as if the tables were empty; autovacuum would catch up later. VACUUM cannot run inside
        a transaction (a test's), ANALYZE can."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
