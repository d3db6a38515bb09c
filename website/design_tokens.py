"""The design system's colour tokens, read from site.css, and the WCAG contrast of each pair in use.

The stylesheet is the one source: /styleguide/ and the tests compute the ratios from its `:root`
block, so a changed colour shows its new ratio (and a test fails below AA) without anyone
updating a table by hand (docs/design-system.md).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
ROOT_BLOCK = re.compile(r":root\s*\{(?P<body>.*?)\n\}", re.S)
COLOUR = re.compile(r"--(?P<name>[a-z-]+):\s*(?P<value>#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\s*;")

TEXT, LARGE_OR_UI = 4.5, 3.0  # WCAG 2.2 SC 1.4.3 (text) and 1.4.11 (borders of controls, focus rings)


@dataclass(frozen=True)
class Pair:
    foreground: str
    background: str
    use: str
    minimum: float


# Every foreground/background combination the stylesheet puts together.
PAIRS = [
    Pair("ink", "paper", _("body text"), TEXT),
    Pair("ink", "tint", _("text in panels: key figures, citation box"), TEXT),
    Pair("ink", "note-bg", _("text of the site's notes"), TEXT),
    Pair("ink", "mark-bg", _("a search match"), TEXT),
    Pair("muted", "paper", _("secondary text: labels, sources, captions"), TEXT),
    Pair("muted", "tint", _("labels in panels"), TEXT),
    Pair("muted", "footer-bg", _("footer text"), TEXT),
    Pair("muted", "warn-bg", _("a source in a highlighted table row"), TEXT),
    Pair("muted", "note-bg", _("the basis of a site note"), TEXT),
    Pair("accent", "paper", _("links"), TEXT),
    Pair("accent", "tint", _("links in panels"), TEXT),
    Pair("accent", "footer-bg", _("footer links"), TEXT),
    Pair("accent-dark", "paper", _("headings"), TEXT),
    Pair("accent-dark", "tint", _("table heads, key figures"), TEXT),
    Pair("paper", "accent", _("button text"), TEXT),
    Pair("paper", "accent-dark", _("header text"), TEXT),
    Pair("on-dark", "accent-dark", _("navigation"), TEXT),
    Pair("warn-ink", "warn-bg", _("caveats"), TEXT),
    Pair("note-ink", "note-bg", _("site note titles"), TEXT),
    Pair("muted", "paper", _("border of a form field"), LARGE_OR_UI),
    Pair("accent", "paper", _("keyboard focus ring"), LARGE_OR_UI),
    Pair("warn-line", "warn-bg", _("caveat rule"), LARGE_OR_UI),
    Pair("note-line", "note-bg", _("site note rule"), LARGE_OR_UI),
]


@dataclass(frozen=True)
class Contrast:
    pair: Pair
    foreground_value: str
    background_value: str
    ratio: float

    @property
    def passes(self):
        return self.ratio >= self.pair.minimum


@cache
def colour_tokens(css_text=None) -> dict[str, str]:
    """{token name: "#rrggbb"} from the stylesheet's `:root` block, in its order."""
    text = STYLESHEET.read_text(encoding="utf-8") if css_text is None else css_text
    root = ROOT_BLOCK.search(text)
    if root is None:
        return {}
    return {m["name"]: full_hex(m["value"]) for m in COLOUR.finditer(root["body"])}


def full_hex(value: str) -> str:
    digits = value.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrasts(tokens=None) -> list[Contrast]:
    """Each pair in use with its colours and ratio (rounded down, so 4.49 never shows as 4.5)."""
    tokens = colour_tokens() if tokens is None else tokens
    return [
        Contrast(pair, fg, bg, int(contrast_ratio(fg, bg) * 100) / 100)
        for pair in PAIRS
        for fg, bg in [(tokens[pair.foreground], tokens[pair.background])]
    ]
