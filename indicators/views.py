"""Public data pages: indicators and regions, each with its figures and the findings citing it.

An indicator page shows its chart and its figures by period and region; a region page sets
its figures beside the other regions'. Both run a fixed number of queries: charts and comparisons are made
from the observations fetched once.
"""

import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

from core import citations
from core.paging import capped, grouped, page_of
from core.publishing import published_prefetch
from core.qr import qr_response
from core.share_images import share_image_response
from core.slugs import find_by_slug

from . import charts, comparison, downloads
from .citing import describe_indicator, with_site_notes
from .models import Indicator, Observation, Region
from .share import indicator_card, public_observations
from .site_notes import scope_notes

CHART_FORMATS = {
    "svg": ("image/svg+xml; charset=utf-8", charts.indicator_chart),
    "png": ("image/png", charts.indicator_chart_png),
}
CHART_MAX_AGE = 5 * 60  # an edit shows in downloads within minutes, even behind a cache


INDICATORS_PER_PAGE = 24
REGIONS_PER_PAGE = 48


def indicator_list(request):
    indicators = Indicator.objects.published().prefetch_related(
        published_prefetch(Indicator, "observations", Observation.objects.in_display_order())
    )
    page = page_of(request, indicators, INDICATORS_PER_PAGE)
    return render(request, "indicators/indicator_list.html", {"indicators": page.object_list, "page": page})


def indicator_detail(request, slug):
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect(indicator, permanent=True)
    return indicator_page(request, indicator)


REGIONS_PER_INDICATOR_PAGE = 4  # an indicator's figures, a page of regions at a time (each region whole)
FINDINGS_SHOWN = 6  # finding cards on an indicator or region page; all of them on its findings page
FINDINGS_PER_PAGE = 12
INDICATORS_PER_REGION_PAGE = 20  # a region's figures, a page of indicators at a time
FIGURES_PER_INDICATOR = 5  # a region's latest figures for each indicator; all of them on the indicator page


def indicator_page(request, indicator, extra=None):
    every = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    regions = page_of(request, grouped(every, lambda obs: obs.region_id), REGIONS_PER_INDICATOR_PAGE)
    observations = [obs for group in regions.object_list for obs in group]
    context = {
        "indicator": indicator,
        "observations": observations,
        "figures_page": regions,
        # Every figure in one regions × periods table: compact on a phone, however many there are.
        "figures": comparison.by_period(observations, shared_only=False),
        **findings_shown(indicator.findings, "indicators:indicator-findings", indicator.slug),
    }
    scope_notes(request, observations=observations, indicators=[indicator], findings=context["findings"])
    return render(request, "indicators/indicator_detail.html", {**context, **(extra or {})})


def findings_shown(relation, list_route, slug):
    """The first few public findings of `relation`, their total and the page that lists them all."""
    findings = relation.published().select_related("chapter__report")
    return {
        "findings": list(findings[:FINDINGS_SHOWN]),
        "findings_total": findings.count(),
        "findings_url": reverse(list_route, kwargs={"slug": slug}),
    }


def indicator_findings(request, slug):
    """Every public finding citing the indicator, a page at a time."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect("indicators:indicator-findings", slug=indicator.slug, permanent=True)
    return findings_page(request, indicator, indicator.findings, "indicator")


def region_findings(request, slug):
    """Every public finding about the region, a page at a time."""
    region, moved = find_by_slug(Region.objects.all(), slug)
    if moved:
        return redirect("indicators:region-findings", slug=region.slug, permanent=True)
    return findings_page(request, region, region.findings, "region")


def findings_page(request, subject, relation, kind):
    findings = page_of(request, relation.published().select_related("chapter__report"), FINDINGS_PER_PAGE)
    context = {"subject": subject, "subject_kind": kind, "findings": findings}
    return render(request, "indicators/findings_list.html", context)


def indicator_chart(request, slug, file_format):
    """The indicator's chart as a download (SVG or PNG), in the language of the URL."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect(f"indicators:indicator-chart-{file_format}", slug=indicator.slug, permanent=True)
    observations = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    content_type, render_chart = CHART_FORMATS[file_format]
    options = {"download": True} if file_format == "svg" else {}
    content = render_chart(indicator=indicator, observations=observations, **options)
    if not content:
        raise Http404  # nothing to plot: the indicator page has the table
    language = translation.get_language()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}-{language}.{file_format}"'
    key = charts.chart_cache_key(file_format, indicator, observations, language)
    response["ETag"] = f'"{hashlib.sha256(key.encode()).hexdigest()[:20]}"'
    patch_cache_control(response, public=True, max_age=CHART_MAX_AGE)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def indicator_cite(request, slug, file_format):
    """The indicator's citation as a BibTeX or RIS file, in the language of the URL."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect(f"indicators:indicator-cite-{file_format}", slug=indicator.slug, permanent=True)
    return citations.download(with_site_notes(describe_indicator(indicator), indicators=[indicator]), file_format)


def indicator_share_image(request, slug):
    """The indicator's share image (Open Graph): its name, latest figures and source."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect("indicators:indicator-share-image", slug=indicator.slug, permanent=True)
    return share_image_response(request, indicator_card(indicator, public_observations(indicator=indicator)))


def indicator_qr(request, slug):
    """A QR code of the indicator page's address, to open it in WeChat."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect("indicators:indicator-qr", slug=indicator.slug, permanent=True)
    return qr_response(request, settings.SITE_URL + indicator.get_absolute_url())


def region_list(request):
    page = page_of(request, Region.objects.published(), REGIONS_PER_PAGE)
    return render(request, "indicators/region_list.html", {"regions": page.object_list, "page": page})


def region_detail(request, slug):
    region, moved = find_by_slug(Region.objects.all(), slug)
    if moved:
        return redirect(region, permanent=True)
    return region_page(request, region)


def region_page(request, region, extra=None):
    # Its figures and, in the same query, the other regions' figures for the same indicators.
    its_indicators = Observation.objects.published().for_region(region).values("indicator")
    nearby = list(Observation.objects.published().filter(indicator__in=its_indicators).in_display_order())
    own = [obs for obs in nearby if obs.region_id == region.pk]
    indicators = page_of(request, grouped(own, lambda obs: obs.indicator_id), INDICATORS_PER_REGION_PAGE)
    # Each indicator's latest figures here; the indicator's page has every one.
    shown = [capped(reversed(group), FIGURES_PER_INDICATOR) for group in indicators.object_list]
    observations = [obs for group in shown for obs in reversed(group.items)]
    periods = {comparison.period_of(obs) for obs in observations}
    context = {
        "region": region,
        "observations": observations,
        "figures_page": indicators,
        "more_figures": [(group.items[0].indicator, group.total) for group in shown if group.hidden],
        "comparison": comparison.beside([obs for obs in nearby if comparison.period_of(obs) in periods], region),
        **findings_shown(region.findings, "indicators:region-findings", region.slug),
    }
    scope_notes(request, observations=observations, findings=context["findings"])
    return render(request, "indicators/region_detail.html", {**context, **(extra or {})})


def indicator_download(request, slug, file_format):
    """The indicator's published figures as CSV or JSON, with their sources and licence."""
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect(f"indicators:indicator-{file_format}", slug=indicator.slug, permanent=True)
    data = downloads.indicator_data(indicator)
    respond = downloads.csv_response if file_format == "csv" else downloads.json_response
    return respond(request, data)
