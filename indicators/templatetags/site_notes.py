"""The site's own notes beside the figures they qualify (docs/decisions/0028-site-notes.md)."""

from django import template

from indicators.models import Indicator, Observation, Region, site_notes_for

register = template.Library()


@register.simple_tag
def site_notes(observations=(), indicators=(), findings=(), finding=None, indicator=None):
    """The published site notes on these figures, indicators, or findings' figures: one query."""
    indicators = [*(indicators or ()), *([indicator] if indicator else [])]
    findings = [*(findings or ()), *([finding] if finding else [])]
    return site_notes_for(list(observations or ()), indicators, findings)


@register.simple_tag
def site_notes_about(obj):
    """The published site notes on whatever a list shows in short: an indicator, a figure or a finding."""
    if isinstance(obj, Indicator):
        return site_notes_for(indicators=[obj])
    if isinstance(obj, Observation):
        return site_notes_for(observations=[obj])
    if isinstance(obj, Region):
        return []
    # A finding (a higher app, named through the relation): its figures' and indicators' notes.
    if any(field.name == "observations" and field.many_to_many for field in obj._meta.get_fields()):
        return site_notes_for(findings=[obj])
    return []
