"""The API root, its documentation page, and the JSON 404 for unknown API paths."""

from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from core.api.views import JsonErrorsMixin


class ApiRoot(JsonErrorsMixin, routers.APIRootView):
    """The public, read-only API of the Beijing–Tianjin–Hebei Development Report.

    Every resource below lists published content only, in Chinese (the default) or English
    (`?lang=en` or an `Accept-Language` header), as JSON or CSV (`?format=csv`). The schema is at
    /api/v1/schema/ and its documentation at /api/v1/docs/.
    """

    def get_view_name(self):
        return "Blue Paper API"


class ApiSchema(SpectacularAPIView):
    """The OpenAPI schema, in English (the language of its descriptions) unless `?lang=zh-hans`."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        language = "zh-hans" if request.GET.get("lang") == "zh-hans" else "en"
        with translation.override(language):
            return self._get_schema_response(request)


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's files, its settings script served apart (no inline script)."""

    template_name = "api/docs.html"


@extend_schema(exclude=True)
class NotFoundView(JsonErrorsMixin, APIView):
    """Any other path under /api/v1/: a JSON 404, not the site's HTML page."""

    def get(self, request, *args, **kwargs):
        raise NotFound
