"""The API root, its documentation page, and the JSON 404 for unknown API paths."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound


class ApiRoot(routers.APIRootView):
    """The public, read-only API of the Beijing–Tianjin–Hebei Development Report.

    Every resource below lists published content only, in Chinese (the default) or English
    (`?lang=en` or an `Accept-Language` header), as JSON or CSV (`?format=csv`). The schema is at
    /api/v1/schema/ and its documentation at /api/v1/docs/.
    """


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's files, its settings script served apart (no inline script)."""

    template_name = "api/docs.html"


@extend_schema(exclude=True)
@api_view(["GET"])
def not_found(request, *args, **kwargs):
    raise NotFound
