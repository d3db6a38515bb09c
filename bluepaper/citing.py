"""What a citation of a finding or a challenge names (core/citations.py formats it)."""

from django.urls import reverse
from django.utils import timezone

from core import citations
from core.languages import localized

from .models import Report
from .selectors import latest_seen_version


def report_of(report):
    """The container of a citation: the report's title in the active language, and its year."""
    return localized(report, "title").text, report.year


def current_edition():
    report = Report.objects.published().order_by("-year").first()
    return report_of(report) if report else ("", timezone.now().year)


def downloads(name, **kwargs):
    return [(fmt, reverse(f"bluepaper:{name}-cite-{fmt}", kwargs=kwargs)) for fmt in ("bib", "ris")]


def describe_finding(finding):
    """A finding is cited by its short permalink and its latest published version."""
    latest = getattr(finding, "latest_version", None) or latest_seen_version(finding)
    return citations.cited_item(
        key=finding.key,
        title=localized(finding, "title").text,
        report=report_of(finding.chapter.report),
        path=reverse("bluepaper:finding-short", kwargs={"key": finding.key}),
        moment=latest.published_at if latest else finding.updated_at,
        version=latest.number if latest else None,
        downloads=downloads("finding", key=finding.key),
    )


def describe_challenge(challenge):
    return citations.cited_item(
        key=challenge.slug,
        title=localized(challenge, "title").text,
        report=report_of(challenge.chapter.report),
        path=challenge.get_absolute_url(),
        moment=challenge.updated_at,
        downloads=downloads("challenge", slug=challenge.slug),
    )


citations.register("finding", describe_finding)
citations.register("challenge", describe_challenge)
citations.register_edition(current_edition)
