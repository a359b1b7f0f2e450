"""Create the demo editor account that ``make run`` offers a newcomer.

Runs every time ``make run`` does, so it creates the account only once and
prints the generated password only then; it never resets a password.
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
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Demo editor '{username}' already exists; its password was printed when it was created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, is_staff=True, first_name="Demo", last_name="Editor")
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(self.style.SUCCESS(
            f"Demo editor created. Log in at http://127.0.0.1:8000/admin/ as '{username}' with password: {password}"
        ))
