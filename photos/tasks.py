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
