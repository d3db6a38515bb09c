"""Load the seed content from fixtures/, and bring a database loaded earlier up to date.

An object missing from the database is added. One that the seed wrote earlier is updated to
the current fixtures, links included, unless someone changed it since: then it is kept exactly
as the editor left it, and reported. An object the seed wrote once and no longer has is
retired (archived; deleted if it is not publishable). Running it again changes nothing.
All or nothing: one transaction. See core/seed.py and docs/decisions/0017-seed-updates.md.
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Q

from bluepaper.models import Finding
from bluepaper.services import finding_publish_version
from core.planner import refresh_planner_statistics
from core.publishing import Publishable
from core.search import search_reindex_all
from core.seed import (
    ADDED,
    ADDED_REASON,
    KEPT,
    REMOVED,
    UNCHANGED,
    UPDATED,
    Change,
    read_fixture,
    seed_retire,
    seed_sync,
)
from core.services import batch, content_loaded
from indicators.models import Indicator, Observation, SiteNote

# Lower layers first, so that every foreign key finds its target.
SEED_FIXTURES = ["indicators", "bluepaper", "policies"]
OUTCOMES = [ADDED, UPDATED, KEPT, REMOVED, UNCHANGED]


def findings_showing(written):
    """The findings whose article shows something the seed wrote: their text, figures, caveats or site notes.

    Each gets a new published version if its article now reads differently.
    """
    models = (Finding, Observation, Indicator, SiteNote)
    pks = {model: [obj.pk for obj in written if isinstance(obj, model)] for model in models}
    return Finding.objects.filter(
        Q(pk__in=pks[Finding])
        | Q(observations__in=pks[Observation])
        | Q(indicators__in=pks[Indicator])
        | Q(observations__site_notes__in=pks[SiteNote])
        | Q(indicators__site_notes__in=pks[SiteNote])
    ).distinct()


class Command(BaseCommand):
    help = (
        "Load the seed content (fixtures/*.json): add what is missing, update what the seed changed "
        "and no editor has, keep and report what editors changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        # The whole index is rebuilt at the end, so no write needs to reindex on its own.
        with transaction.atomic(), batch(index=False):
            changes = self.apply_seed()
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:
            refresh_planner_statistics()
        self.report(changes, verbosity, dry_run)

    def apply_seed(self):
        entries = [entry for name in SEED_FIXTURES for entry in read_fixture(settings.FIXTURE_DIRS[0] / f"{name}.json")]
        changes, added = [], []
        for entry in entries:
            if entry.model._default_manager.filter(pk=entry.item.object.pk).exists():
                changes.append(seed_sync(entry))
            else:
                # Linking many-to-many rows would record half-linked versions; record one
                # complete version per object below instead.
                entry.item.object.skip_history_when_saving = True
                if isinstance(entry.item.object, Publishable):
                    entry.item.object.note_publication()  # a raw save skips Publishable.save
                entry.item.save()
                del entry.item.object.skip_history_when_saving
                added.append(entry.item.object)
        # Fixtures load without signals: take each new object into the write path (its first
        # version, its hooks) once all of its links exist.
        for instance in added:
            content_loaded(instance=instance, reason=ADDED_REASON)
        changes += [Change(ADDED, instance) for instance in added]
        models = list(dict.fromkeys(entry.model for entry in entries))
        for model in reversed(models):  # dependents (a strategy's actions) before what they hang from
            changes += seed_retire(model, {entry.item.object.pk for entry in entries if entry.model is model})
        written = [change.instance for change in changes if change.outcome in (ADDED, UPDATED, REMOVED)]
        for finding in findings_showing(written):
            finding_publish_version(finding=finding)
        self.reset_sequences(models)
        # Fixtures load without the admin's hooks: rebuild the search index from what is stored
        # (derived data, the same on every run).
        search_reindex_all()
        return changes

    def report(self, changes, verbosity, dry_run):
        if verbosity >= 1:
            for change in changes:
                if change.outcome != UNCHANGED:
                    self.stdout.write(str(change))
        counts = Counter(change.outcome for change in changes)
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
        self.stdout.write(f"Seed content{' (dry run: nothing written)' if dry_run else ''}: {summary}.")

    def reset_sequences(self, models):
        """Explicit primary keys do not move PostgreSQL's sequences; move them past the seed."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
