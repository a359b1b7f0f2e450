from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Anonymous page cache"

    def ready(self):
        from django.db.models.signals import post_migrate

        from pagecache import watch

        watch.connect_signals()
        post_migrate.connect(_new_release, sender=self, dispatch_uid="pagecache.new_release")


def _new_release(sender, using="default", **kwargs):
    """Every release runs ``migrate`` (docs/deploy.md): pages drawn by the previous code's
    templates must not outlive it, so a release counts as a change readers can see."""
    from pagecache.version import bump_content_version

    if using == "default":
        bump_content_version()
