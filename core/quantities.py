"""Figures typed into titles and summaries, held whole at a line break: "2624公里", never "2624公 / 里".

Figures from the data already come in an unbreakable `<span class="quantity">` (indicators.formatting);
a finding's title and summary state them as typed text. Chinese breaks a line between any two
characters, so a number and its unit need the same span there; in English a number keeps its scale
word and a short unit ("10.948 million", "2,624 km") while a unit noun ("people") may start the
next line as any word does (docs/decisions/0040-tables-and-charts-on-phones.md).
"""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

NUMBER = r"\d+(?:[.,]\d+)*"
# No "%": a line never breaks between a number and a per cent sign (Unicode line breaking, UAX #14).
CHINESE_UNITS = "平方公里|公里|千米|人次|万人|亿元|万元|元|年底|年末|年|个月|月|日|人|家|个|项|条|座|所|倍"
CHINESE = rf"{NUMBER}(?:(?:万|亿)(?:{CHINESE_UNITS})?|(?:{CHINESE_UNITS}))"
ENGLISH = rf"{NUMBER}(?:(?: (?:million|billion|thousand|trillion))(?: km)?| ?(?:km²|km))(?![A-Za-z])"
FIGURE = re.compile(rf"{CHINESE}|{ENGLISH}")
# A hedged figure is stated in one piece of text with its hedge, wherever the hedge stands (decision
# 0023: "预计占…的82.1%"); text that hedges is left whole.
HEDGES = re.compile(r"预计|估计|预期|expected|estimate|projected|projection", re.IGNORECASE)
TAG = re.compile(r"(<[^>]*>)")


def hold_quantities(text) -> SafeString:
    """`text` (plain, or HTML already safe) with each typed figure in a `<span class="quantity">`.

    Only text between tags changes: tags (a fallback's `<span lang>`, search's `<mark>`) pass as they
    are, and so does text that states a hedge.
    """
    html = str(conditional_escape(text))
    parts = TAG.split(html)
    for index in range(0, len(parts), 2):  # the even parts are text, the odd ones tags
        if not HEDGES.search(parts[index]):
            parts[index] = FIGURE.sub(r'<span class="quantity">\g<0></span>', parts[index])
    return mark_safe("".join(parts))  # noqa: S308 - escaped above; only our own span added
