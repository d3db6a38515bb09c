"""`{% citation item kind as cite %}`: what the "Cite this" box and the citation meta tags show."""

from django import template
from django.utils.translation import gettext_lazy as _

from core import citations

register = template.Library()

STYLE_NAMES = {
    "gbt7714": _("GB/T 7714-2015 (Chinese national standard)"),
    "apa": _("APA (7th edition)"),
    "chicago": _("Chicago (author-date, 17th edition)"),
}
DOWNLOAD_NAMES = {"bib": _("BibTeX (.bib)"), "ris": _("RIS (.ris: EndNote, Zotero, Mendeley)")}


@register.simple_tag
def citation(item, kind):
    """The item as cited in the page's language, each style's text, and the download links."""
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
