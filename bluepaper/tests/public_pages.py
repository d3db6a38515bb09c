"""Every public page of the site, in every language: what tests walk to look for leaks."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bluepaper.models import Challenge, Chapter, Finding, FindingVersion, Report
from indicators.models import Indicator, Region
from policies.models import Strategy

LIST_PAGES = [
    "website:home",
    "indicators:indicator-list",
    "indicators:region-list",
    "policies:strategy-list",
    "bluepaper:challenge-list",
    "website:feeds",
]
# Their parallel views (Chinese and English side by side) are public pages too.
PARALLEL_MODELS = [Finding, Challenge, Strategy]
DETAIL_MODELS = [Report, Chapter, Finding, Challenge, Strategy, Indicator, Region]


def public_page_urls(language):
    """The URL of every list page and every published object, in `language`."""
    with translation.override(language):
        urls = [reverse(name) for name in LIST_PAGES]
        for model in DETAIL_MODELS:
            queryset = model.objects.published()
            if model is Chapter:
                queryset = queryset.select_related("report")
            urls += [item.get_absolute_url() for item in queryset]
            if model in PARALLEL_MODELS:
                urls += [item.get_absolute_url() + "parallel/" for item in queryset]
        versions = FindingVersion.objects.filter(finding__in=Finding.objects.published()).select_related("finding")
        urls += [version.get_absolute_url() for version in versions]
    return urls


def all_public_page_urls():
    return [url for code, _ in settings.LANGUAGES for url in public_page_urls(code)]
