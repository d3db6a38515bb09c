"""Site-wide files outside the language prefix: /sitemap.xml and /robots.txt (both languages in one)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import crawlers
from .caching import cacheable
from .sitemaps import SITEMAPS

urlpatterns = [
    path("sitemap.xml", cacheable(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", crawlers.robots_txt, name="robots-txt"),
]
