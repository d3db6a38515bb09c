"""Share-image cards for findings and for the site as a whole (the report's edition)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.languages import localized
from core.share_images import Card
from core.templatetags.bp import tr_plain
from indicators.share import figures, key_observations, note_text, public_observations, source_text


def finding_card(finding) -> Card:
    """The share card of a finding in the current language: title, key figures, note and source."""
    language = get_language()
    observations = public_observations(findings=finding)
    shown = key_observations(observations)
    indicators = list({o.indicator_id: o.indicator for o in shown}.values())
    return Card(
        language=language,
        kicker=_("Finding"),
        headline=localized(finding, "title", language).text,
        site_name=_("Beijing–Tianjin–Hebei Development Report"),
        figures=figures(shown, language, with_indicator=len(indicators) > 1),
        text=localized(finding, "summary", language).text,
        note=note_text(shown, indicators, language),
        source=source_text([*shown, finding], language),
    )


def report_card(report) -> Card:
    """The site's default share card: the edition's title and summary (or the site's name alone)."""
    language = get_language()
    site_name = _("Beijing–Tianjin–Hebei Development Report")
    if report is None:
        return Card(language=language, kicker=_("Blue paper"), headline=site_name, site_name=site_name)
    return Card(
        language=language,
        kicker=_("Blue paper"),
        headline=localized(report, "title", language).text,
        site_name=site_name,
        text=localized(report, "summary", language).text,
        source=source_text([report], language),
    )


def text_card(item, kicker: str, text_field: str) -> Card:
    """A card of a titled item without figures (challenge, strategy): title, text and source."""
    language = get_language()
    return Card(
        language=language,
        kicker=kicker,
        headline=localized(item, "title", language).text,
        site_name=_("Beijing–Tianjin–Hebei Development Report"),
        text=tr_plain(item, text_field),
        source=source_text([item], language),
    )


def challenge_card(challenge) -> Card:
    """The share card of a challenge: its title and description, and where the report names it."""
    return text_card(challenge, _("Challenge"), "description")
