"""Serving uploaded media where no nginx stands in front (`make run`, development).

Only images are served, each with the Content-Type of its extension (which core/images.py took
from the checked content), `nosniff`, and a Content-Security-Policy that sandboxes the file: even
if a browser were talked into rendering one as a page, it runs no script and has no origin to
act for. docs/deployment/nginx-media.conf sends the same headers in production.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import cache_control
from django.views.static import serve

# The only files media holds: the formats core.images.EXTENSIONS allows, and WebP renditions.
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}
# Nothing loads, nothing runs; inline style only, for the browser's own image viewer page.
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@cache_control(public=True, max_age=60 * 60 * 24)
def serve_media(request, path):
    """Serve the image at `path` under MEDIA_ROOT with its type and the sandboxing headers."""
    content_type = MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
