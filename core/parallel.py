"""Parallel reading: a text in Chinese and in English, side by side, paragraph against paragraph.

Each language's rendered HTML is cut into its top-level blocks (paragraphs, lists, headings,
tables). Where both have as many blocks, they pair in order. Where the counts differ, blocks
are aligned by their share of the whole text, as Gale and Church aligned sentences: a Chinese
paragraph that holds a third of the Chinese text most likely says what the English paragraph
holding a third of the English says. Two blocks may face one, or one face none; every block is
placed once, in order, so no text is ever lost (docs/decisions/0042-navigation-and-parallel-reading.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname

from .languages import html_lang
from .quantities import hold_quantities
from .text import render_markdown
from .translation_status import text_parts, translation_status

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "hr", "img", "input", "wbr"}
# The moves of the alignment, (Chinese blocks, English blocks), and what each costs beyond the
# difference in length: one against one is the rule; two against one, or one alone, the exception.
MOVES = {(1, 1): 0.0, (2, 1): 0.08, (1, 2): 0.08, (1, 0): 0.15, (0, 1): 0.15}
MISMATCHED_KIND = 0.25  # a heading facing a paragraph


class _BlockSplitter(HTMLParser):
    """Cut safe HTML into its top-level elements, each kept exactly as written."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks, self.current, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.current.append(self.get_starttag_text())
        if tag in VOID:
            self.close_if_top()
        else:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.current.append(self.get_starttag_text())
        self.close_if_top()

    def handle_endtag(self, tag):
        self.current.append(f"</{tag}>")
        self.depth = max(self.depth - 1, 0)
        self.close_if_top()

    def handle_data(self, data):
        self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")

    def close_if_top(self):
        if self.depth == 0:
            block = "".join(self.current).strip()
            if block:
                self.blocks.append(block)
            self.current = []

    def close(self):
        super().close()
        self.depth = 0
        self.close_if_top()


def split_blocks(html: str) -> list[str]:
    """The top-level blocks of safe `html`, in order; text between blocks is a block of its own."""
    splitter = _BlockSplitter()
    splitter.feed(html or "")
    splitter.close()
    return [block for block in splitter.blocks if strip_tags(block).strip() or "<hr" in block]


def _length(block: str) -> int:
    return len("".join(strip_tags(block).split()))


def _kind(block: str) -> str:
    tag = block[1:].split(">", 1)[0].split(" ", 1)[0].lower() if block.startswith("<") else ""
    return "heading" if tag in HEADINGS else "text"


def align(left: list[str], right: list[str]) -> list[tuple[list[str], list[str]]]:
    """Pair the blocks of two texts in order, each block once: [(left blocks, right blocks), …]."""
    if not left or not right:
        return [(left, right)] if left or right else []
    shares = [_shares(left), _shares(right)]
    kinds = [[_kind(b) for b in left], [_kind(b) for b in right]]
    rows, cols = len(left), len(right)
    cost = {(0, 0): (0.0, None)}
    for i in range(rows + 1):
        for j in range(cols + 1):
            for (a, b), penalty in MOVES.items():
                if (i - a, j - b) not in cost:
                    continue
                step = abs(sum(shares[0][i - a : i]) - sum(shares[1][j - b : j])) + penalty
                if (a, b) == (1, 1) and kinds[0][i - 1] != kinds[1][j - 1]:
                    step += MISMATCHED_KIND
                total = cost[(i - a, j - b)][0] + step
                if (i, j) not in cost or total < cost[(i, j)][0]:
                    cost[(i, j)] = (total, (a, b))
    return _trace(cost, left, right)


def _shares(blocks):
    lengths = [_length(b) for b in blocks]
    whole = sum(lengths) or 1
    return [length / whole for length in lengths]


def _trace(cost, left, right):
    pairs, i, j = [], len(left), len(right)
    while (i, j) != (0, 0):
        a, b = cost[(i, j)][1]
        pairs.append((left[i - a : i], right[j - b : j]))
        i, j = i - a, j - b
    return pairs[::-1]


@dataclass(frozen=True)
class Cell:
    lang: str  # BCP 47, for the `lang` attribute
    html: SafeString
    empty: bool


def languages() -> list[str]:
    """The site's two languages, default first."""
    return [code for code, _name in settings.LANGUAGES]


def parallel_rows(text: Callable[[], str]) -> list[tuple[Cell, ...]]:
    """One text in each language, aligned: rows of cells, one cell per language in site order.

    `text()` returns the text's safe HTML in the active language; it is called once per language.
    """
    codes = languages()
    blocks = []
    for code in codes:
        with translation.override(code):
            blocks.append(split_blocks(text()))
    rows = []
    for pair in align(*blocks):
        cells = tuple(
            Cell(lang=html_lang(code), html=mark_safe("".join(part)), empty=not part)  # noqa: S308 - safe HTML, cut
            for code, part in zip(codes, pair, strict=True)
        )
        rows.append(cells)
    return rows


def plain(obj, field: str) -> Callable[[], str]:
    """A renderer of a plain-text field as one paragraph, in the active language (no fallback)."""

    def html():
        text = getattr(obj, build_localized_fieldname(field, translation.get_language()), "") or ""
        return format_html("<p>{}</p>", hold_quantities(text)) if text.strip() else ""

    return html


def markdown(obj, field: str) -> Callable[[], str]:
    """A renderer of a Markdown field in the active language (no fallback), its figure tokens filled in."""

    def html():
        rendered = render_markdown(getattr(obj, build_localized_fieldname(field, translation.get_language()), "") or "")
        return obj.with_figures(rendered) if hasattr(obj, "with_figures") else rendered

    return html


def parallel_page(request, obj, texts, **context):
    """The parallel view of `obj`: its `texts` (each a list of rows), with a notice of missing or older text."""
    status = translation_status(text_parts(obj))
    return render(
        request,
        "parallel.html",
        {"obj": obj, "texts": texts, "notices": status.notices(), "page_url": obj.get_absolute_url(), **context},
    )
