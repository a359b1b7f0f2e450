#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as problem:
        # A missing production setting (newsroom/env.py ``required``) is the operator's to fix:
        # one line that says so, not a traceback. Exit 2, the usual code for a usage error;
        # 1 means "some files rejected" to the importer's callers.
        sys.stderr.write(f"manage.py: cannot start: {problem}\n")
        sys.exit(2)
