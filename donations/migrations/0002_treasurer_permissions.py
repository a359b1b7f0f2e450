"""The Treasurer group manages donation details; Editors and Writers may only
look. The audit trail is read-only for everyone (the admin never offers edits)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGED_MODELS = ["donationdetails", "paymentmethod", "pendingchange"]

ROLES = {
    "Treasurer": [
        f"donations.{action}_{model}" for model in MANAGED_MODELS for action in ("add", "change", "delete", "view")
    ]
    + ["donations.approve_pendingchange", "donations.view_auditentry"],
    "Editors": [f"donations.view_{model}" for model in ["donationdetails", "paymentmethod"]],
    "Writers": [f"donations.view_{model}" for model in ["donationdetails", "paymentmethod"]],
}


def grant_donation_permissions(apps, schema_editor):
    app_config = apps.get_app_config("donations")
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


def revoke_donation_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="donations"))


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0001_initial"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_donation_permissions, revoke_donation_permissions)]
