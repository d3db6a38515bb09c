"""/api/v1/: the browsable root, every resource, the OpenAPI schema and its documentation."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from bluepaper.api import ChallengeViewSet, ChapterViewSet, FindingViewSet, ReportViewSet
from indicators.api import IndicatorViewSet, ObservationViewSet, RegionViewSet, SourceViewSet
from policies.api import StrategyViewSet

from . import views

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.ApiRoot
router.register("reports", ReportViewSet, basename="report")
router.register("chapters", ChapterViewSet, basename="chapter")
router.register("findings", FindingViewSet, basename="finding")
router.register("challenges", ChallengeViewSet, basename="challenge")
router.register("strategies", StrategyViewSet, basename="strategy")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("observations", ObservationViewSet, basename="observation")
router.register("regions", RegionViewSet, basename="region")
router.register("sources", SourceViewSet, basename="source")

urlpatterns = [
    path("schema/", views.ApiSchema.as_view(), name="schema"),
    path("docs/", views.ApiDocs.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # Anything else under /api/v1/ answers a JSON 404, not the site's HTML page. Only paths ending
    # in a slash: without one, Django's APPEND_SLASH first redirects to the path with it.
    re_path(r"^.*/$", views.NotFoundView.as_view(), name="not-found"),
]
