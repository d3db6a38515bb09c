"""The data behind a finding as CSV and JSON: its published figures, with its citation and version.

The files are built as the indicators' are (indicators/downloads.py, docs/data-downloads.md).
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.languages import localized
from indicators import downloads
from indicators.models import Observation

from .models import Finding
from .selectors import latest_seen_version


def latest_version_number(finding: Finding) -> int | None:
    """The number of the finding's latest published version, if it has one."""
    latest = latest_seen_version(finding)
    return latest.number if latest else None


def finding_citation(finding: Finding, version: int | None, url: str) -> str:
    language = translation.get_language()
    values = {
        "title": localized(finding, "title", language).text,
        "report": localized(finding.chapter.report, "title", language).text,
        "chapter": localized(finding.chapter, "title", language).text,
        "date": f"{finding.published_at:%Y-%m-%d}",
        "url": url,
    }
    if version is None:
        return _("%(title)s. In: %(report)s, %(chapter)s. Published %(date)s. %(url)s") % values
    return _("%(title)s. In: %(report)s, %(chapter)s. Version %(version)s, published %(date)s. %(url)s") % {
        **values,
        "version": version,
    }


def finding_data(finding: Finding) -> downloads.DataSet:
    """The finding's published figures, with its permanent link, version and the caveats on them."""
    language = translation.get_language()
    observations = list(Observation.objects.published().filter(findings=finding).in_display_order())
    permalink = downloads.absolute(reverse("bluepaper:finding-short", kwargs={"key": finding.key}))
    version = latest_version_number(finding)
    caveats = {obs.indicator_id: localized(obs.indicator, "caveat", language).text for obs in observations}
    title = localized(finding, "title", language).text
    return downloads.DataSet(
        title=_("Data behind the finding: %(title)s") % {"title": title},
        description=localized(finding, "summary", language).text,
        page_url=permalink,
        csv_url=downloads.absolute(reverse("bluepaper:finding-csv", kwargs={"key": finding.key})),
        json_url=downloads.absolute(reverse("bluepaper:finding-json", kwargs={"key": finding.key})),
        filename=downloads.filename(f"finding-{finding.key}"),
        citation=finding_citation(finding, version, permalink),
        version=version,
        observations=observations,
        notes_by_observation=downloads.published_site_notes(observations),
        caveats=[caveat for caveat in caveats.values() if caveat],
        extra_dates=[finding.updated_at],
    )
