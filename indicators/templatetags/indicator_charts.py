"""`{% observation_charts observations as charts %}`: the charts a page shows beside its figures."""

from django import template

from indicators.charts import charts_for

register = template.Library()


@register.simple_tag
def observation_charts(observations):
    """One chart per indicator of `observations` with a plottable figure, in the page's language."""
    return charts_for(observations)
