"""Editor-written text: Markdown rendered to HTML, then sanitised so that no script survives.

The sanitiser drops what it does not allow, silently — a `<style>` left open swallows the rest of
a body. So a form checks the text first (`dropped_constructs`) and names whatever would be lost,
and the page never loses text an editor saved.
"""

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


def markdown_html(text: str) -> str:
    """Editor Markdown as HTML, before sanitising."""
    return markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")


def render_markdown(text: str):
    """Render editor Markdown to safe HTML."""
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
