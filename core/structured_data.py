"""JSON-LD (schema.org) for the public pages: what every description shares, and its safe script.

The dicts are built in Python by each app (bluepaper/structured_data.py, policies/…) and
serialised once here, escaped as Django's `json_script` escapes, so no text of ours can close
the script element (docs/decisions/0033-feeds-sitemap-structured-data.md).
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .languages import html_lang, localized

# As django.utils.html.json_script: `<`, `>` and `&` as JSON escapes, harmless inside <script>.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict):
    """`data` as a `<script type="application/ld+json">` element, safe to put in a page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


def absolute(path: str) -> str:
    """A site path as its public address: SITE_URL, never the request's host."""
    return f"{settings.SITE_URL}{path}"


def publisher() -> dict:
    return {"@type": "Organization", "name": str(settings.SITE_NAME), "url": absolute(reverse("website:home"))}


def licence_url() -> str:
    return settings.DATA_LICENCE["url"]


def dated(moment):
    """An ISO 8601 date-time, or None when there is none (dropped by `compact`)."""
    return moment.isoformat() if moment else None


def compact(data: dict) -> dict:
    """`data` without its empty values: a property with nothing to say is left out."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def source_document(source) -> dict | None:
    """The source document a work is based on, as schema.org describes an article."""
    if source is None:
        return None
    original = localized(source, "title", settings.LANGUAGE_CODE)
    return compact(
        {
            "@type": "NewsArticle",
            "headline": original.text,
            "inLanguage": html_lang(original.language),
            "publisher": {"@type": "Organization", "name": localized(source, "publisher").text},
            "datePublished": dated(source.published_on),
            "url": source.url,
        }
    )


def source_citation(source, locator: str = "") -> str:
    """The source as one line of text, with the place in it: "《title》, publisher, 2025-07-21, [4]"."""
    if source is None:
        return ""
    title = localized(source, "title", settings.LANGUAGE_CODE).text
    day = timezone.localdate(source.published_on).isoformat() if source.published_on else ""
    return ", ".join(filter(None, [title, localized(source, "publisher").text, day, locator]))
