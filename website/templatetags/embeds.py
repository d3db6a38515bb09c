"""`{% embed_code item kind as embed %}`: the iframe code and oEmbed link a page offers for itself."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from website import embeds

register = template.Library()


@register.simple_tag
def embed_code(item, kind):
    """The <iframe> code for a public finding (pinned to its current version) or indicator."""
    version = embeds.latest_version(item) if kind == "finding" else None
    html, _height = embeds.embed_code(item, kind, version=version.number if version else None)
    return html


@register.simple_tag
def oembed_url(item):
    """The oEmbed endpoint's absolute URL for the item's page, in the page's language."""
    query = urlencode({"url": f"{settings.SITE_URL}{item.get_absolute_url()}", "format": "json"})
    return f"{settings.SITE_URL}{reverse('website:oembed')}?{query}"
