"""Let editors write site notes and publishers publish them, like every other content type."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = ["add_sitenote", "change_sitenote", "delete_sitenote", "view_sitenote"]
GRANTS = {"Editors": EDIT, "Publishers": [*EDIT, "publish_sitenote"]}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("indicators")
    app_config.models_module = True  # migration state stubs lack it; create_permissions asks
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        codenames = GRANTS[group.name]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="indicators", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("bluepaper", "0008_first_published_and_archived_times"),
        ("indicators", "0006_site_notes"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
