"""How tall a frame must be to show a whole embed, without a script on the embedding page.

An iframe cannot size itself to its content across origins unless the host page runs our script,
which we do not ask of anyone. So the code we offer states a height, estimated from what the embed
shows: a base (kicker, title, summary, source, footer), plus each figure or table row and each
site note. The numbers were measured in Chromium with the seed content (docs/decisions/0031-embeds.md):
"narrow" fits a frame 375 px wide (a phone, and the embed box's full-width code), "wide" one of
560 px or more (oEmbed's default 640). English runs longer than Chinese. An embedding site may
change the height; a frame too short scrolls, it never cuts the card off.
"""

from django.utils import translation

from indicators.charts import is_plottable
from indicators.models import Observation
from indicators.site_notes import NoteIndex

WIDE_FROM = 560  # px
MAX_HEIGHT = 1400
# (base, per figure, per site note) by (language, frame)
# A figure's line of source under it (decision 0040) adds about 20 px (zh) to 30 px (en) a figure.
FINDING = {
    ("zh-hans", "narrow"): (340, 100, 30),
    ("en", "narrow"): (560, 150, 30),
    ("zh-hans", "wide"): (280, 90, 30),
    ("en", "wide"): (330, 130, 30),
}
# (base with a chart, base without, per table row, per site note) by (language, frame)
# The chart is 338 × 259 units since decision 0040 (was 346 × 230): 35–50 px taller in a frame.
INDICATOR = {
    ("zh-hans", "narrow"): (640, 280, 30, 150),
    ("en", "narrow"): (860, 500, 40, 150),
    ("zh-hans", "wide"): (710, 250, 30, 100),
    ("en", "wide"): (790, 310, 40, 100),
}


def frame(width: int | None) -> tuple[str, str]:
    language = "en" if translation.get_language() == "en" else "zh-hans"
    return language, "wide" if width and width >= WIDE_FROM else "narrow"


def public_observations(finding) -> list:
    """The finding's public figures: prefetched by its page (public only), else asked for."""
    if "observations" in getattr(finding, "_prefetched_objects_cache", {}):
        return list(finding.observations.all())
    return list(finding.observations.published())


def finding_height(finding, width: int | None = None, *, index: NoteIndex | None = None) -> int:
    """A frame height for the finding's card: its public figures and the site notes on them.

    `index`: the request's site-note index, where a page has one (it costs no query then).
    """
    base, per_figure, per_note = FINDING[frame(width)]
    figures = len(public_observations(finding))
    notes = len((index or NoteIndex()).notes_for(findings=[finding]))
    return min(base + figures * per_figure + notes * per_note, MAX_HEIGHT)


def indicator_height(indicator, width: int | None = None, *, observations=None, index=None) -> int:
    """A frame height for the indicator's embed: a chart if it has one, its table rows, its notes.

    `observations`: its public figures where the page has them already.
    """
    with_chart, without_chart, per_row, per_note = INDICATOR[frame(width)]
    if observations is None:
        observations = list(Observation.objects.published().filter(indicator=indicator))
    base = with_chart if any(is_plottable(observation) for observation in observations) else without_chart
    notes = len((index or NoteIndex()).notes_for(observations=observations, indicators=[indicator]))
    return min(base + len(observations) * per_row + notes * per_note, MAX_HEIGHT)
