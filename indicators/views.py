"""Public data pages: indicators and regions, each with its figures and the findings citing it."""

from django.shortcuts import redirect, render

from core.publishing import published_prefetch
from core.slugs import find_by_slug

from .models import Indicator, Observation, Region


def indicator_list(request):
    indicators = Indicator.objects.published().prefetch_related(
        published_prefetch(Indicator, "observations", Observation.objects.in_display_order())
    )
    return render(request, "indicators/indicator_list.html", {"indicators": indicators})


def indicator_detail(request, slug):
    indicator, moved = find_by_slug(Indicator.objects.all(), slug)
    if moved:
        return redirect(indicator, permanent=True)
    return indicator_page(request, indicator)


def indicator_page(request, indicator, extra=None):
    observations = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    findings = indicator.findings.published().select_related("chapter__report")
    context = {"indicator": indicator, "observations": observations, "findings": findings}
    return render(request, "indicators/indicator_detail.html", {**context, **(extra or {})})


def region_list(request):
    return render(request, "indicators/region_list.html", {"regions": Region.objects.published()})


def region_detail(request, slug):
    region, moved = find_by_slug(Region.objects.all(), slug)
    if moved:
        return redirect(region, permanent=True)
    return region_page(request, region)


def region_page(request, region, extra=None):
    observations = Observation.objects.published().for_region(region).in_display_order()
    findings = region.findings.published().select_related("chapter__report")
    context = {"region": region, "observations": observations, "findings": findings}
    return render(request, "indicators/region_detail.html", {**context, **(extra or {})})
