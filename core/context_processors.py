"""What every page's template needs: languages and the link to this page in each."""

from django.conf import settings

from .languages import html_lang


def path_in_language(path, code):
    """The same public page in language `code`: paths differ only by the /<code>/ prefix."""
    for other, _ in settings.LANGUAGES:
        prefix = f"/{other}/"
        if other != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
            break
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def site(request):
    """Give templates the page's `lang` tag and the same page's URL in every language."""
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "lang": html_lang(code), "url": path_in_language(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "html_lang": html_lang(),
        "alternates": alternates,
        "data_licence": settings.DATA_LICENCE,
        # Absolute links start here, never with the request's Host header (a client's choice).
        "site_url": settings.SITE_URL,
    }
