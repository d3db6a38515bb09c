"""Figure tokens: finding text cites observations by token, so prose and data never disagree.

An editor writes the figure token `[[figure:12]]` where observation 12 belongs; the page shows its value, unit and
qualifier in the reader's language ("over 3,200 enterprises", "超过3200家"), linked to the
indicator page. Numbers typed by hand are found by `typed_numbers` for the consistency report.
"""

import re
from decimal import Decimal
from html.parser import HTMLParser

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


MISSING = "[…]"  # a token of no public observation: publishing such a finding is refused (bluepaper.services)


class FigureFiller(HTMLParser):
    """Safe HTML with its tokens filled in: in text as a figure element, in an attribute as plain text.

    A parser, not a pattern over the HTML, so that a figure's markup never lands inside an
    attribute value (review row S9). Everything without a token is copied exactly as it came.
    """

    def __init__(self, figure_html, figure_text):
        super().__init__(convert_charrefs=False)
        self.figure_html, self.figure_text = figure_html, figure_text
        self.out = []

    def handle_starttag(self, tag, attrs):
        if not any(TOKEN.search(value or "") for _name, value in attrs):
            self.out.append(self.get_starttag_text())
            return
        filled = [name if value is None else f'{name}="{escape(TOKEN.sub(self.figure_text, value))}"'
                  for name, value in attrs]  # fmt: skip
        self.out.append(f"<{' '.join([tag, *filled])}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(TOKEN.sub(self.figure_html, data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")


def render_figures(html: str, observations_by_id: dict, *, link: bool = True, language=None) -> str:
    """Replace each token in already-safe `html` with its observation, as a reader says it."""

    def observation(match):
        return observations_by_id.get(int(match.group(1)))

    def figure_html(match):
        found = observation(match)
        if found is None:  # unpublished, or not among the finding's observations
            return f'<span class="figure figure--missing">{MISSING}</span>'
        text = found.display_html(language)  # escaped, the number and its unit on one line
        if not link:
            return format_html('<span class="figure">{}</span>', text)
        return format_html('<a class="figure" href="{}">{}</a>', found.get_absolute_url(), text)

    def figure_text(match):
        found = observation(match)
        return MISSING if found is None else found.display_value(language)

    if "[[figure:" not in html:
        return html
    filler = FigureFiller(figure_html, figure_text)
    filler.feed(html)
    filler.close()
    return "".join(filler.out)


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
