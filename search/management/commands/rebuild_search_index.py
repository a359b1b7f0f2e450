"""Rebuild the search documents from the articles table.

Why: signals keep the documents in step with saves made through the ORM, but
``bulk_create`` (generate_demo_content, imports), raw SQL and restored backups send
no signals. Other tools call this command by name after loading articles in bulk.
"""

import time

from django.core.management.base import BaseCommand

from articles.models import Article
from search.indexer import index_articles


class Command(BaseCommand):
    help = "Rebuild the search documents of all articles (or only of those without one)."

    def add_arguments(self, parser):
        parser.add_argument("--missing-only", action="store_true", help="Index only articles without a document.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be indexed; write nothing.")

    def handle(self, *args, missing_only, dry_run, verbosity, **options):
        articles = Article.objects.filter(search_document__isnull=True) if missing_only else Article.objects.all()
        if dry_run:
            self.stdout.write(f"Would index {articles.count()} articles.")
            return
        started = time.monotonic()
        count = index_articles(articles)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles in {time.monotonic() - started:.1f} s."))
