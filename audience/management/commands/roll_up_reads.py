"""Add pending reads to the counts, and delete past days' reader hashes and salts.

Beacons do this themselves while readers come; run this from a timer (hourly, docs/privacy.md)
so a day's hashes and salt are deleted within the day after it even when nobody reads."""

from django.core.management.base import BaseCommand

from audience.counting import roll_up


class Command(BaseCommand):
    help = "Add pending reads to the read counts; delete past days' reader hashes and salts."

    def handle(self, *args, **options):
        added = roll_up()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{added} read(s) added to the counts."))
