"""Figure tokens: finding text cites observations by token, so prose and data never disagree.

An editor writes the figure token `[[figure:12]]` where observation 12 belongs; the page shows its value, unit and
qualifier in the reader's language ("over 3,200 enterprises", "超过3200家"), linked to the
indicator page. Numbers typed by hand are found by `typed_numbers` for the consistency report.
"""

import re
from decimal import Decimal

from django.utils.html import escape, format_html

TOKEN = re.compile(r"\[\[figure:(\d+)\]\]")

# A number as people type it: 3,200 · 2624 · 12.935 million · 1293.5万 · 82.1%.
NUMBER = re.compile(
    r"(?<![\d.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?\s?(?P<scale>million|billion|万|亿)?(?P<pct>%)?"
)
SCALES = {None: 1, "million": 10**6, "billion": 10**9, "万": 10**4, "亿": 10**8}


def figure_token(observation) -> str:
    return f"[[figure:{observation.pk}]]"


def token_ids(text: str) -> set[int]:
    """The observation ids a text refers to."""
    return {int(pk) for pk in TOKEN.findall(text or "")}


def render_figures(html: str, observations_by_id: dict, *, link: bool = True, language=None) -> str:
    """Replace each token in already-safe `html` with its observation, as a reader says it."""

    def figure(match):
        observation = observations_by_id.get(int(match.group(1)))
        if observation is None:  # unpublished, or not among the finding's observations
            return '<span class="figure figure--missing">[…]</span>'
        text = observation.display_value(language)
        if not link:
            return format_html('<span class="figure">{}</span>', text)
        return format_html('<a class="figure" href="{}">{}</a>', observation.get_absolute_url(), text)

    return TOKEN.sub(figure, html)


def plain_with_figures(text: str, observations_by_id: dict, language=None) -> str:
    """Escaped text with tokens replaced by plain figures (for titles and summaries)."""
    return render_figures(escape(text), observations_by_id, link=False, language=language)


def typed_numbers(text: str) -> list[tuple[str, Decimal]]:
    """Numbers typed into `text` (outside tokens) that look like statistics, with their values.

    Years (1900–2100 written as four plain digits) and small counts (under 100, as in "12 key
    industrial chains") are prose, not figures, and are left out.
    """
    found = []
    for match in NUMBER.finditer(TOKEN.sub(" ", text or "")):
        plain = not (match["dec"] or match["scale"] or match["pct"] or "," in match["int"])
        value = Decimal(match["int"].replace(",", "") + (f".{match['dec']}" if match["dec"] else ""))
        if plain and (value < 100 or 1900 <= value <= 2100):
            continue
        found.append((match.group(0).strip(), value * SCALES[match["scale"]]))
    return found
