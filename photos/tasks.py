"""Background work of the photo library, run by ``manage.py db_worker`` (django-tasks)."""

from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task

from photos import renditions
from photos.models import Photo


@task()
def make_photo_renditions(photo_id: int) -> int:
    """The WebP copies of a library photo (photos/renditions.py); how many were made."""
    photo = Photo.objects.filter(pk=photo_id).first()
    return renditions.make_photo_renditions(photo) if photo else 0


def queue_photo_renditions(sender, instance: Photo, raw=False, **kwargs) -> None:
    """After a photo is saved with an upload that lacks its copies (a new or replaced photo)."""
    if not raw and renditions.photo_needs_renditions(instance):
        make_photo_renditions.enqueue(instance.pk)


def remove_photo_files(sender, instance: Photo, **kwargs) -> None:
    """A deleted photo leaves no files behind (once the deletion is committed). Stories that
    showed it simply no longer do: the reader page skips a reference to a missing photo."""
    names = [instance.image.name, *(r["name"] for r in instance.renditions)] if instance.image else []

    def remove():
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


@task()
def fetch_embed(embed_id: int) -> str:
    """Ask a video's or post's provider for its title and poster (photos/embeds.py); the outcome."""
    from photos import embeds
    from photos.models import Embed

    embed = Embed.objects.filter(pk=embed_id).first()
    if embed is None:
        return "gone"
    embeds.fetch(embed)
    return embed.status


def queue_embeds(body: str) -> int:
    """For each link in ``body`` never asked about: a pending row and a task to ask. The web
    request never waits on a third party; the rows and tasks commit with the story's save."""
    from photos.body import embed_urls
    from photos.models import Embed

    urls = set(embed_urls(body))
    if not urls:
        return 0
    known = set(Embed.objects.filter(url__in=urls).values_list("url", flat=True))
    queued = 0
    for url in sorted(urls - known):
        embed, created = Embed.objects.get_or_create(url=url)
        if created:
            fetch_embed.enqueue(embed.pk)
            queued += 1
    return queued
