"""Settings for db_worker processes that tests start: the test database, SMTP to the test's server,
and a short lease so a killed worker's rows come back within the test."""

import os

from newsroom.settings_test import *  # noqa: F403
from newsroom.settings_test import DATABASES

DATABASES["default"]["NAME"] = os.environ["NEWSLETTER_TEST_DATABASE_NAME"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NEWSLETTER_TEST_SMTP_PORT"])
NEWSLETTER_LEASE_SECONDS = int(os.environ.get("NEWSLETTER_LEASE_SECONDS", "3"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "20"))
