"""Proposed values of a pending change: read from a form or a version, stored as JSON, applied.

Values are stored by field name as the database holds them (a foreign key as its key, a date
as ISO text, many-to-many links as lists of keys), and only where they differ from what is
stored, so a proposal shows exactly what it changes.
"""

import datetime
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .locking import content_fields, stored_state

# The workflow moves these; a proposal or a restore never does.
WORKFLOW_FIELDS = {"status", "published_at", "first_published_at", "archived_at", "created_at", "updated_at"}


def _plain(value):
    if isinstance(value, FieldFile):
        value = value.name
    elif isinstance(value, Decimal):
        value = format(value.normalize(), "f")  # 2624 and 2624.000000 are one number
    elif isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = value.astimezone(datetime.timezone.utc)  # one instant, one spelling
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def proposal_data(instance, values: dict) -> dict:
    """The subset of `values` (field name → value) that differs from what is stored."""
    stored = stored_state(type(instance), instance.pk)
    return {
        name: _plain(value)
        for name, value in values.items()
        if name not in WORKFLOW_FIELDS and _differs(_plain(value), _plain(stored.get(name)))
    }


def _differs(value, stored) -> bool:
    # An empty text and no text are the same to a reader (translated columns hold either).
    return value != stored and not (value in (None, "") and stored in (None, ""))


def instance_values(instance) -> dict:
    """What saving `instance` as it is in memory would store: its concrete content fields."""
    return {field.name: field.value_from_object(instance) for field in content_fields(type(instance))}


def form_values(form) -> dict:
    """What a bound, valid model form would save: concrete fields and many-to-many links."""
    instance, values = form.instance, {}
    for field in content_fields(type(instance)):
        if field.name in form.cleaned_data and field.name not in WORKFLOW_FIELDS:
            values[field.name] = field.value_from_object(instance)
    for field in instance._meta.many_to_many:
        if field.name in form.cleaned_data:
            values[field.name] = sorted(item.pk for item in form.cleaned_data[field.name])
    return values


def apply_values(instance, data: dict) -> dict:
    """Set proposed concrete values on `instance`; return the links to set once it is saved."""
    links = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            links[name] = value
        else:
            target = field.target_field if field.is_relation else field
            setattr(instance, field.attname, None if value is None else target.to_python(value))
    return links


def describe(instance, data: dict) -> list[dict]:
    """For a review page: each proposed field's label, its stored value and its proposed value."""
    stored = stored_state(type(instance), instance.pk)
    rows = []
    for name, value in data.items():
        field = instance._meta.get_field(name)
        rows.append({"name": name, "label": field.verbose_name, "now": _shown(field, stored.get(name)),
                     "proposed": _shown(field, value)})  # fmt: skip
    return rows


def _shown(field, value):
    """A value as an editor recognises it: a linked object's name rather than its key."""
    if value in (None, "", []):
        return ""
    if field.is_relation:
        keys = value if isinstance(value, list) else [value]
        names = [str(item) for item in field.related_model._default_manager.filter(pk__in=keys)]
        return "; ".join(names)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
