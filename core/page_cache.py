"""Public pages from the cache, with HTTP headers that let any cache in front keep them.

Each cacheable response is stored under a key made of the content stamp, the schedule horizon
(core/cache.py), the absolute URL and the request headers the answer varies on. A write moves the stamp, a
scheduled publication coming due moves the horizon: either way the next request misses and draws
the page afresh, so no page outlives the content it shows (decision 0038). Old entries are
never read again and expire.

What is cached: GET and HEAD answers with status 200 that depend on nothing but the URL — no
cookie set, no `Vary: Cookie` (a page that read the session, such as the admin or a preview), no
`private`/`no-store` from the view. Those pages are marked `private, no-cache` instead, so no
shared cache keeps them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_cache_key, learn_cache_key, patch_cache_control
from django.utils.http import http_date

from .api.views import language_from_header
from .cache import content_state, last_changed

PAGE_HEADER = "X-Page-Cache"
API_PATH = "/api/"
# Shared caches (nginx's micro-cache) keep an answer this many seconds (`s-maxage`, which they read
# before max-age), so a publication shows through them within a second or two, while browsers keep
# pages for the short max-age, and API answers and downloads for their own (docs/deployment/). It
# is in Cache-Control rather than X-Accel-Expires because a 304 carries Cache-Control on: nginx
# revalidating a page would otherwise take the 304's max-age and keep the old page for a minute.
PROXY_SECONDS = 1


class PageCacheMiddleware:
    """Serve cacheable answers from the cache; store and label the ones drawn afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        prefix = key_prefix(request) if settings.PAGE_CACHE_ENABLED else None
        response = cached_response(request, prefix) if prefix else None
        if response is not None:
            response[PAGE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not is_shareable(response):
            mark_private(response)
            return response
        if response.status_code == 200 and not response.streaming:
            add_public_headers(response)
        if response.status_code in (200, 304):
            # A shared cache (nginx) keeps any answer a second at most, a 304 from a view too.
            patch_cache_control(response, s_maxage=PROXY_SECONDS)
        if response.status_code == 200 and not response.streaming and prefix:
            store(request, response, prefix)
        return response


def public_for(max_age, response):
    """Let any cache keep this 200 answer `max_age` seconds (longer than a page's default).

    Its ETag, Last-Modified and 304s come from this middleware and ConditionalGetMiddleware, as
    for every shareable answer: a view says only how long.
    """
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def key_prefix(request):
    """What every key starts with: it changes when the content does, or the schedule moves on.

    Django's keys add the URL and the language LocaleMiddleware chose; the API chooses its own
    (`?lang=`, in the URL, else `Accept-Language`, never the cookie), so its choice is added here.
    """
    stamp, horizon = content_state()
    parts = [stamp, horizon.next_at.isoformat() if horizon.next_at else ""]
    if request.path.startswith(API_PATH):
        parts.append(language_from_header(request))
    return f"page.{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:24]}"


def cached_response(request, prefix):
    # Django's own keys: the absolute URL and the request headers the answer said it varies
    # on (`Vary: Accept, Accept-Language` in the API), learnt when the page was stored.
    for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
        key = get_cache_key(request, prefix, method, cache=cache)
        response = cache.get(key) if key else None
        if response is not None:
            return response
    return None


def store(request, response, prefix):
    response[PAGE_HEADER] = "miss"
    key = learn_cache_key(request, response, settings.PAGE_CACHE_SECONDS, prefix, cache=cache)
    cache.set(key, bytes_and_headers(response), settings.PAGE_CACHE_SECONDS)


def bytes_and_headers(response):
    """A plain copy of the answer: a DRF Response would pickle its serializer and querysets too."""
    copy = HttpResponse(response.content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


def is_shareable(response):
    """Whether this answer is the same for everyone who asks for the URL."""
    vary = {field.strip().lower() for field in cc_delim_re.split(response.get("Vary", ""))}
    control = response.get("Cache-Control", "").lower()
    return not (response.cookies or "cookie" in vary or "private" in control or "no-store" in control)


def add_public_headers(response):
    """Let browsers and shared caches keep the answer briefly, and revalidate it cheaply."""
    if "Cache-Control" not in response:
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_MAX_AGE, stale_while_revalidate=settings.PAGE_STALE_SECONDS
        )
    if "Last-Modified" not in response and (changed := last_changed()):
        response["Last-Modified"] = http_date(changed.timestamp())
    if "ETag" not in response:
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'


def mark_private(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
