import pytest

from devtools.smtpsink import SMTPServer


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
    """Run every ready task the way ``db_worker`` does (its own Worker.run_task), until none is ready.

    Not ``call_command("db_worker", "--batch")``: its loop calls close_old_connections(), which
    closes a connection inside a test's transaction. tests/newsletters/test_exactly_once.py runs
    the real command in separate processes.
    """
    from django.db import transaction
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )

    def run():
        while True:
            with transaction.atomic():
                result = DBTaskResult.objects.ready().get_locked()
                if result is None:
                    return
                result.claim(worker.worker_id)
            worker.run_task(result)

    return run
