"""Let editors follow their pending changes and publishers review everyone's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["view_pendingchange"],
    "Publishers": ["view_pendingchange", "approve_pendingchange"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("core")
    app_config.models_module = True  # migration state stubs lack it; create_permissions asks
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        codenames = GRANTS[group.name]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="core", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("bluepaper", "0006_observations_label"),
        ("core", "0006_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
