"""QR codes of permanent links, made on the server with segno (分享到微信: scan with WeChat).

No third-party script or image service: the SVG is drawn here and served from the site.
"""

import functools
import hashlib
import io

import segno
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

SCALE, BORDER = 6, 4  # 6 px a module; the quiet zone of 4 modules that the standard asks for
MAX_AGE = 24 * 3600  # a permanent link never changes; its code changes only if SITE_URL does


def qr_svg(url: str, title: str = "") -> bytes:
    """The QR code of `url` as a standalone SVG document (error correction M, 4-module border)."""
    buffer = io.BytesIO()
    qr = segno.make(url, error="m", micro=False)
    qr.save(buffer, kind="svg", scale=SCALE, border=BORDER, title=title or url, dark="#000", light="#fff")
    return buffer.getvalue()


def qr_response(request, url: str, title: str = "") -> HttpResponse:
    """The QR code of `url` as an SVG response, cacheable by anyone."""
    etag = f'"{hashlib.sha256(f"{segno.__version__}|{url}|{title}".encode()).hexdigest()[:20]}"'
    unchanged = get_conditional_response(request, etag=etag)
    response = unchanged or HttpResponse(qr_svg(url, title), content_type="image/svg+xml")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@functools.lru_cache(maxsize=4096)
def qr_size(url: str) -> int:
    """The side of `url`'s QR code SVG in pixels, for the <img> that shows it (no layout shift).

    Remembered per link: encoding a code costs milliseconds, and every page view asks for it.
    """
    return segno.make(url, error="m", micro=False).symbol_size(scale=SCALE, border=BORDER)[0]
