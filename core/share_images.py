"""Share images: a 1200×630 PNG card (Open Graph, Twitter) drawn with Pillow, cached by content.

Knows no app's models: each app builds a `Card` (headline, figures as the site writes them,
note, source) for its own type, and this module lays it out, draws it in a CJK font that the
project's setup installs (`make fonts`: Debian's fonts-noto-cjk), and answers the request.
The cache key is a fingerprint of everything drawn, so an edit to a title or a figure makes a
new image and a new ETag, and nothing else ever does (docs/decisions/0032-share-images.md).
"""

import hashlib
import io
import json
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
LAYOUT_VERSION = "1"  # bump when the drawing changes: every cached image is then redrawn
MAX_AGE = 5 * 60  # an edit reaches readers within minutes, even behind an HTTP cache
CACHE_TIMEOUT = 7 * 24 * 3600

FONT_FAMILY = "Noto Sans CJK SC"
FONT_FILES = {  # Debian's fonts-noto-cjk, where fc-match is not available
    False: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    True: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}

INK, MUTED, ACCENT, ACCENT_DARK = "#1b1f24", "#4a5563", "#0f4c92", "#0b3a6e"
WARN_INK, WARN_BG, LINE = "#5b3a00", "#fff6e0", "#cfd8e3"
LEFT, RIGHT = 88, 1200 - 72


class ShareFontMissing(ImproperlyConfigured):
    """No CJK font: drawing would show Chinese as empty boxes, so nothing is drawn."""


@dataclass(frozen=True)
class Figure:
    value: str  # as the site writes it, hedge included: "82.1%（预计）"
    label: str  # what, where, when: "天津 · 2024年"


@dataclass(frozen=True)
class Card:
    language: str
    kicker: str
    headline: str
    site_name: str
    figures: tuple[Figure, ...] = ()
    text: str = ""  # shown instead of figures when there are none
    note: str = ""  # the figures' caveat or site note: it travels with them
    source: str = ""
    extra: dict = field(default_factory=dict)  # not drawn; kept out of the fingerprint

    def drawn(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        return data

    def fingerprint(self) -> str:
        """A digest of everything drawn, the layout and the font: the cache key and the ETag."""
        payload = json.dumps([LAYOUT_VERSION, str(font_path(False)), self.drawn()], ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    def alt_text(self) -> str:
        """What the image says, for og:image:alt and twitter:image:alt."""
        figures = "; ".join(f"{f.value} ({f.label})" for f in self.figures)
        parts = [self.headline, figures or self.text, self.note, self.source]
        return " — ".join(part for part in parts if part)


# Fonts ---------------------------------------------------------------------------------------


@cache
def font_path(bold: bool) -> Path:
    """The file of Noto Sans CJK (bold or regular); raise ShareFontMissing if there is none."""
    style = ":bold" if bold else ":regular"
    found = _fc_match(FONT_FAMILY + style)
    candidates = [found] if found and "CJK" in found.name else []
    candidates += [Path(FONT_FILES[bold]), Path(FONT_FILES[False])]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ShareFontMissing("No CJK font for share images: install fonts-noto-cjk (`make fonts`).")


def _fc_match(pattern) -> Path | None:
    if not shutil.which("fc-match"):
        return None
    done = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=False)  # noqa: S603, S607
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The Simplified Chinese face of the collection at `size` pixels (it draws Latin text too)."""
    path = font_path(bold)
    return ImageFont.truetype(str(path), size, index=_face_index(path))


@cache
def _face_index(path: Path) -> int:
    """Where the SC face is in a collection (.ttc): Noto's order is JP, KR, SC, TC, HK."""
    for index in range(16):
        try:
            face = ImageFont.truetype(str(path), 10, index=index)
        except OSError:
            break
        if face.getname()[0] == FONT_FAMILY:
            return index
    return 0  # a single-face file (.otf)


# Text layout ---------------------------------------------------------------------------------

CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
TOKEN = re.compile(rf"[{CJK}]|\s+|[^\s{CJK}]+")
NO_LINE_START = set("，。、；：？！）》」』”’%,.;:?!)]")  # stays with the character before it
NO_LINE_END = set("（《「『“‘([")  # stays with the character after it
ELLIPSIS = "…"
TOKEN_IS_CJK = re.compile(rf"[{CJK}]")


def tokens(text: str) -> list[str]:
    """Break points: every Chinese character, every English word; punctuation kept attached."""
    out = []
    for token in TOKEN.findall(text):
        if out and (token[0] in NO_LINE_START or out[-1][-1] in NO_LINE_END) and not out[-1].isspace():
            out[-1] += token
        else:
            out.append(token)
    return out


def wrap(text: str, face, width: int, max_lines: int) -> list[str]:
    """Lines of `text` no wider than `width`; the last shortened with an ellipsis if it runs over."""
    lines, line = [], ""
    for token in tokens(text):
        if face.getlength(line + token) <= width or not line.strip():
            line = line + token if line or not token.isspace() else line
            continue
        lines.append(line.rstrip())
        line = "" if token.isspace() else token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], ellipsize(lines[max_lines - 1] + " ", face, width)]


