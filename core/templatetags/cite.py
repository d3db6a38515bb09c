"""`{% citation item kind as cite %}`: what the "Cite this" box and the citation meta tags show."""

from django import template
from django.utils.translation import gettext_lazy as _

from core import citations
from core.request_memo import object_key, once_per_request

register = template.Library()

STYLE_NAMES = {
    "gbt7714": _("GB/T 7714-2015 (Chinese national standard)"),
    "apa": _("APA (7th edition)"),
    "chicago": _("Chicago (author-date, 17th edition)"),
}
DOWNLOAD_NAMES = {"bib": _("BibTeX (.bib)"), "ris": _("RIS (.ris: EndNote, Zotero, Mendeley)")}


@register.simple_tag(takes_context=True)
def citation(context, item, kind):
    """The item as cited in the page's language, each style's text, and the download links.

    Drawn once per page: the citation meta tags and the "Cite this" box show the same."""
    return once_per_request(context, lambda: _citation(item, kind), "citation", kind, object_key(item))


def _citation(item, kind):
    cited = citations.describe(kind, item)
    texts = citations.citations(cited)
    return {
        "item": cited,
        "styles": [{"id": style, "name": STYLE_NAMES[style], "html": texts[style]} for style in citations.STYLES],
        "downloads": [{"name": DOWNLOAD_NAMES[fmt], "url": url} for fmt, url in cited.downloads],
        "author": citations.corporate("author", cited.language),
        "publisher": citations.corporate("publisher", cited.language),
        "version": citations.version_label(cited),
    }
