"""The site's own notes beside the figures they qualify (docs/decisions/0028-site-notes-and-cross-references.md).

All the tags of a page answer from the request's one index (indicators/site_notes.py).
"""

from django import template

from indicators.models import Indicator, Observation, Region
from indicators.site_notes import NoteIndex, request_index

register = template.Library()


def note_index(context):
    """The request's index (built once), or a fresh one where there is no request."""
    request = context.get("request")
    return NoteIndex() if request is None else request_index(request)


@register.simple_tag(takes_context=True)
def site_notes(context, observations=(), indicators=(), findings=(), finding=None, indicator=None):
    """The published site notes on these figures, indicators, or findings' figures."""
    indicators = [*(indicators or ()), *([indicator] if indicator else [])]
    findings = [*(findings or ()), *([finding] if finding else [])]
    return note_index(context).notes_for(list(observations or ()), indicators, findings)


@register.simple_tag(takes_context=True)
def site_notes_about(context, obj):
    """The published site notes on whatever a list shows in short: an indicator, a figure or a finding."""
    index = note_index(context)
    if isinstance(obj, Indicator):
        return index.notes_for(indicators=[obj])
    if isinstance(obj, Observation):
        return index.notes_for(observations=[obj])
    if isinstance(obj, Region):
        return []
    # A finding (a higher app, named through the relation): its figures' and indicators' notes.
    if any(field.name == "observations" and field.many_to_many for field in obj._meta.get_fields()):
        return index.notes_for(findings=[obj])
    return []
