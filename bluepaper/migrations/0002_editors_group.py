"""Create the "Editors" group: content permissions, nothing over users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# Every content model editors keep; auth's User and Group are deliberately absent.
CONTENT_MODELS = {
    "bluepaper": ["report", "chapter", "finding", "challenge"],
    "indicators": ["source", "region", "indicator", "observation"],
    "policies": ["strategy", "action"],
}
ACTIONS = ["add", "change", "delete", "view"]


def create_editors(apps, schema_editor):
    # Permissions are normally created after migrate; create them now so they can be granted.
    for app_label in CONTENT_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # migration state stubs lack it; create_permissions asks
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in ACTIONS
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]
    group.permissions.add(*permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("bluepaper", "0001_initial"),
        ("indicators", "0001_initial"),
        ("policies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
