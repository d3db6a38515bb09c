"""Root URLconf: Chinese at the root, English under /en/ (PRODUCT.md's URL contract).

Wiring: it lives in the project package beside the settings, but it sits on top of the layers
with website/ (the site-wide pages), and it alone may import website (.importlinter).
"""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from core.media import serve_media
from website import views as website_views

from . import views

report_patterns = (
    [
        path("reports/", views.report_latest, name="report-latest"),
        path("reports/<int:year>/", views.report_detail, name="report"),
        path("reports/<int:year>/<slug:slug>/", views.chapter_detail, name="chapter"),
        path("findings/<str:key>.csv", views.finding_download, {"file_format": "csv"}, name="finding-csv"),
        path("findings/<str:key>.json", views.finding_download, {"file_format": "json"}, name="finding-json"),
        path("findings/<str:key>/", views.finding_short, name="finding-short"),
        path("findings/<str:key>/cite.bib", views.finding_cite, {"file_format": "bib"}, name="finding-cite-bib"),
        path("findings/<str:key>/cite.ris", views.finding_cite, {"file_format": "ris"}, name="finding-cite-ris"),
        path("findings/<str:key>/v<int:number>/", views.finding_version, name="finding-version"),
        path("findings/<str:key>/<slug:slug>/", views.finding_detail, name="finding"),
        path("findings/<str:key>/<slug:slug>/parallel/", views.finding_parallel, name="finding-parallel"),
        path("challenges/", views.challenge_list, name="challenge-list"),
        path("challenges/<slug:slug>/", views.challenge_detail, name="challenge"),
        path("challenges/<slug:slug>/parallel/", views.challenge_parallel, name="challenge-parallel"),
        path(
            "challenges/<slug:slug>/cite.bib", views.challenge_cite, {"file_format": "bib"}, name="challenge-cite-bib"
        ),
        path(
            "challenges/<slug:slug>/cite.ris", views.challenge_cite, {"file_format": "ris"}, name="challenge-cite-ris"
        ),
        path("findings/<str:key>/share.png", views.finding_share_image, name="finding-share-image"),
        path("findings/<str:key>/qr.svg", views.finding_qr, name="finding-qr"),
        path("findings/<str:key>/v<int:number>/", views.finding_version, name="finding-version"),
        path("findings/<str:key>/<slug:slug>/", views.finding_detail, name="finding"),
        path("challenges/<slug:slug>/", views.challenge_detail, name="challenge"),
        path("challenges/<slug:slug>/share.png", views.challenge_share_image, name="challenge-share-image"),
        path("challenges/<slug:slug>/qr.svg", views.challenge_qr, name="challenge-qr"),
    ],
    "bluepaper",
)

urlpatterns = [
    path("healthz", website_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path("", include("website.root_urls")),  # /sitemap.xml, /robots.txt: one for both languages
]
if settings.SERVE_MEDIA:
    # Uploaded images for `make run` and development; nginx serves them in a real deployment.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            serve_media,
            name="media",
        )
    )
urlpatterns += i18n_patterns(
    path("", include("website.urls")),  # home, search/, preview/…
    path("", include(report_patterns)),
    path("", include("indicators.urls")),
    path("strategies/", include("policies.urls")),
    prefix_default_language=False,
)

admin.site.site_header = _("Blue Paper editors")
admin.site.site_title = _("Blue Paper admin")
admin.site.index_title = _("Content")

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
