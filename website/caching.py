"""HTTP caching for what machines poll (feeds, the sitemap): a few minutes in any cache.

The ETag and 304s come from the page cache middleware (core/page_cache.py), as for every page.
"""

from functools import wraps

from core.page_cache import public_for

# An edit shows within minutes even behind a cache, as the chart downloads do (indicators/views.py).
MAX_AGE = 5 * 60


def cacheable(view):
    """Mark a 200 answer public for MAX_AGE."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return public_for(MAX_AGE, view(request, *args, **kwargs))

    return wrapped
