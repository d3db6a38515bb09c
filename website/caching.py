"""HTTP caching for what machines poll (feeds, the sitemap): a few minutes in any cache, and 304s."""

import hashlib
from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control

# An edit shows within minutes even behind a cache, as the chart downloads do (indicators/views.py).
MAX_AGE = 5 * 60


def cacheable(view):
    """Mark a 200 answer public for MAX_AGE, with an ETag of its content; answer 304 to a reader who has it.

    The ETag comes from the content, not from the items' dates: an item unpublished leaves no newer
    date behind, but it changes the content.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        if hasattr(response, "render"):  # the sitemap's TemplateResponse: its content is needed now
            response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:20]}"'
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped
