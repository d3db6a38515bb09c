"""Load the seed content from fixtures/, adding only what is missing.

Safe to run again: an object whose primary key already exists is left exactly as editors
made it, so nothing is duplicated or overwritten. All or nothing: one transaction.
"""

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from core.publishing import Publishable
from core.search import search_reindex_all
from core.services import content_loaded

# Lower layers first, so that every foreign key finds its target.
SEED_FIXTURES = ["indicators", "bluepaper", "policies"]


class Command(BaseCommand):
    help = "Load the seed content (fixtures/*.json), adding only objects that are missing."

    def handle(self, *args, **options):
        added, kept, models = [], 0, set()
        with transaction.atomic():
            for name in SEED_FIXTURES:
                for item in self.read_fixture(name):
                    model = type(item.object)
                    models.add(model)
                    if model._default_manager.filter(pk=item.object.pk).exists():
                        kept += 1
                        continue
                    # Linking many-to-many rows would record half-linked versions; record one
                    # complete version per object below instead.
                    item.object.skip_history_when_saving = True
                    if isinstance(item.object, Publishable):
                        item.object.note_publication()  # a raw save skips Publishable.save
                    item.save()
                    del item.object.skip_history_when_saving
                    added.append(item.object)
            self.reset_sequences(models)
            # Fixtures load without signals: take each new object into the write path (its
            # first version, its hooks) once all of its links exist.
            for instance in added:
                content_loaded(instance=instance, reason="Seed content")
            # Fixtures load without the admin's hooks: rebuild the search index from what is stored.
            search_reindex_all()
        self.stdout.write(f"Seed content: {len(added)} objects added, {kept} already present and kept.")

    def read_fixture(self, name):
        path = settings.FIXTURE_DIRS[0] / f"{name}.json"
        with path.open(encoding="utf-8") as stream:
            yield from serializers.deserialize("json", stream, handle_forward_references=True)

    def reset_sequences(self, models):
        """Explicit primary keys do not move PostgreSQL's sequences; move them past the seed."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
