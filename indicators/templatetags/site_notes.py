"""The site's own notes beside the figures they qualify (docs/decisions/0028-site-notes.md)."""

from django import template

from indicators.models import site_notes_for

register = template.Library()


@register.simple_tag
def site_notes(observations=(), indicators=(), findings=(), finding=None, indicator=None):
    """The published site notes on these figures, indicators, or findings' figures: one query."""
    indicators = [*(indicators or ()), *([indicator] if indicator else [])]
    findings = [*(findings or ()), *([finding] if finding else [])]
    return site_notes_for(list(observations or ()), indicators, findings)
