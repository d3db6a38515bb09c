"""The seed content against a live database: add what is missing, update what the seed changed
and nobody has touched since, keep what editors changed, retire what the seed dropped.

`load_seed` records a version of every object it writes, with one of SEED_REASONS. An object
whose content still equals its last such version has not been changed since the seed wrote
it, so a newer seed may replace it; if the two differ, an editor changed it and it is kept.
Only the fields a fixture gives and the many-to-many links that versions record are compared,
so bookkeeping (`created_at`, `updated_at`) and fields the seed does not set never count.
"""

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.base import DeserializedObject

from .history import UNTRACKED, tracked_m2m_fields, untracked_in_diffs
from .publishing import Publishable, Status
from .services import content_delete, content_save

ADDED_REASON = "Seed content"
UPDATED_REASON = "Updated from the seed"
REMOVED_REASON = "Removed from the seed"
SEED_REASONS = (ADDED_REASON, UPDATED_REASON, REMOVED_REASON)

ADDED, UPDATED, KEPT, REMOVED, UNCHANGED = "added", "updated", "kept", "removed", "unchanged"


@dataclass(frozen=True)
class Change:
    """What a seed run did to one object, and why when it left an object alone."""

    outcome: str
    instance: object
    why: str = ""
    label: str = dataclasses.field(init=False)

    def __post_init__(self):
        # Named now: a deleted object loses its primary key.
        label = f"{self.instance._meta.label_lower} {self.instance.pk}: {self.instance}"
        object.__setattr__(self, "label", label)

    def __str__(self):
        why = f" ({self.why})" if self.why else ""
        return f"{self.outcome.capitalize():9} {self.label}{why}"


@dataclass
class SeedObject:
    """One object of a fixture: the deserialized object, and the content it sets."""

    item: DeserializedObject
    fields: list  # attnames of the concrete content fields the fixture gives
    links: list  # names of the tracked many-to-many fields the fixture gives

    @property
    def model(self):
        return type(self.item.object)

    def content(self):
        """The values and links this seed wants the object to have."""
        obj, m2m = self.item.object, self.item.m2m_data
        return {
            **{name: getattr(obj, name) for name in self.fields},
            **{name: {int(pk) for pk in m2m.get(name, [])} for name in self.links},
        }


def read_fixture(path: Path) -> list[SeedObject]:
    """The objects of one fixture file, each with the fields and links it sets."""
    text = path.read_text(encoding="utf-8")
    items = serializers.deserialize("json", text, handle_forward_references=True)
    return [seed_object(item, raw) for item, raw in zip(items, json.loads(text), strict=True)]


def seed_object(item, raw) -> SeedObject:
    model = apps.get_model(raw["model"])
    skipped = {*UNTRACKED, *untracked_in_diffs(model)}
    given = [model._meta.get_field(name) for name in raw["fields"] if name not in skipped]
    tracked = {field.name for field in tracked_m2m_fields(model)}
    return SeedObject(
        item=item,
        fields=[field.attname for field in given if field.concrete and not field.many_to_many],
        links=[field.name for field in given if field.many_to_many and field.name in tracked],
    )


def content_of(instance, names: list, links: list) -> dict:
    """The object's current values of `names` and its links."""
    return {
        **{name: getattr(instance, name) for name in names},
        **{name: set(getattr(instance, name).values_list("pk", flat=True)) for name in links},
    }


def content_of_record(record, names: list, links: list) -> dict:
    """The same, as a historical record remembers them."""
    model = record.instance_type
    linked = {}
    for name in links:
        target = model._meta.get_field(name).m2m_reverse_name()
        linked[name] = {getattr(row, target) for row in getattr(record, name).all()}
    return {**{name: getattr(record, name) for name in names}, **linked}


def last_seed_record(instance):
    """The last version that the seed wrote of `instance`, or None if it never wrote one."""
    return instance.history.filter(history_change_reason__in=SEED_REASONS).order_by("-history_date", "-pk").first()


def untouched_since_seed(instance, names, links) -> str:
    """Why the object must be kept as it is ("" when nobody changed it since the seed wrote it)."""
    record = last_seed_record(instance)
    if record is None:
        return "not written by the seed"
    if content_of_record(record, names, links) != content_of(instance, names, links):
        return "changed by an editor"
    return ""


def seed_object_update(*, instance, values: dict, links: dict, reason: str = UPDATED_REASON) -> None:
    """Write the seed's values and links onto a live object, through the one write path."""

    def write():
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        for name, pks in links.items():
            getattr(instance, name).set(pks)

    content_save(user=None, instance=instance, write=write, reason=reason)


def seed_object_remove(*, instance) -> None:
    """Retire an object the seed no longer has: archived if it may have been public, else deleted."""
    if isinstance(instance, Publishable):
        seed_object_update(instance=instance, values={"status": Status.ARCHIVED}, links={}, reason=REMOVED_REASON)
    else:
        instance._change_reason = REMOVED_REASON
        content_delete(user=None, instance=instance)


def seed_sync(entry: SeedObject) -> Change:
    """Bring one existing object up to the seed, unless someone changed it since the seed did."""
    live = entry.model._default_manager.get(pk=entry.item.object.pk)
    wanted = entry.content()
    if content_of(live, entry.fields, entry.links) == wanted:
        return Change(UNCHANGED, live)
    why = untouched_since_seed(live, entry.fields, entry.links)
    if why:
        return Change(KEPT, live, why)
    values = {name: wanted[name] for name in entry.fields}
    seed_object_update(instance=live, values=values, links={name: wanted[name] for name in entry.links})
    return Change(UPDATED, live)


def seed_retire(model, seed_pks: set) -> list[Change]:
    """Retire the objects that the seed wrote once and no longer has, if nobody changed them."""
    written = model.history.filter(history_change_reason__in=SEED_REASONS).values_list("id", flat=True)
    gone = model._default_manager.filter(pk__in=set(written) - seed_pks)
    if issubclass(model, Publishable):
        gone = gone.exclude(status=Status.ARCHIVED)
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in {*UNTRACKED, *untracked_in_diffs(model)}
    ]
    links = [field.name for field in tracked_m2m_fields(model)]
    changes = []
    for instance in gone:
        why = untouched_since_seed(instance, names, links)
        if why:
            changes.append(Change(KEPT, instance, f"{why}; no longer in the seed"))
        else:
            changes.append(Change(REMOVED, instance))
            seed_object_remove(instance=instance)
    return changes
