"""Cards and charts that other sites may frame: /embed/findings/<key>/, /embed/indicators/<slug>/.

Wiring: an embed gathers a finding with its figures, indicators and site notes, so it lives on
top of the layers. Only these responses may be framed, by any site (docs/decisions/0031-embeds.md):
each lifts X-Frame-Options and sets CSP `frame-ancestors *`; every other page keeps DENY and
'none'. An embed reads through the one publishing mechanism like the pages: a draft or a
scheduled item is 404, an archived one a small framed 410 notice. `?v=N` pins a finding's card
to its published version N, shown from what that version stored.
"""

import re
from functools import wraps
from html import escape

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from bluepaper.models import Finding
from bluepaper.selectors import finding_with_links, latest_seen_version, readable_version
from core.languages import localized
from core.page_cache import public_for
from core.paging import capped, grouped
from core.publishing import Gone, public_or_gone
from core.slugs import find_by_slug
from indicators.models import Indicator, Observation

from .embed_sizes import finding_height, indicator_height
from .fragments import cut_parts

# What a pinned card shows of a version's stored page, by class.
VERSION_PARTS = {"kicker", "lead", "key-figures", "caveat", "site-note", "source-line"}
VERSION_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
EMBED_MAX_AGE = 5 * 60  # an edit reaches the articles that embed it within minutes, even behind a cache


def frameable(view):
    """Let any site frame `view`'s answers; nothing else on the site may be framed."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # The card is a copy of a page that search engines should index instead.
        response["X-Robots-Tag"] = "noindex"
        # The same for every reader (no cookie, no session): any cache may keep it for a while.
        return public_for(EMBED_MAX_AGE, response)

    return require_safe(xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(wrapped)))


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# The code offered to other sites -----------------------------------------------------------


def iframe_html(*, src: str, title: str, height: int, width: int | None = None) -> str:
    """The <iframe> another site pastes: full width of its column unless `width` (px) is given.

    Plain text, not SafeString: the page shows it as the text of a textarea. Attribute values
    escape only what they must, so the code a journalist reads stays readable.
    """
    attributes = {"src": src, "title": title, "width": width or "100%", "height": height}
    pairs = " ".join(f'{name}="{attribute(value)}"' for name, value in attributes.items())
    return (
        f'<iframe {pairs} loading="lazy" style="border:0;max-width:100%" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
    )


def attribute(value) -> str:
    return escape(str(value), quote=False).replace('"', "&quot;")


def finding_embed_url(finding, number: int | None = None) -> str:
    """The absolute URL of the finding's card, pinned to version `number` if given."""
    url = absolute(reverse("website:embed-finding", kwargs={"key": finding.key}))
    return f"{url}?v={number}" if number else url


def indicator_embed_url(indicator) -> str:
    return absolute(reverse("website:embed-indicator", kwargs={"slug": indicator.slug}))


def embed_code(item, kind: str, *, version=None, width=None, max_height=None, height=None) -> tuple[str, int]:
    """(iframe HTML, height) for a public finding (pinned to version number `version`) or indicator.

    `height` where the caller knows it already (a page, from what it has fetched); else estimated.
    """
    if height is None:
        height = finding_height(item, width) if kind == "finding" else indicator_height(item, width)
    height = min(height, max_height) if max_height else height
    src = finding_embed_url(item, version) if kind == "finding" else indicator_embed_url(item)
    return iframe_html(src=src, title=embed_title(item, kind), height=height, width=width), height


def embed_title(item, kind: str) -> str:
    """The item's title in the page's language (the Chinese one where English is missing)."""
    return localized(item, "title" if kind == "finding" else "name").text


# The finding's card --------------------------------------------------------------------------


@frameable
def embed_finding(request, key):
    if "v" in request.GET:
        return pinned_finding(request, key, request.GET["v"])
    findings = Finding.objects.select_related("chapter__report", "source")
    try:
        finding = finding_with_links(public_or_gone(findings, key=key))
    except Gone as gone:
        return embed_gone(request, gone.obj)
    context = {
        "finding": finding,
        "chapter": finding.chapter,
        "permalink": absolute(reverse("bluepaper:finding-short", kwargs={"key": key})),
        "version": latest_seen_version(finding),
    }
    return render(request, "embed/finding.html", context)


def pinned_finding(request, key, number):
    """The card as version `number` showed it: public findings' versions and archived ones readers saw."""
    if not VERSION_NUMBER.fullmatch(number):
        raise Http404
    readable = readable_version(key, int(number))
    version = readable.version
    language = "en" if translation.get_language() == "en" else "zh_hans"
    context = {
        "finding": readable.finding,
        "version": version,
        "is_public": readable.is_public,
        "latest_number": readable.latest_number,
        "title": getattr(version, f"title_{language}") or version.title_zh_hans,
        "title_is_fallback": not getattr(version, f"title_{language}"),
        "parts": version_parts(getattr(version, f"html_{language}")),
        "permalink": absolute(version.get_absolute_url()),
        "current_url": absolute(reverse("bluepaper:finding-short", kwargs={"key": key})),
    }
    return render(request, "embed/finding_version.html", context)


def version_parts(html: str) -> dict[str, object]:
    """The stored parts a pinned card shows, marked safe: our own rendering, stored at publication.

    Its site notes are flagged and linked as on any card (the version's page shows them in full).
    """
    parts = cut_parts(html, VERSION_PARTS)
    shown = {name.replace("-", "_"): mark_safe("\n".join(found)) for name, found in parts.items()}  # noqa: S308
    anchor = re.search(r'id="(site-note-[0-9]+)"', shown.pop("site_note"))
    shown["site_note_anchor"] = anchor.group(1) if anchor else ""
    return shown


def embed_gone(request, obj):
    """A framed notice that the item was archived, linking to its page (which says what became of it)."""
    context = {"object": obj, "permalink": absolute(obj.get_absolute_url())}
    return render(request, "embed/gone.html", context, status=410)


# The indicator's chart ----------------------------------------------------------------------


EMBED_REGIONS = 6


@frameable
def embed_indicator(request, slug):
    try:
        indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    except Gone as gone:
        return embed_gone(request, gone.obj)
    if moved:
        return redirect("website:embed-indicator", slug=indicator.slug, permanent=True)
    every = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    # A card stays a card: the first regions' figures; the indicator page has every one.
    regions = capped(grouped(every, lambda obs: obs.region_id), EMBED_REGIONS)
    observations = [obs for group in regions.items for obs in group]
    context = {
        "indicator": indicator,
        "observations": observations,
        "regions": regions,
        "sources": distinct_sources(observations),
        "permalink": absolute(indicator.get_absolute_url()),
    }
    return render(request, "embed/indicator.html", context)


def distinct_sources(observations) -> list[Observation]:
    """One observation per (source, locator): the compact table names its sources once, below it."""
    seen, kept = set(), []
    for observation in observations:
        key = (observation.source_id, observation.locator)
        if key not in seen:
            seen.add(key)
            kept.append(observation)
    return kept
