from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photos"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from pagecache.watch import watch
        from photos.models import Embed, Photo
        from photos.tasks import queue_photo_renditions, remove_photo_files

        post_save.connect(queue_photo_renditions, sender=Photo, dispatch_uid="photos.queue_photo_renditions")
        post_delete.connect(remove_photo_files, sender=Photo, dispatch_uid="photos.remove_photo_files")
        # A story's body shows the photo: a new caption, new copies or a deletion changes the page.
        watch(Photo, new_rows_unseen=True)
        watch(Embed, new_rows_unseen=True)  # a video's title and poster arrive in the background
