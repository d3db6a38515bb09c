"""Share-image cards for indicators, and the figure, note and source parts findings reuse.

Every figure is written by `Observation.display_value` (qualifier, number, unit and hedge, as
on the page): a card never formats a number itself, so "82.1%（预计）" keeps its hedge.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.languages import localized
from core.share_images import Card, Figure

from .models import Observation, site_notes_for

MAX_FIGURES = 2


def key_observations(observations) -> list:
    """The figures a card shows: the latest two, in time order (2014 before 2023)."""
    latest = sorted(observations, key=lambda o: o.period_year or 0)[-MAX_FIGURES:]
    return [o for o in observations if o in latest]


def figures(observations, language, *, with_indicator: bool) -> tuple[Figure, ...]:
    """Each observation as a figure: the site's wording of its value, and what, where and when."""
    return tuple(
        Figure(
            value=o.display_value(language),
            label=" · ".join(
                ([localized(o.indicator, "name", language).text] if with_indicator else [])
                + [localized(o.region, "name", language).text, o.period_label(language)]
            ),
        )
        for o in observations
    )


def note_text(observations, indicators, language) -> str:
    """The figures' site note, else their indicators' caveat: it travels with the figures."""
    notes = site_notes_for(observations=observations, indicators=indicators)
    if notes:
        return _("Site note: %(text)s") % {"text": localized(notes[0], "text", language).text}
    for indicator in indicators:
        caveat = localized(indicator, "caveat", language).text
        if caveat:
            return _("Caveat: %(text)s") % {"text": caveat}
    return ""


def source_text(cited, language) -> str:
    """ "Source: Jing Ji Guan Cha Wang [4]": each publisher once, with its paragraph locators."""
    locators = {}
    for item in cited:
        if item.source_id is None and not item.locator:
            continue
        publisher = localized(item.source, "publisher", language).text if item.source else ""
        found = locators.setdefault(publisher, [])
        if item.locator and item.locator not in found:
            found.append(item.locator)
    if not locators:
        return ""
    parts = [" ".join(part for part in (name, ", ".join(locs)) if part) for name, locs in locators.items()]
    return _("Source: %(sources)s") % {"sources": "; ".join(parts)}


def public_observations(**lookup) -> list:
    """Published observations with what a card says about them, in display order."""
    queryset = Observation.objects.published().filter(**lookup).in_display_order()
    return list(queryset.select_related("indicator", "region", "source"))


def indicator_card(indicator, observations=None) -> Card:
    """The share card of an indicator in the current language: its name and latest figures."""
    language = get_language()
    if observations is None:
        observations = public_observations(indicator=indicator)
    shown = key_observations(observations)
    return Card(
        language=language,
        kicker=_("Indicator"),
        headline=localized(indicator, "name", language).text,
        site_name=_("Beijing–Tianjin–Hebei Development Report"),
        figures=figures(shown, language, with_indicator=False),
        text=localized(indicator, "definition", language).text,
        note=note_text(shown, [indicator], language),
        source=source_text(shown, language),
    )
