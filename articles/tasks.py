"""Background work of the articles app, run by ``manage.py db_worker`` (django-tasks)."""

from django_tasks import task

from articles import renditions
from articles.models import Article
from photos import tasks as photos_tasks


@task()
def make_hero_renditions(article_id: int) -> int:
    """The WebP renditions of an article's hero (articles/renditions.py); how many were made."""
    article = Article.objects.filter(pk=article_id).first()
    return len(renditions.make_renditions(article)) if article else 0


def queue_hero_renditions(sender, instance: Article, raw=False, **kwargs) -> None:
    """After an article is saved with a hero that lacks renditions (a new or replaced photo).
    The task is a row in the same transaction: a worker sees it once the save is committed."""
    if not raw and renditions.needs_renditions(instance):
        make_hero_renditions.enqueue(instance.pk)


def queue_body_embeds(sender, instance: Article, raw=False, **kwargs) -> None:
    """After an article is saved: ask in the background about the videos and posts its body links
    to for the first time (photos/embeds.py); the save never waits on a third party."""
    if not raw and "data-embed" in (instance.body or ""):
        photos_tasks.queue_embeds(instance.body)


@task()
def publish_due_pending_changes() -> int:
    """At a scheduled time: publish the pending changes to live stories that are due (services)."""
    from articles import services

    return services.publish_due_pending_changes()
