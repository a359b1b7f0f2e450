"""Background work, run by ``manage.py db_worker`` (django-tasks, database backend).

Arguments are plain ids: a task is stored as JSON and may run on another machine much later.
"""

from django_tasks import task

from newsletters import rendering, sending, services
from newsletters.models import Newsletter


@task()
def start_issue(issue_id: int) -> bool:
    """At the scheduled time: create the deliveries and start the chain of send_batch links."""
    return services.issue_start_sending(issue_id=issue_id)


@task()
def send_batch(issue_id: int) -> int:
    return sending.send_batch(issue_id)


@task()
def send_confirmation(email: str, newsletter_ids: list[int], language: str) -> None:
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids, is_active=True))
    if newsletters:
        rendering.confirmation_message(email=email, newsletters=newsletters, language=language).send()
