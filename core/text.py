"""Editor-written text: Markdown rendered to HTML, then sanitised so that no script survives."""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "abbr", "cite", "q", "span", "code", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "span": {"lang"}, "*": {"lang"}}


def sanitize_html(html: str) -> str:
    """Keep only harmless tags and attributes; links may not run script."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str):
    """Render editor Markdown to safe HTML."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised by nh3 just above
