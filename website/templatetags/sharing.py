"""What the share meta tags and the share box need for a page: image, QR code, links.

Wiring (website/): it knows the routes of every app's share image and QR code. It runs no
query: figures come from what the page has already fetched (docs/decisions/0032-share-images.md).
"""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.languages import localized
from core.qr import qr_size
from core.request_memo import object_key, once_per_request
from core.share_images import HEIGHT, WIDTH
from indicators.share import figures, key_observations

register = template.Library()

TITLE_FIELD = {"finding": "title", "challenge": "title", "strategy": "title", "indicator": "name"}


# kind: (share image route, QR code route, the URL's argument)
ROUTES = {
    "finding": ("bluepaper:finding-share-image", "bluepaper:finding-qr", "key"),
    "indicator": ("indicators:indicator-share-image", "indicators:indicator-qr", "slug"),
    "challenge": ("bluepaper:challenge-share-image", "bluepaper:challenge-qr", "slug"),
    "strategy": ("policies:strategy-share-image", "policies:strategy-qr", "slug"),
}


def _routes(item, kind):
    """(share image path, QR code path, permanent path) of `item`; the site's image for other pages."""
    if kind not in ROUTES:
        return reverse("website:share-image"), "", ""
    image_route, qr_route, argument = ROUTES[kind]
    kwargs = {argument: getattr(item, argument)}
    image = reverse(image_route, kwargs=kwargs)
    # A finding's permanent link is its short URL (/findings/<key>/), the one the page shows.
    page = reverse("bluepaper:finding-short", kwargs=kwargs) if kind == "finding" else item.get_absolute_url()
    return image, reverse(qr_route, kwargs=kwargs), page


def _figures_text(item, kind, context) -> str:
    """The figures the share image shows, written as the site writes them (hedge included)."""
    if kind == "finding":
        observations = list(item.observations.all())  # prefetched by the page, public only
    elif kind == "indicator":
        observations = list(context.get("observations") or [])
    else:
        return ""
    shown = key_observations(observations)
    several = len({o.indicator_id for o in shown}) > 1
    drawn = figures(shown, get_language(), with_indicator=several)
    return _("; ").join(_("%(value)s (%(label)s)") % {"value": f.value, "label": f.label} for f in drawn)


def _alt(item, kind, title, context) -> str:
    if not kind:
        return _("Share image: the title and summary of the Beijing–Tianjin–Hebei Development Report")
    figures_text = _figures_text(item, kind, context)
    parts = [title, figures_text] if figures_text else [title]
    return _("Share image: %(content)s, with the source") % {"content": " — ".join(parts)}


def _share_links(title, url):
    subject = title or _("Beijing–Tianjin–Hebei Development Report")
    return {
        "weibo": "https://service.weibo.com/share/share.php?" + urlencode({"url": url, "title": subject}),
        "mail": "mailto:?" + urlencode({"subject": subject, "body": f"{subject}\n{url}"}, quote_via=quote),
    }


@register.simple_tag(takes_context=True)
def share_info(context, item=None, kind=""):
    """Everything the share meta tags and box show for `item` of `kind` (or for any page), drawn
    once per page: the meta tags in the head and the share box show the same."""
    kind = kind if item is not None else ""
    return once_per_request(context, lambda: _share_info(context, item, kind), "share", kind, object_key(item))


def _share_info(context, item, kind):
    image, qr, page = _routes(item, kind)
    title = strip_tags(localized(item, TITLE_FIELD[kind]).text) if kind else ""
    permalink = settings.SITE_URL + page if page else ""
    return {
        "image": settings.SITE_URL + image,
        "image_path": image,
        "width": WIDTH,
        "height": HEIGHT,
        "alt": _alt(item, kind, title, context),
        "qr": qr,
        "qr_size": qr_size(permalink) if permalink else 0,
        "permalink": permalink,
        "title": title,
        "kind": kind,
        **(_share_links(title, permalink) if permalink else {}),
    }
