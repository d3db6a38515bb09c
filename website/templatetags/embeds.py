"""`{% embed_code item kind as code %}`, `{% oembed_url item as url %}`: what a page offers for embedding.

Both read what the page has fetched already (its current version, figures and site-note index),
so the embed box adds no query to a page.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from bluepaper.selectors import latest_seen_version
from indicators.templatetags.site_notes import note_index
from website import embeds
from website.embed_sizes import finding_height, indicator_height

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_code(context, item, kind):
    """The <iframe> code for a public finding (pinned to its current version) or indicator."""
    index = note_index(context)
    if kind == "finding":
        version = context["latest_version"] if "latest_version" in context else latest_seen_version(item)
        number = version.number if version else None
        height = finding_height(item, index=index)
    else:
        number = None
        observations = context.get("observations") if context.get("indicator") == item else None
        height = indicator_height(item, observations=observations, index=index)
    html, _height = embeds.embed_code(item, kind, version=number, height=height)
    return html


@register.simple_tag
def oembed_url(item):
    """The oEmbed endpoint's absolute URL for the item's page, in the page's language."""
    query = urlencode({"url": f"{settings.SITE_URL}{item.get_absolute_url()}", "format": "json"})
    return f"{settings.SITE_URL}{reverse('website:oembed')}?{query}"
