"""Load three Pashto and three Dari sample stories, so a new site shows all three editions.

Why: the seed import fills the English edition only; `make run` calls this so a newcomer
sees the right-to-left site at once. Runs every time `make run` does and creates only what
is missing. Samples are live and marked; `manage.py remove_sample_stories` deletes them.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.samples import NoSection, load_sample_stories


class Command(BaseCommand):
    help = "Create the Pashto and Dari sample stories that do not exist yet (see remove_sample_stories)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be created; write nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        try:
            created = load_sample_stories(dry_run=dry_run)
        except NoSection as error:
            raise CommandError(str(error)) from None
        if verbosity:
            verb = "Would create" if dry_run else "Created"
            if created:
                self.stdout.write(self.style.SUCCESS(
                    f"{verb} {len(created)} sample stories in Pashto and Dari; remove them with: manage.py remove_sample_stories"
                ))
            else:
                self.stdout.write("The sample stories are already there.")
        if verbosity > 1:
            for article in created:
                self.stdout.write(f"  {article.language}: {article.title}")
