"""Let editors and publishers read the audit trail (the admin's log of who changed what)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("admin")
    app_config.models_module = True  # migration state stubs lack it; create_permissions asks
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    view_log = Permission.objects.get(content_type__app_label="admin", codename="view_logentry")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.add(view_log)


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("bluepaper", "0004_publishers_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
