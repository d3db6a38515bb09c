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
    indicator, moved = find_by_slug(Indicator.objects.published(), slug)
    if moved:
        return redirect(indicator, permanent=True)
    observations = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    findings = indicator.findings.published().select_related("chapter__report")
    return render(
        request,
        "indicators/indicator_detail.html",
        {"indicator": indicator, "observations": observations, "findings": findings},
    )


def region_list(request):
    return render(request, "indicators/region_list.html", {"regions": Region.objects.published()})


def region_detail(request, slug):
    region, moved = find_by_slug(Region.objects.published(), slug)
    if moved:
        return redirect(region, permanent=True)
    observations = Observation.objects.published().for_region(region).in_display_order()
    findings = region.findings.published().select_related("chapter__report")
    return render(
        request,
        "indicators/region_detail.html",
        {"region": region, "observations": observations, "findings": findings},
    )