def ellipsize(line: str, face, width: int) -> str:
    """`line` cut so that it and an ellipsis fit in `width`; English is cut after a whole word."""
    line = line.rstrip()
    cut = line
    while cut and face.getlength(cut + ELLIPSIS) > width:
        cut = cut[:-1]
    if cut != line and " " in cut and not line[len(cut)].isspace() and not TOKEN_IS_CJK.match(line[len(cut)]):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + ELLIPSIS


def fitting_font(text: str, width: int, largest: int, smallest: int, bold=True):
    """The largest font in which `text` fits in `width` on one line (never cut: a figure stays whole)."""
    size = largest
    while size > smallest and font(size, bold).getlength(text) > width:
        size -= 2
    return font(size, bold)


# Drawing -------------------------------------------------------------------------------------


def draw_card(card: Card) -> bytes:
    """The card as a 1200×630 PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT_DARK)
    draw.text((LEFT, 44), card.kicker, font=font(26, True), fill=ACCENT)
    site = fitting_font(card.site_name, (RIGHT - LEFT) // 2, 26, 16)
    draw.text((RIGHT - site.getlength(card.site_name), 44), card.site_name, font=site, fill=ACCENT_DARK)
    y = _draw_lines(draw, wrap(card.headline, font(50, True), RIGHT - LEFT, 3), font(50, True), 96, 66, INK)
    y = max(y + 20, 250)
    y = _draw_figures(draw, card.figures, y) if card.figures else _draw_text(draw, card.text, y)
    if card.note:
        _draw_note(draw, card.note, y + 14)
    _draw_footer(draw, card)
    # A few flat colours and their anti-aliasing: 64 colours look the same at a third of the bytes.
    palette = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG")
    return buffer.getvalue()


def _draw_lines(draw, lines, face, top, line_height, colour) -> int:
    for number, line in enumerate(lines):
        draw.text((LEFT, top + number * line_height), line, font=face, fill=colour)
    return top + len(lines) * line_height


def _draw_figures(draw, figures, top) -> int:
    gap = 48
    column = (RIGHT - LEFT - gap * (len(figures) - 1)) // len(figures)
    bottom = top
    for number, figure in enumerate(figures):
        x = LEFT + number * (column + gap)
        value_font = fitting_font(figure.value, column, 72 if len(figures) == 1 else 60, 30)
        draw.text((x, top), figure.value, font=value_font, fill=ACCENT_DARK)
        label_top = top + value_font.size + 30
        for row, line in enumerate(wrap(figure.label, font(24), column, 2)):
            draw.text((x, label_top + row * 32), line, font=font(24), fill=MUTED)
            bottom = max(bottom, label_top + (row + 1) * 32)
    return bottom


def _draw_text(draw, text, top) -> int:
    return _draw_lines(draw, wrap(text, font(28), RIGHT - LEFT, 3), font(28), top, 42, MUTED)


def _draw_note(draw, note, top):
    lines = wrap(note, font(22), RIGHT - LEFT - 32, 2)
    draw.rectangle((LEFT, top, RIGHT, top + 20 + 32 * len(lines)), fill=WARN_BG)
    draw.rectangle((LEFT, top, LEFT + 5, top + 20 + 32 * len(lines)), fill="#b7791f")
    for row, line in enumerate(lines):
        draw.text((LEFT + 20, top + 8 + row * 32), line, font=font(22), fill=WARN_INK)


def _draw_footer(draw, card):
    # The source is never cut (its paragraph locator is the point): a long one is drawn smaller.
    draw.line((LEFT, 560, RIGHT, 560), fill=LINE, width=2)
    draw.text((LEFT, 580), card.source, font=fitting_font(card.source, RIGHT - LEFT, 24, 14, False), fill=MUTED)


# Serving -------------------------------------------------------------------------------------


def card_png(card: Card) -> bytes:
    """The card's PNG, from the cache when this exact content was drawn before."""
    key = f"share-image:{card.fingerprint()}"
    png = django_cache.get(key)
    if png is None:
        png = draw_card(card)
        django_cache.set(key, png, CACHE_TIMEOUT)
    return png


def share_image_response(request, card: Card) -> HttpResponse:
    """The card as a PNG response with an ETag and a short public Cache-Control."""
    etag = f'"{card.fingerprint()[:20]}"'
    unchanged = get_conditional_response(request, etag=etag)
    response = unchanged or HttpResponse(card_png(card), content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
