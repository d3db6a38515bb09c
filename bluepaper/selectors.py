"""Reads shared by the report's pages, previews and published versions.

Every cross-link is fetched with `published_prefetch()`: a draft at the other end never shows.
"""

from django.db.models import prefetch_related_objects

from core.publishing import published_prefetch
from indicators.models import Observation

from .models import Chapter, Finding


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
    return [
        published_prefetch(Finding, "observations", observations_in_order()),
        published_prefetch(Finding, "indicators"),
        published_prefetch(Finding, "regions"),
        published_prefetch(Finding, "strategies"),
        published_prefetch(Finding, "challenges"),
        "change_notes",
    ]


def finding_with_links(finding):
    """Attach everything a finding's page shows to `finding` (prefetched, public only)."""
    prefetch_related_objects([finding], *finding_links())
    return finding


def fresh_finding(pk):
    """The finding as stored now, with everything its page shows."""
    return finding_with_links(Finding.objects.select_related("chapter__report", "source", "image").get(pk=pk))
