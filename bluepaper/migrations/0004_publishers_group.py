"""Create the "Publishers" group and widen "Editors" to the new content models.

Editors write and submit for review; Publishers also approve, publish, schedule, unpublish and
archive (the `publish_<model>` permissions). Neither group manages users or groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHABLE = {
    "bluepaper": ["report", "chapter", "finding", "challenge"],
    "indicators": ["region", "indicator", "observation"],
    "policies": ["strategy"],
}
OTHER_CONTENT = {
    "bluepaper": ["changenote"],
    "indicators": ["source"],
    "policies": ["action"],
    "core": ["image"],
}
EDIT = ["add", "change", "delete", "view"]


def permission_codenames(models_by_app, actions):
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in models_by_app.items()
        for model in models
        for action in actions
    ]


def grant(apps, group_name, codenames):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
    )


def create_groups(apps, schema_editor):
    for app_label in {*PUBLISHABLE, *OTHER_CONTENT}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # migration state stubs lack it; create_permissions asks
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    editing = permission_codenames(PUBLISHABLE, EDIT) + permission_codenames(OTHER_CONTENT, EDIT)
    publishing = permission_codenames(PUBLISHABLE, ["publish"])
    grant(apps, "Editors", editing)
    grant(apps, "Publishers", editing + publishing)


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Publishers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bluepaper", "0003_workflow_history_versions_images"),
        ("core", "0002_images"),
        ("indicators", "0002_workflow_and_history"),
        ("policies", "0002_workflow_and_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_publishers)]
