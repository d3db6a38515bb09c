"""The data downloads on indicator and finding pages, and an indicator's `Dataset` JSON-LD."""

from django import template
from django.utils.html import format_html

from indicators import charts, structured_data

register = template.Library()


@register.simple_tag
def dataset_json_ld(indicator, observations):
    """`<script type="application/ld+json">` describing the indicator as a schema.org Dataset."""
    body = structured_data.json_ld(structured_data.dataset(indicator, list(observations)))
    return format_html('<script type="application/ld+json">{}</script>', body)


@register.filter
def has_chart(observations):
    """Whether some figure among `observations` can be plotted (so a chart download exists)."""
    return any(charts.is_plottable(obs) for obs in observations)
