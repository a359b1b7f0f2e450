import pytest

from tests.newsletters.smtp import SMTPServer


@pytest.fixture
def smtp_server(settings):
    """Django sends through a real SMTP server on loopback for the test's duration."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def run_worker(db):
    """Run django-tasks' own worker until no task is ready (``db_worker --batch``)."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)

    return run
