"""The seed's one projection: Tianjin's 82.1% (2024) is "expected to account for" in the source [4].

Databases loaded before observations had a hedge show it as a fact; this marks it, if present and
still unhedged (an editor's choice is kept). `updated_at` is left alone: the figure's value and
its findings' prose did not change, so they are not flagged for republication.
"""

from django.db import migrations

SEED_PROJECTION = {
    "indicator__slug": "key-chains-industrial-value-share",
    "region__slug": "tianjin",
    "period_year": 2024,
}


def hedge_projection(apps, schema_editor):
    Observation = apps.get_model("indicators", "Observation")
    Observation.objects.filter(**SEED_PROJECTION, hedge="none").update(hedge="projection")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_observation_hedge"),
    ]

    operations = [
        migrations.RunPython(hedge_projection, migrations.RunPython.noop),
    ]
