"""Move images stored under their uploads' names to names from their content (review S1).

Before this, `x.html` holding a PNG was stored as `x.html`; now every stored image is named
`<random hex>.<extension of its format>`, and its renditions after that name.
"""

from django.db import migrations

from core.images import image_rename_by_content


def rename_images(apps, schema_editor):
    for image in apps.get_model("core", "Image").objects.all():
        image_rename_by_content(image=image)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_entry")]

    operations = [migrations.RunPython(rename_images, migrations.RunPython.noop)]
