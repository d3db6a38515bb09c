"""An indicator described for search engines and data catalogues: a schema.org `Dataset` in JSON-LD.

Made from what the page has already fetched (no query of its own), with the CSV and JSON
downloads as its `distribution` and absolute URLs from SITE_URL.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from core.languages import html_lang, localized

from .downloads import absolute, source_title

# As Django's json_script: nothing in the data can close the <script> element or open a comment.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def organisation() -> dict:
    return {"@type": "Organization", "name": str(settings.SITE_NAME), "url": f"{settings.SITE_URL}/"}


def temporal_coverage(observations) -> str | None:
    """The years the figures cover, as an ISO 8601 interval ("2014/2023") or one year."""
    years = sorted({obs.period_year for obs in observations if obs.period_year is not None})
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}/{years[-1]}"


def based_on(observations, language) -> list[dict]:
    """The documents the figures come from, once each."""
    found = {}
    for obs in observations:
        if obs.source is not None and obs.source_id not in found:
            work = {"@type": "CreativeWork", "name": source_title(obs.source, language)}
            work["publisher"] = {"@type": "Organization", "name": localized(obs.source, "publisher", language).text}
            if obs.source.published_on:
                work["datePublished"] = obs.source.published_on.date().isoformat()
            if obs.source.url:
                work["url"] = obs.source.url
            found[obs.source_id] = work
    return list(found.values())


def distribution(indicator) -> list[dict]:
    return [
        {
            "@type": "DataDownload",
            "encodingFormat": media_type,
            "contentUrl": absolute(reverse(f"indicators:indicator-{suffix}", kwargs={"slug": indicator.slug})),
        }
        for suffix, media_type in (("csv", "text/csv"), ("json", "application/json"))
    ]


def dataset(indicator, observations) -> dict:
    """The schema.org Dataset of an indicator and its published `observations`."""
    language = translation.get_language()
    name = localized(indicator, "name", language).text
    regions = {obs.region_id: localized(obs.region, "name", language).text for obs in observations}
    updated = max([indicator.updated_at, *(obs.updated_at for obs in observations)])
    variable = {"@type": "PropertyValue", "name": name, "unitText": localized(indicator, "unit", language).text}
    described = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": localized(indicator, "definition", language).text or name,
        "url": absolute(indicator.get_absolute_url()),
        "inLanguage": html_lang(language),
        "license": settings.DATA_LICENCE["url"],
        "creator": organisation(),
        "publisher": organisation(),
        "temporalCoverage": temporal_coverage(observations),
        "spatialCoverage": [{"@type": "Place", "name": region} for region in regions.values()],
        "variableMeasured": variable,
        "isBasedOn": based_on(observations, language),
        "dateModified": updated.isoformat(),
        "distribution": distribution(indicator),
    }
    return {key: value for key, value in described.items() if value not in (None, [])}


def json_ld(data: dict) -> str:
    """`data` as the body of a <script type="application/ld+json"> element, escaped safely."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every <, > and & is escaped just above
