"""Figures as a reader says them, in Chinese or English, without rounding anything.

Large numbers are scaled by exact decimal division (12935000 → "12.935 million" or
"1293.5万"), so the digits shown are always the digits the source gave.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

QUALIFIER_WORDS = {
    "en": {"exact": "", "about": "about ", "more_than": "over ", "nearly": "nearly "},
    "zh-hans": {"exact": "", "about": "约", "more_than": "超过", "nearly": "近"},
}
# A hedged figure keeps its hedge beside it, in prose as in a table cell: "82.1% (expected)".
HEDGE_WORDS = {
    "en": {"none": "{}", "projection": "{} (expected)", "estimate": "{} (estimate)"},
    "zh-hans": {"none": "{}", "projection": "{}（预计）", "estimate": "{}（估计）"},
}
# (scale, word), largest first: a number at least as large as the scale is written with it.
SCALES = {
    "en": [(Decimal("1e9"), " billion"), (Decimal("1e6"), " million")],
    "zh-hans": [(Decimal("1e8"), "亿"), (Decimal("1e4"), "万")],
}
PERIODS = {
    "en": {
        "year": "{year}", "year_end": "end of {year}", "since": "since {year}", "cumulative": "cumulative",
    },
    "zh-hans": {
        "year": "{year}年", "year_end": "{year}年底", "since": "{year}年以来", "cumulative": "累计",
    },
}  # fmt: skip


def _language(language):
    code = (language or get_language() or settings.LANGUAGE_CODE).lower()
    return code if code in QUALIFIER_WORDS else settings.LANGUAGE_CODE


def plain_decimal(value: Decimal, grouping: bool) -> str:
    """Write a decimal without exponent or trailing zeros, grouped in thousands if asked."""
    normal = value.normalize()
    return format(normal, ",f" if grouping else "f")


def format_number(value: Decimal, language=None) -> str:
    """Write a number the way the language's readers do: 12.935 million, 1293.5万, 3,200."""
    language = _language(language)
    for scale, word in SCALES[language]:
        if abs(value) >= scale:
            # Decimal division by a power of ten is exact: no digit is lost or invented.
            return plain_decimal(value / scale, grouping=False) + word
    return plain_decimal(value, grouping=language == "en")


def format_quantity(value, value_text, qualifier, unit, language=None, *, hedge="none") -> str:
    """Qualifier, number, unit and hedge: "over 3,200 enterprises", "超过3200家", "82.1%（预计）"."""
    words, number, separator, unit, hedged = _quantity_parts(value, value_text, qualifier, unit, language, hedge)
    return hedged.format(f"{words}{number}{separator}{unit}".strip())


SHORT_UNIT = 3  # letters: "km", "t", "sq" stay with their number on a line; a longer unit word may wrap


def format_quantity_html(value, value_text, qualifier, unit, language=None, *, hedge="none") -> SafeString:
    """As `format_quantity`, for pages, in an unbreakable span: "2624公里" never wraps as "2624公 / 里".

    A hedged figure is one text node, qualifier and hedge included (decision 0023: the hedge
    travels with the number). A unit of several words ("markets and centres") may wrap after its
    first word, so a long figure still fits a phone. In English an unhedged figure's unit noun
    ("people", "enterprises") may start the next line as any word does, the number keeping its
    scale word ("12.935 million"): held whole, "over 3,200 enterprises" ran out of a key-figure
    card. Short units ("km", "%") and every Chinese unit stay with the number. Plain-text uses (CSV,
    search, citations, share images, chart text) keep calling `format_quantity`: no markup there.
    """
    words, number, separator, unit, hedged = _quantity_parts(value, value_text, qualifier, unit, language, hedge)
    first, _space, rest = unit.partition(" ")
    if separator and len(first) > SHORT_UNIT and hedged == "{}":
        return format_html('<span class="quantity">{}</span> {}', f"{words}{number}", unit)
    if not rest:
        return format_html(
            '<span class="quantity">{}</span>', hedged.format(f"{words}{number}{separator}{unit}".strip())
        )
    before, _braces, after = hedged.partition("{}")
    held = f"{before}{words}{number}{separator}{first}"
    return format_html('<span class="quantity">{}</span> {}{}', held, rest, after)


def _quantity_parts(value, value_text, qualifier, unit, language, hedge):
    """(qualifier words, number, space before the unit, unit, hedge pattern with "{}" for the rest)."""
    language = _language(language)
    number = value_text if value is None else format_number(value, language)
    separator = "" if language != "en" or not unit or unit.startswith("%") else " "
    words = QUALIFIER_WORDS[language].get(qualifier, "")
    return words, number, separator, unit or "", HEDGE_WORDS[language].get(hedge, "{}")


def format_period(kind, year, language=None) -> str:
    """The period of a figure: "end of 2023", "2023年底", "cumulative"."""
    return PERIODS[_language(language)][kind].format(year=year)
