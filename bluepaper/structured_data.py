"""JSON-LD of the report's pages: the edition as a schema.org Report, a finding, a challenge.

A finding is a `CreativeWork`, not a `Claim`: Claim sits in schema.org's pending area and is
read by fact-checkers' ClaimReview only; a CreativeWork carries what citing needs (version,
licence, isPartOf, isBasedOn) and every consumer reads it (docs/decisions/0033).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.languages import html_lang, localized
from core.structured_data import (
    absolute,
    compact,
    dated,
    licence_url,
    publisher,
    source_citation,
    source_document,
)
from core.templatetags.bp import tr_plain  # plain text as the meta tags give it


def report_reference(report) -> dict:
    """The edition, as the works in it point to it."""
    return {"@type": "Report", "@id": absolute(report.get_absolute_url()), "name": localized(report, "title").text}


def report_data(report, chapters=()) -> dict:
    """The edition: what it is about, who publishes it, what it is based on, its chapters."""
    return compact(
        {
            "@context": "https://schema.org",
            **report_reference(report),
            "url": absolute(report.get_absolute_url()),
            "description": tr_plain(report, "summary"),
            "inLanguage": html_lang(),
            "datePublished": dated(report.first_published_at or report.published_at),
            "dateModified": dated(report.updated_at),
            "publisher": publisher(),
            "about": {"@type": "Thing", "name": _("Beijing–Tianjin–Hebei coordinated development")},
            "isBasedOn": source_document(report.source),
            "citation": source_citation(report.source, report.locator),
            "license": licence_url(),
            "hasPart": [chapter_part(chapter) for chapter in chapters],
        }
    )


def chapter_part(chapter) -> dict:
    return {
        "@type": "Chapter",
        "position": chapter.number,
        "name": localized(chapter, "title").text,
        "url": absolute(chapter.get_absolute_url()),
    }


def work_data(item, *, report, description_field, **extra) -> dict:
    """A work of the edition (finding, challenge, strategy): its names, dates, source and licence."""
    url = absolute(item.get_absolute_url())
    source = item.source or report.source
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "@id": url,
            "url": url,
            "name": localized(item, "title").text,
            "description": tr_plain(item, description_field),
            "inLanguage": html_lang(),
            "datePublished": dated(item.first_published_at or item.published_at),
            "dateModified": dated(item.updated_at),
            "isPartOf": report_reference(report),
            "publisher": publisher(),
            "isBasedOn": source_document(source),
            "citation": source_citation(source, item.locator),
            "license": licence_url(),
            **extra,
        }
    )


def finding_data(finding, version=None) -> dict:
    """A finding, identified by its permanent link, with the version a citation should name."""
    permanent = absolute(reverse("bluepaper:finding-short", kwargs={"key": finding.key}))
    data = work_data(
        finding,
        report=finding.chapter.report,
        description_field="summary",
        identifier=finding.key,
        version=version.number if version else None,
        archivedAt=absolute(version.get_absolute_url()) if version else None,  # the version as published
    )
    data = {**data, "@id": permanent, "url": permanent, "mainEntityOfPage": absolute(finding.get_absolute_url())}
    if version:
        data["dateModified"] = dated(max(version.published_at, finding.updated_at))
    return compact(data)


def challenge_data(challenge) -> dict:
    return work_data(challenge, report=challenge.chapter.report, description_field="description")
