"""The newsroom's roles as groups. Donation permissions for the Treasurer are
granted by the donations app's own migration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Writers": [
        "articles.add_article", "articles.change_article", "articles.delete_article", "articles.view_article",
        "articles.add_articleauthor", "articles.change_articleauthor", "articles.delete_articleauthor",
        "articles.view_articleauthor", "articles.view_section", "articles.view_author", "articles.view_correction",
        "taggit.view_tag",
    ],
    "Editors": [
        f"{app}.{action}_{model}"
        for app, models in {
            "articles": ["article", "articleauthor", "section", "author", "correction"],
            "taggit": ["tag"],
            "flatpages": ["flatpage"],
        }.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + ["articles.publish_article"],
    "Treasurer": ["articles.view_article"],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Historical app registries have no models module, which create_permissions requires.
        original, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("flatpages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
