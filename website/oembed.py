"""The oEmbed endpoint (oembed.com): /oembed/?url=<a finding or indicator page>&format=json.

A site that knows oEmbed turns a pasted link to one of our findings or indicators into the same
iframe our embed box offers. Only this site's URLs are answered (SITE_URL's host, http or https):
a finding's short or full URL or one of its versions (the iframe is pinned to that version, or
to the current one), an indicator's page, in Chinese or under /en/; the answer is in the URL's
language, whichever prefix the endpoint was called under. JSON only: `format=xml` is 501, as the
specification asks. Errors are JSON like the API's: `{"status", "detail", "errors": {param: […]}}`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bluepaper.models import Finding
from bluepaper.selectors import latest_seen_version
from core.context_processors import path_in_language
from core.publishing import Gone
from core.slugs import find_by_slug
from indicators.models import Indicator

from .embeds import embed_code, embed_title

DEFAULT_WIDTH = 640  # px; oEmbed's rich type needs a width: about a news article's column
MIN_SIZE = 100
FINDING_VIEWS = {"bluepaper:finding", "bluepaper:finding-short", "bluepaper:finding-version"}
INDICATOR_VIEWS = {"indicators:indicator"}


class BadParameter(Exception):  # noqa: N818 - a 400 answer naming its parameter
    def __init__(self, name, message):
        super().__init__(message)
        self.name, self.message = name, message


def error(status, detail, errors=None):
    body = {"status": status, "detail": detail, **({"errors": errors} if errors else {})}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@require_safe
def oembed(request):
    """Answer an oEmbed request for one of this site's finding or indicator pages."""
    if request.GET.get("format", "json") != "json":
        return error(501, _("Only format=json is offered."))
    try:
        url, max_width, max_height = read_parameters(request.GET)
        language, match = resolve_page(url)
        with translation.override(language):
            return JsonResponse(answer(match, max_width, max_height), json_dumps_params={"ensure_ascii": False})
    except BadParameter as bad:
        return error(400, _("Invalid query parameters: see `errors`."), {bad.name: [bad.message]})
    except (Http404, Gone):
        return error(404, _("No published finding or indicator of this site has that URL."))


def read_parameters(params):
    """`url`, `maxwidth` and `maxheight` from the query, checked; raise BadParameter."""
    url = params.get("url", "").strip()
    if not url:
        raise BadParameter("url", _("This parameter is required: the URL of a finding or an indicator page."))
    return url, size(params, "maxwidth"), size(params, "maxheight")


def size(params, name):
    value = params.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < MIN_SIZE:
        raise BadParameter(name, _("A whole number of pixels, at least %(min)d.") % {"min": MIN_SIZE})
    return int(value)


def resolve_page(url):
    """The language and the resolved view of a URL of this site; raise Http404 for any other."""
    parts, site = urlsplit(url), urlsplit(settings.SITE_URL)
    if parts.scheme not in {"http", "https"} or parts.netloc.lower() != site.netloc.lower():
        raise Http404
    path = parts.path or "/"
    language = next(
        (code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE and path.startswith(f"/{code}/")),
        settings.LANGUAGE_CODE,
    )
    # i18n_patterns resolve a prefixed path only while its language is active.
    with translation.override(language):
        try:
            match = resolve(path_in_language(path, language))
        except Resolver404 as missing:
            raise Http404 from missing
    if match.view_name not in FINDING_VIEWS | INDICATOR_VIEWS:
        raise Http404
    return language, match


def answer(match, max_width, max_height):
    """The oEmbed `rich` answer for the resolved page: its iframe, sized within the limits."""
    item, kind, version = page_item(match)
    width = min(DEFAULT_WIDTH, max_width or DEFAULT_WIDTH)
    html, height = embed_code(item, kind, version=version, width=width, max_height=max_height)
    home = f"{settings.SITE_URL}{reverse('website:home')}"
    return {
        "version": "1.0",
        "type": "rich",
        "title": embed_title(item, kind),
        "html": html,
        "width": width,
        "height": height,
        "provider_name": str(settings.SITE_NAME),
        "provider_url": home,
        "author_name": str(settings.SITE_NAME),
        "author_url": home,
        "cache_age": 3600,
    }


def page_item(match):
    """(item, kind, version number) for a finding or indicator page; raise Http404 if not public."""
    if match.view_name in INDICATOR_VIEWS:
        indicator, _moved = find_by_slug(Indicator.objects.all(), match.kwargs["slug"])
        return indicator, "indicator", None
    finding = Finding.objects.published().filter(key=match.kwargs["key"]).first()
    if finding is None:
        raise Http404
    number = match.kwargs.get("number")
    if number is None:
        latest = latest_seen_version(finding)
        number = latest.number if latest else None
    elif not finding.versions.seen().filter(number=number).exists():
        raise Http404
    return finding, "finding", number
