"""Language for pages outside the public URL space (the admin)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from .publishing import Gone


class AdminLanguageMiddleware:
    """Let editors read the admin in the language they chose, not only the site default.

    LocaleMiddleware gives every unprefixed path the default language (Chinese), which is
    right for public pages. The admin lives outside i18n_patterns, so there the editor's
    language cookie or browser preference decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if not request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            return self.get_response(request)


class GoneMiddleware:
    """Answer archived content with 410 Gone and a page that says so and links onward.

    Nothing cited disappears: a reader following an old link learns what happened to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Gone):
            obj = exception.obj
            versions = published_versions(obj)
            # Named as readers last saw it: a later edit that never went live stays unseen.
            named = versions[-1] if versions else obj
            context = {
                "object": obj,
                "named": named,
                "name_field": next((f for f in ("title", "name") if hasattr(named, f"{f}_zh_hans")), None),
                "versions": versions,
                "onward_url": obj.onward_url(),
            }
            return render(request, "410.html", context, status=410)
        return None


def published_versions(obj):
    """The versions of `obj` that readers saw (a finding's), never one still scheduled."""
    versions = getattr(obj, "versions", None)
    if versions is None:
        return []
    return list(versions.filter(published_at__lte=timezone.now()).order_by("number"))


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY with every response: the site uses no device features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
