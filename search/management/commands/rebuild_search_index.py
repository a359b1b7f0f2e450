"""Rebuild the search index from the articles table.

Why: signals keep the index in step with saves made through the ORM, but
``bulk_create`` (generate_demo_content, imports), raw SQL and restored backups
send no signals. This rebuilds every document (or only missing ones) in batches,
on PostgreSQL in one worker process per core (see ``indexer.index_articles``).
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.models import Article
from search import indexer


class Command(BaseCommand):
    help = "Rebuild search documents for all articles (or only those missing one)."

    def add_arguments(self, parser):
        parser.add_argument("--missing-only", action="store_true", help="Index only articles without a document.")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--dry-run", action="store_true", help="Count what would be indexed; write nothing.")
        parser.add_argument(
            "--jobs", type=int, default=0,
            help="Worker processes on PostgreSQL (default: one per CPU core). SQLite always uses one.",
        )

    def handle(self, *args, missing_only, batch_size, dry_run, jobs, verbosity, **options):
        if batch_size < 1 or jobs < 0:
            raise CommandError("--batch-size must be at least 1 and --jobs at least 0.")
        articles = indexer.unindexed_articles() if missing_only else Article.objects.all()
        if dry_run:
            self.stdout.write(f"Would index {articles.count()} articles.")
            return
        started = time.monotonic()
        if indexer.uses_fts5():
            # Rows of articles deleted without signals would otherwise linger.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {indexer.FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM {Article._meta.db_table})"
                )
        count = indexer.index_articles(articles, batch_size=batch_size, jobs=jobs or os.cpu_count() or 1)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles in {time.monotonic() - started:.1f} s."))
