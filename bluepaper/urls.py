"""Root URLconf: Chinese at the root, English under /en/ (PRODUCT.md's URL contract)."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.static import serve

from . import previews, search, views

report_patterns = (
    [
        path("", views.home, name="home"),
        path("reports/<int:year>/", views.report_detail, name="report"),
        path("reports/<int:year>/<slug:slug>/", views.chapter_detail, name="chapter"),
        path("findings/<str:key>/", views.finding_short, name="finding-short"),
        path("findings/<str:key>/v<int:number>/", views.finding_version, name="finding-version"),
        path("findings/<str:key>/<slug:slug>/", views.finding_detail, name="finding"),
        path("challenges/<slug:slug>/", views.challenge_detail, name="challenge"),
    ],
    "bluepaper",
)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
]
if settings.SERVE_MEDIA:
    # Uploaded images for `make run` and development; nginx serves them in a real deployment.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            cache_control(public=True, max_age=60 * 60 * 24)(serve),
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    )
urlpatterns += i18n_patterns(
    path("", include(report_patterns)),
    path("", include("indicators.urls")),
    path("preview/<str:app_label>/<str:model_name>/<int:pk>/", previews.preview, name="preview"),
    path("strategies/", include("policies.urls")),
    path("search/", search.search_page, name="search"),
    prefix_default_language=False,
)

admin.site.site_header = _("Blue Paper editors")
admin.site.site_title = _("Blue Paper admin")
admin.site.index_title = _("Content")

handler404 = "bluepaper.views.page_not_found"
handler500 = "bluepaper.views.server_error"
