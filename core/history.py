"""Versions: every save of a content object is recorded (django-simple-history), and any
version can be restored — both languages and the many-to-many cross-links included.

History is registered from each app's translation.py, after the translation fields exist, so
that both languages are part of every version; many-to-many links are recorded when named.
"""

import simple_history
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import HistoricalRecords

# Bookkeeping that says nothing about the content. A restore leaves it alone: restoring an old
# version must not forget that the object once went live (core.publishing.Publishable).
UNTRACKED = ["created_at", "updated_at", "first_published_at", "archived_at"]

# The HistoricalRecords of each tracked model, to record a version outside a normal save.
RECORDERS = {}


class RecordedHistory(HistoricalRecords):
    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        RECORDERS[sender] = self


def track_history(model, m2m_fields=()):
    """Record a version of `model` on every save, with the listed many-to-many links."""
    simple_history.register(
        model,
        app=model._meta.app_label,
        records_class=RecordedHistory,
        m2m_fields=list(m2m_fields),
        excluded_fields=UNTRACKED,
        inherit=False,
    )


def record_version(instance, reason="", history_type="~"):
    """Record the object as it is now, links included (e.g. after loading it from a fixture)."""
    instance._change_reason = reason
    RECORDERS[type(instance)].create_historical_record(instance, history_type)


class one_version:  # noqa: N801 - used as a context manager, like a function
    """Record a single, complete version for all the saves and link changes inside the block.

    Without it, a save followed by setting three many-to-many fields records four versions,
    three of them half-linked.
    """

    def __init__(self, instance, reason="", history_type="~"):
        self.instance, self.reason, self.history_type = instance, reason, history_type

    def __enter__(self):
        self.instance.skip_history_when_saving = True
        return self.instance

    def __exit__(self, exc_type, exc, traceback):
        del self.instance.skip_history_when_saving
        if exc_type is None:
            record_version(self.instance, self.reason, self.history_type)


def tracked_m2m_fields(model):
    return list(RECORDERS[model].get_m2m_fields_from_model(model))


def record_values(record) -> dict:
    """A version's values by field name, its many-to-many links as lists of keys."""
    model, old = record.instance_type, record.instance
    mirrors = untracked_in_diffs(model)
    values = {
        field.name: getattr(old, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in UNTRACKED and field.name not in mirrors and not field.primary_key
    }
    for field in tracked_m2m_fields(model):
        target = field.m2m_reverse_name()
        values[field.name] = sorted(getattr(row, target) for row in getattr(record, field.name).all())
    return values


def untracked_in_diffs(model):
    """Fields whose changes say nothing to an editor: modeltranslation's unsuffixed columns."""
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()
