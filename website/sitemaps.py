"""/sitemap.xml: every published page in both languages, with hreflang alternates and lastmod.

Wiring: it lists every app's pages. Items come through `published()`, so nothing unpublished is
listed; addresses are absolute from SITE_URL, never from the request's Host header
(docs/decisions/0033-feeds-sitemap-structured-data.md).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from bluepaper.models import Challenge, Chapter, Finding, Report
from indicators.models import Indicator, Region
from policies.models import Strategy


class SiteSitemap(Sitemap):
    """Both languages, each URL with its alternates and x-default, on SITE_URL's scheme and host."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def lastmod(self, item):
        return item.updated_at


def latest_change(*models):
    """When the newest published object of these models last changed: a list page's lastmod."""
    moments = [model.objects.published().aggregate(latest=Max("updated_at"))["latest"] for model in models]
    return max(filter(None, moments), default=None)


# The list pages, and the models whose published objects each one shows.
LIST_PAGES = {
    "website:home": (Report, Chapter, Finding),
    "indicators:indicator-list": (Indicator,),
    "indicators:region-list": (Region,),
    "policies:strategy-list": (Strategy,),
    "bluepaper:challenge-list": (Challenge,),
    "website:feeds": (Indicator,),
}


class ListPageSitemap(SiteSitemap):
    def items(self):
        return [(name, latest_change(*models)) for name, models in LIST_PAGES.items()]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


def detail_sitemap(model, *related):
    """The sitemap of one publishable model's detail pages."""

    class DetailSitemap(SiteSitemap):
        def items(self):
            return model.objects.published().select_related(*related).order_by("pk")

    DetailSitemap.__name__ = f"{model.__name__}Sitemap"
    return DetailSitemap


SITEMAPS = {
    "lists": ListPageSitemap,
    "reports": detail_sitemap(Report),
    "chapters": detail_sitemap(Chapter, "report"),
    "findings": detail_sitemap(Finding),
    "challenges": detail_sitemap(Challenge),
    "strategies": detail_sitemap(Strategy),
    "indicators": detail_sitemap(Indicator),
    "regions": detail_sitemap(Region),
}
