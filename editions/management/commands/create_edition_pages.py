"""Give every edition its About, Contact and Privacy pages (``make run`` runs this).

A new site has the English pages from migrations at their old addresses (``/about/``); this
moves those to the English edition (``/en/about/``, where the footer links) and adds the
editions' copies that do not exist yet (editions/pages.py). It never changes a page an
editor has written; running it again does nothing.
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand
from django.db import transaction

from editions.flatpages import ENGLISH, edition_path
from editions.names import newsroom_name
from editions.pages import PAGES


class Command(BaseCommand):
    help = "Create the About, Contact and Privacy pages each edition lacks."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would change; change nothing.")

    @transaction.atomic
    def handle(self, *args, dry_run, verbosity, **options):
        site = Site.objects.get_current()
        moved = created = 0
        for path, editions in PAGES.items():
            english_url = edition_path(path, ENGLISH)
            old = FlatPage.objects.filter(url=path).first()
            if old is not None and not FlatPage.objects.filter(url=english_url).exists():
                old.url = english_url
                old.save(update_fields=["url"])
                moved += 1
                if verbosity > 1:
                    self.stdout.write(f"Moved {path} to {english_url}")
            for language, (title, content) in editions.items():
                url = edition_path(path, language)
                if FlatPage.objects.filter(url=url).exists():
                    continue
                content = content.format(name=newsroom_name(language), email=settings.DEFAULT_FROM_EMAIL)
                FlatPage.objects.create(url=url, title=title, content=content).sites.add(site)
                created += 1
                if verbosity > 1:
                    self.stdout.write(f"Created {url}")
        if dry_run:
            transaction.set_rollback(True)  # every change above is undone: a dry run only counts
        would = "would be " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"Edition pages: {moved} {would}moved, {created} {would}created."))
