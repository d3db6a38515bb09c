"""Reads shared by the report's pages, previews and published versions.

Every cross-link is fetched public only (`published_prefetch()`, or a queryset built once with
`published()`): a draft at the other end never shows.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from core.publishing import Status, built_once, published_prefetch
from indicators.models import Observation

from .models import Chapter, Finding, FindingVersion


def observations_in_order():
    """Observations as shown beside a finding: with indicator, region and source."""
    return Observation.objects.in_display_order()


def chapter_contents():
    """Prefetches of a chapter's findings (with their observations), challenges and strategies."""
    return [
        published_prefetch(Chapter, "findings"),
        published_prefetch(Chapter, "findings__observations", observations_in_order()),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    ]


def finding_links():
    """A finding's links, in display order, public only (fresh copies of `_public_links()`)."""
    return [Prefetch(lookup, queryset=queryset) for lookup, queryset in _public_links().items()] + ["change_notes"]


@built_once
def _public_links():
    """The public objects at the end of each of a finding's links, in display order.

    Strategies and challenges are ordered within the finding's own report, so by their number or
    order alone: their models' default orderings start with the report, a join per query. They are
    shown as links (a title and a slug), so only those columns are read.
    """
    return {
        "observations": observations_in_order().published(),
        "indicators": _linked(Finding, "indicators").published(),
        "regions": _linked(Finding, "regions").published(),
        "strategies": _as_links(Finding, "strategies").order_by("number", "pk").published(),
        "challenges": _as_links(Finding, "challenges").order_by("order", "pk").published(),
    }


def findings_with_page_parts():
    """Findings with what their page shows beside them: chapter, report, source and image."""
    return Finding.objects.select_related("chapter__report", "source", "image")


@built_once
def public_findings():
    """Public findings as a finding's page reads them: "page", the finding with its chapter, report,
    source and image; "pager", its neighbours in the report's order, with what a link shows (by
    chapter number, not the model's ordering, which starts with the report: a join for nothing)."""
    return {
        "page": findings_with_page_parts().published(),
        "pager": (
            Finding.objects.published().order_by("chapter__number", "order", "pk").only("pk", "key", "slug", "title")
        ),
    }


def _as_links(model, relation):
    """The objects at the end of `model.relation`, with the columns a link to each needs."""
    return _linked(model, relation).only("pk", "slug", "title")


def _linked(model, relation):
    """All objects at the end of `model.relation` (strategies live in a higher app, named by relation)."""
    return model._meta.get_field(relation).related_model.objects.all()


def finding_with_links(finding):
    """Attach everything a finding's page shows to `finding` (prefetched, public only)."""
    prefetch_related_objects([finding], *finding_links())
    return finding


def fresh_finding(pk):
    """The finding as stored now, with everything its page shows."""
    return finding_with_links(findings_with_page_parts().get(pk=pk))


def latest_seen_version(finding) -> FindingVersion | None:
    """The finding's newest version that readers have seen (a scheduled one is not yet public).

    What a page names of it, its number and date, not the page it stored: that is read only where
    the version itself is shown (`readable_version`)."""
    return finding.versions.seen().order_by("-number").only("pk", "finding_id", "number", "published_at").first()


def public_versions_by_revision(finding_id: int) -> dict[int, int]:
    """Which stored revision of a finding each public version came from: {history_id: number}.

    A public version is recorded right after the revision whose save published it, so the
    published revisions and the versions are matched in time order: version 1 with the first
    published revision, each later version with the last published revision saved before it
    went live — leaving one revision for each version still to match.
    """
    published = list(
        Finding.history.filter(id=finding_id, status=Status.PUBLISHED)
        .order_by("history_date", "history_id")
        .values_list("history_id", "history_date")
    )
    versions = list(FindingVersion.objects.filter(finding_id=finding_id).order_by("number"))
    matched, start = {}, 0
    for index, version in enumerate(versions):
        last = len(published) - (len(versions) - index)  # keep one revision per later version
        if start > last:
            break
        chosen = start
        if version.number > 1:
            for position in range(start, last + 1):
                if published[position][1] <= version.published_at:
                    chosen = position
        matched[published[chosen][0]] = version.number
        start = chosen + 1
    return matched


@dataclass
class ReadableVersion:
    finding: Finding
    version: FindingVersion
    latest_number: int
    is_public: bool  # the finding is public now (else it is archived, and readers saw it once)


def readable_version(key: str, number: int) -> ReadableVersion:
    """Version `number` of finding `key` as readers saw it, or 404.

    Public findings and archived ones readers saw (nothing cited disappears); never drafts,
    scheduled ones, or ones archived before they went live; never a version still scheduled.
    """
    public = Finding.objects.published().filter(key=key).first()
    finding = public or Finding.objects.gone().filter(key=key).first()
    versions = FindingVersion.objects.seen().filter(finding=finding)
    version = versions.filter(number=number).first()
    if finding is None or version is None:
        raise Http404
    latest = versions.order_by("-number").values_list("number", flat=True).first()
    return ReadableVersion(finding=finding, version=version, latest_number=latest, is_public=public is not None)
