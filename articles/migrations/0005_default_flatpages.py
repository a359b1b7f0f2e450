"""About, Contact and Privacy pages, so a new site has them; editors rewrite them in the admin."""

from django.conf import settings
from django.db import migrations

PAGES = {
    "/about/": (
        "About us",
        "<p>{name} is an independent newsroom reporting on Afghanistan, Pakistan and the region "
        "in English, Pashto and Dari.</p>"
        "<p>Our reporters and editors work to the same standard in every language: we check what we "
        "publish, we name our sources wherever it is safe to do so, and we correct our mistakes in public.</p>"
        "<h2>Corrections</h2>"
        "<p>When we get something wrong we say so at the top of the article and on our corrections page.</p>",
    ),
    "/contact/": (
        "Contact",
        "<p>Tips, corrections and questions reach our editors at "
        "<a href=\"mailto:{email}\">{email}</a>.</p>"
        "<p>If you are sending sensitive information, tell us first how we can reach you safely.</p>",
    ),
    "/privacy/": (
        "Privacy",
        "<p>{name} does not use advertising trackers or third-party analytics. Our pages load no "
        "scripts, fonts or images from other companies.</p>"
        "<p>Our server keeps short-lived technical logs to keep the site running. If you donate, we keep "
        "only what the law requires for the donation.</p>",
    ),
}


def create_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    # The sites framework makes the default Site only after all migrations; this page needs it now.
    site, _ = Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"})
    name = getattr(settings, "NEWSROOM_NAME", "Newsroom")
    email = getattr(settings, "DEFAULT_FROM_EMAIL", "newsroom@localhost")
    for url, (title, content) in PAGES.items():
        if FlatPage.objects.filter(url=url).exists():
            continue
        page = FlatPage.objects.create(url=url, title=title, content=content.format(name=name, email=email))
        page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_hero_renditions"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
