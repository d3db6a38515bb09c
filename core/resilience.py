"""Degrade instead of failing: a cache that is down is a cache miss, a database that is down is a 503.

A reader should never see a traceback because a service behind the site is down. Redis holds only
what can be recomputed, so the site keeps serving from the database without it (slower, and with
a warning in the logs); without the database nothing can be shown, and readers are told so
plainly, in their language, with a 503 that caches and load balancers understand.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from redis.exceptions import RedisError

logger = logging.getLogger("bluepaper.resilience")
RETRY_AFTER_SECONDS = 30
WARNING_INTERVAL_SECONDS = 60  # one warning a minute per process, not one per cache call


def _when_down(fallback):
    """Run the cache operation; when Redis can't be reached, warn (rarely) and return `fallback`."""

    def decorate(operation):
        @functools.wraps(operation)
        def tolerant(self, *args, **kwargs):
            try:
                return operation(self, *args, **kwargs)
            except RedisError as error:
                _warn(operation.__name__, error)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return tolerant

    return decorate


_last_warning = [0.0]


def _warn(operation, error):
    now = time.monotonic()
    if now - _last_warning[0] > WARNING_INTERVAL_SECONDS:
        _last_warning[0] = now
        logger.warning("Redis unavailable (%s: %s): serving from the database", operation, error)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable Redis reads as a miss and a write is skipped."""

    @_when_down(lambda key, default=None, *args, **kwargs: default)
    def get(self, *args, **kwargs):
        return super().get(*args, **kwargs)

    @_when_down({})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_when_down(None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_when_down([])
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_when_down(False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_when_down(False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_when_down(False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_when_down(None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_when_down(False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_when_down(None)
    def clear(self):
        return super().clear()


class DatabaseUnavailableMiddleware:
    """Answer a database outage with a friendly 503 in the reader's language, never a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        language = "en" if request.path.startswith("/en/") else translation.get_language()
        with translation.override(language):
            # Rendered without the request: context processors may query the database.
            html = render_to_string("503.html")
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
