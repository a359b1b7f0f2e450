from django.contrib.auth.management import create_permissions
from django.db import migrations

# Writers upload photos for their stories and change their own uploads (photos/admin.py);
# editors look after the whole library.
GRANTS = {
    "Editors": ["add_photo", "change_photo", "delete_photo", "view_photo"],
    "Writers": ["add_photo", "change_photo", "view_photo"],
}


def grant_photo_permissions(apps, schema_editor):
    photos = apps.get_app_config("photos")
    # Historical app registries have no models module, which create_permissions requires.
    original, photos.models_module = getattr(photos, "models_module", None), True
    create_permissions(photos, apps=apps, verbosity=0)
    photos.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="photos", codename__in=codenames))


class Migration(migrations.Migration):

    dependencies = [
        ("photos", "0001_initial"),
        ("articles", "0002_editorial_roles"),  # the groups
    ]

    operations = [migrations.RunPython(grant_photo_permissions, migrations.RunPython.noop)]
