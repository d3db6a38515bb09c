"""How the data is searched: indicators, with each of their figures (core/search.py)."""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.languages import localized
from core.search import Document, languages, own_text, plain_text, register, register_dependency

from .models import Indicator, Observation, Region


def figure_text(observation, language, with_indicator=False):
    """A figure as the indicator's table shows it: (indicator ·) region · period · value · note."""
    parts = [
        localized(observation.indicator, "name", language).text if with_indicator else "",
        localized(observation.region, "name", language).text,
        observation.period_label(language),
        observation.display_value(language),
        own_text(observation, "note", language),
    ]
    return " · ".join(part for part in parts if part)


def indicator_documents(indicator):
    for language in languages():
        name = own_text(indicator, "name", language)
        unit = own_text(indicator, "unit", language)
        with translation.override(language):
            unit = _("Unit: %(unit)s") % {"unit": unit} if unit else ""
        parts = [own_text(indicator, "definition", language), own_text(indicator, "caveat", language), unit]
        yield Document(language, name, plain_text(*map(escape, parts)))  # plain text, not HTML
        # Each figure is found only while it is public itself: a draft or scheduled one stays hidden.
        for observation in indicator.observations.all():
            yield Document(language, name, figure_text(observation, language), source=observation)


def indicators_for_indexing():
    figures = Observation.objects.select_related("region").order_by("region__order", "period_year", "pk")
    return Indicator.objects.prefetch_related(Prefetch("observations", queryset=figures))


register(
    Indicator,
    documents=indicator_documents,
    queryset=indicators_for_indexing,
    title_field="name",
    rank=3,
    sources=(Observation,),
)
# A figure's entry names its indicator and its region.
register_dependency(Observation, lambda observation: [observation.indicator])
register_dependency(Region, lambda region: Indicator.objects.filter(observations__region=region).distinct())
