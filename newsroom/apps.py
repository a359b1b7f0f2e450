from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from taggit import apps as taggit_apps


# Other apps' configs are imported as modules, never by class name: Django takes every AppConfig
# class in this module's namespace as a candidate for the newsroom app's own config.
class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage
        from django.contrib.sites.models import Site

        from newsroom.site import name_the_site
        from pagecache.watch import watch

        post_migrate.connect(name_the_site, dispatch_uid="newsroom-name-the-site")
        watch(FlatPage)
        watch(Site)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"


class TagsConfig(taggit_apps.TaggitAppConfig):
    """django-taggit as the newsroom calls it: "Tags" in the admin's headings and breadcrumbs, not "Taggit"."""

    default = False
    verbose_name = "Tags"
