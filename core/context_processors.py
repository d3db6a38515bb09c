"""What every page's template needs: languages and the link to this page in each."""

from django.conf import settings
from django.urls import translate_url

from .languages import html_lang


def site(request):
    """Give templates the page's `lang` tag and the same page's URL in every language."""
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "lang": html_lang(code), "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "html_lang": html_lang(),
        "alternates": alternates,
        "data_licence": settings.DATA_LICENCE,
    }
