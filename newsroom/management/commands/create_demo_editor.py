"""Create the demo editor account that ``make run`` offers a newcomer.

Runs every time ``make run`` does, so it creates the account only once and
prints the generated password only then; it never resets a password.

Editors sign in with a second factor (security/), and enrolling one starts with a code mailed to
the account: the demo editor has an address, and ``make run``'s development server prints mail
in its terminal, so a newcomer can enrol an authenticator app on the first visit.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create a demo editor account (once) and print its generated password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    @transaction.atomic
    def handle(self, *args, username, **options):
        User = get_user_model()
        email = f"{username}@example.org"  # a reserved domain: nothing is ever delivered there
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if not existing.email:  # made before the demo editor had an address: it could not enrol
                existing.email = email
                existing.save(update_fields=["email"])
            self.stdout.write(f"Demo editor '{username}' already exists; its password was printed when it was created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, email=email, is_staff=True,
                                        first_name="Demo", last_name="Editor")
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(
            "Editors sign in with a second factor: on the first visit the admin mails a code to set one up, "
            "and the development server prints that mail here; then scan the QR code with an authenticator app."
        )
        self.stdout.write(self.style.SUCCESS(
            f"Demo editor created. Log in at http://127.0.0.1:8000/admin/ as '{username}' with password: {password}"
        ))
