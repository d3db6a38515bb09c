"""Language for pages outside the public URL space (the admin)."""

from django.urls import reverse
from django.utils import translation


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
        if request.path.startswith(self.admin_prefix):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
