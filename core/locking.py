"""Optimistic locking: a form remembers the state it was opened on, and a save from a stale
form is refused instead of silently overwriting what a colleague saved in the meantime.

The token is a digest of the object's stored row and its many-to-many links, so it works for
every model without a version column, and changes whenever anything a form shows changes.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from .history import untracked_in_diffs


def content_fields(model):
    """The concrete fields that hold content: not modeltranslation's unsuffixed mirror columns,
    whose value follows the active language (their `_zh_hans`/`_en` columns are the content)."""
    mirrors = untracked_in_diffs(model)
    return [field for field in model._meta.concrete_fields if field.name not in mirrors]


def stored_state(model, pk) -> dict:
    """The object's stored values by field name, many-to-many links as sorted key lists."""
    fields = content_fields(model)
    queryset = model._default_manager.filter(pk=pk)
    if hasattr(queryset, "rewrite"):
        queryset = queryset.rewrite(False)  # modeltranslation: read the columns as named
    row = queryset.values(*[field.attname for field in fields]).first()
    if row is None:
        return {}
    state = {field.name: row[field.attname] for field in fields}
    for field in model._meta.many_to_many:
        through = getattr(model, field.name).through
        source = field.m2m_field_name() + "_id"
        target = field.m2m_reverse_field_name() + "_id"
        state[field.name] = sorted(through.objects.filter(**{source: pk}).values_list(target, flat=True))
    return state


def state_token(model, pk) -> str:
    """A short digest of what is stored for the object now ("" for an object not saved yet)."""
    if pk is None:
        return ""
    encoded = json.dumps(stored_state(model, pk), cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:32]
