"""/robots.txt: crawl everything public, not the admin, previews or search results."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Private (admin, previews, the style guide) or endless (every search is a page: "/search/?" is any
# search, while the search page itself stays findable): under every language prefix.
DISALLOWED = ["/admin/", "/preview/", "/styleguide/", "/search/?"]


def robots_lines():
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    rules = [f"Disallow: {prefix}{path}" for path in DISALLOWED for prefix in prefixes]
    return ["User-agent: *", "Allow: /", *rules, "", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}"]


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")
