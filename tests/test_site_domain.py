import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.db.models.signals import post_migrate


@pytest.mark.django_db
def test_the_site_record_follows_the_configured_domain(settings):
    settings.NEWSROOM_DOMAIN = "news.example.org"
    settings.NEWSROOM_NAME = "Test Newsroom"
    post_migrate.send(sender=apps.get_app_config("sites"), app_config=apps.get_app_config("sites"), using="default")
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("news.example.org", "Test Newsroom")
