"""Editor-written text: Markdown rendered to HTML, then sanitised so that no script survives.

The sanitiser drops what it does not allow, silently — a `<style>` left open swallows the rest of
a body. So a form checks the text first (`dropped_constructs`) and names whatever would be lost,
and the page never loses text an editor saved.
"""

import hashlib
import threading
from functools import lru_cache
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "abbr", "cite", "q", "span", "code", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "span": {"lang"}, "*": {"lang"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Keep only harmless tags and attributes; links may not run script."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


_converters = threading.local()


def markdown_html(text: str) -> str:
    """Editor Markdown as HTML, before sanitising.

    One converter per thread, reset between texts: building one loads its extensions, which cost
    a page about 1 ms per text rendered (markdown.markdown() builds one on every call).
    """
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return converter.reset().convert(text)


@lru_cache(maxsize=1024)
def render_markdown(text: str):
    """Render editor Markdown to safe HTML.

    A pure function of the text, so remembered: a page renders the same title and summary for its
    heading, its meta tags, its citation and its structured data.
    """
    if not text:
        return mark_safe("")
    return mark_safe(sanitize_html(markdown_html(text)))  # noqa: S308 - sanitised by nh3 just above


class _Reader(HTMLParser):
    """What an HTML text says (its text, comments included) and what the sanitiser would drop from it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.dropped = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.dropped.append(f"<{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.dropped.append(f"<{tag} {name}=…>")
            elif name == "href" and urlsplit(value or "").scheme.lower() not in URL_SCHEMES | {""}:
                self.dropped.append(f"<{tag} href={urlsplit(value).scheme}:…>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.dropped.append("<!-- -->")
        self.text.append(data)

    def handle_decl(self, decl):
        self.dropped.append(f"<!{decl.split()[0] if decl.split() else ''}>")

    def handle_pi(self, data):
        self.dropped.append("<?…>")

    def unknown_decl(self, data):
        self.dropped.append("<![…]>")


def _read(html):
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def dropped_constructs(text: str) -> list[str]:
    """The HTML constructs of editor Markdown that the page would not show, each named once.

    Names tags, attributes, comments and declarations the sanitiser drops; if text would still be
    lost without any of them to blame, says so with "…".
    """
    if not text:
        return []
    raw = _read(markdown_html(text))
    named = list(dict.fromkeys(raw.dropped))
    lost = "".join(raw.text).split() != "".join(_read(sanitize_html(markdown_html(text))).text).split()
    return named or (["…"] if lost else [])


# Stable ids for the blocks of a text, so that a link can point inside a page -----------------

ANCHORED_TAGS = {"p", "li", "h2", "h3", "h4"}


def paragraph_id(text: str) -> str:
    """The id of a block from its own text: edits elsewhere in the body leave it unchanged."""
    normal = " ".join(unescape(text).split())
    return "p-" + hashlib.sha256(normal.encode()).hexdigest()[:8]


class _Anchorer(HTMLParser):
    """Copy safe HTML, giving each outermost paragraph, list item and heading an id and a link mark."""

    def __init__(self, label: str):
        super().__init__(convert_charrefs=False)
        self.label, self.out, self.seen = label, [], {}
        self.open = None  # [tag, depth, index of its start tag in out, text]

    def handle_starttag(self, tag, attrs):
        if self.open is None and tag in ANCHORED_TAGS:
            self.open = [tag, 1, len(self.out), []]
        elif self.open is not None and tag == self.open[0]:
            self.open[1] += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.open is not None and tag == self.open[0]:
            self.open[1] -= 1
            if self.open[1] == 0:
                self.close_block()
        self.out.append(f"</{tag}>")

    def close_block(self):
        tag, _depth, index, text = self.open
        self.open = None
        if not "".join(text).strip():
            return  # an empty block: nothing to link to
        block_id = self.unique(paragraph_id("".join(text)))
        start = self.out[index]
        self.out[index] = f'{start[:-1].rstrip()} id="{block_id}">'
        self.out.append(f'<a class="anchor-link" href="#{block_id}" aria-label="{escape(self.label)}">¶</a>')

    def unique(self, block_id: str) -> str:
        """The id, with a suffix if the same text came before ("-2", "-3")."""
        count = self.seen[block_id] = self.seen.get(block_id, 0) + 1
        return block_id if count == 1 else f"{block_id}-{count}"

    def handle_data(self, data):
        self.record(data)
        self.out.append(data)

    def handle_entityref(self, name):
        self.record(f"&{name};")
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.record(f"&#{name};")
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def record(self, text):
        if self.open is not None:
            self.open[3].append(text)


def anchor_blocks(html: str, label: str) -> str:
    """Give each outermost paragraph, list item and heading of sanitised `html` a stable id and a link to it.

    Run after sanitising: the sanitiser removes any id an editor writes, so none can be forged.
    """
    anchorer = _Anchorer(label)
    anchorer.feed(html)
    anchorer.close()
    return "".join(anchorer.out)
