from django.conf import settings


def name_the_site(sender, using="default", **kwargs):
    """Keep the Sites framework's record (used by feeds, sitemaps and flat pages for
    absolute links) on the domain and name this deployment is configured with,
    instead of Django's example.com."""
    if sender.name != "django.contrib.sites":
        return
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.NEWSROOM_DOMAIN, "name": settings.NEWSROOM_NAME}
    )
    Site.objects.clear_cache()
