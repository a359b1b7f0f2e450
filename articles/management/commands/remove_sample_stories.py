"""Delete the sample stories that `make run` loaded (load_sample_stories).

Why: a newsroom that starts with the demo site removes the samples with one command before it
goes live; only stories marked as samples are touched, never one a person wrote.
"""

from django.core.management.base import BaseCommand

from articles.samples import remove_sample_stories


class Command(BaseCommand):
    help = "Delete every sample story (and nothing else)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the sample stories; delete nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        count = remove_sample_stories(dry_run=dry_run)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{'Would delete' if dry_run else 'Deleted'} {count} sample stories."))
