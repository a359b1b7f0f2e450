"""A fresh install has one newsletter per edition, so the whole flow can be tried after `make run`;
editors may rename or remove them. Editors compose and send issues; seeing subscriber addresses
needs the subscriber permissions, which no role gets by default."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWSLETTERS = [
    # slug, name, language, cadence, position
    ("daily-english", "The Daily Briefing", "en", "daily", 1),
    ("weekly-pashto", "اونیزه خبرپاڼه", "ps", "weekly", 2),
    ("weekly-dari", "خبرنامه هفتگی", "fa-af", "weekly", 3),
]

EDITOR_PERMISSIONS = [
    "add_newsletter", "view_newsletter", "change_newsletter", "delete_newsletter",
    "add_issue", "change_issue", "delete_issue", "view_issue", "send_issue",
    "add_issuearticle", "change_issuearticle", "delete_issuearticle", "view_issuearticle",
]


def create_newsletters(apps, schema_editor):
    Newsletter = apps.get_model("newsletters", "Newsletter")
    for slug, name, language, cadence, position in NEWSLETTERS:
        Newsletter.objects.get_or_create(
            slug=slug, defaults={"name": name, "language": language, "cadence": cadence, "position": position}
        )
    app_config = apps.get_app_config("newsletters")
    # Historical app registries have no models module, which create_permissions requires.
    original, app_config.models_module = getattr(app_config, "models_module", None), True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletters", codename__in=EDITOR_PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_newsletters, migrations.RunPython.noop)]
