"""Writes that touch several models of the report."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.publishing import Status
from core.services import after_write
from indicators.figures import token_ids
from indicators.models import Observation

from .models import Finding, FindingVersion
from .selectors import fresh_finding

ARTICLE_TEMPLATE = "bluepaper/includes/finding_article.html"


def finding_link_observations(*, finding: Finding) -> None:
    """Link a finding to the observations its figure tokens cite, and to their indicators and regions."""
    cited = set().union(*(token_ids(getattr(finding, f"body_{code}") or "") for code in ("zh_hans", "en")))
    finding.observations.add(*Observation.objects.filter(pk__in=cited))
    observations = list(finding.observations.values_list("indicator_id", "region_id"))
    finding.indicators.add(*{indicator for indicator, _ in observations})
    finding.regions.add(*{region for _, region in observations})


def render_finding_article(finding: Finding, language: str) -> str:
    with translation.override(language):
        context = {"finding": finding, "chapter": finding.chapter, "report": finding.chapter.report}
        return render_to_string(ARTICLE_TEMPLATE, context)


def finding_pages(finding: Finding) -> dict[str, str]:
    """The finding's article as its page renders it now, in each language (from `fresh_finding`)."""
    return {"zh_hans": render_finding_article(finding, "zh-hans"), "en": render_finding_article(finding, "en")}


def finding_differs_from_version(finding: Finding) -> bool:
    """Whether its page now reads differently from its last published version (none yet: it does)."""
    last = finding.versions.order_by("-number").first()
    if last is None:
        return True
    pages = finding_pages(fresh_finding(finding.pk))
    return (last.html_zh_hans, last.html_en) != (pages["zh_hans"], pages["en"])


def finding_publish_version(*, finding: Finding, user=None) -> FindingVersion | None:
    """Record the finding as published now as version N+1, unless it reads as version N does.

    Called whenever a finding is saved, published or restored. A scheduled finding's version
    goes live with it.
    """
    finding = fresh_finding(finding.pk)
    if finding.status != Status.PUBLISHED:
        return None
    pages = finding_pages(finding)
    last = finding.versions.order_by("-number").first()
    if last and (last.html_zh_hans, last.html_en) == (pages["zh_hans"], pages["en"]):
        return None
    # The first version went live with the finding; a later one goes live now (or when scheduled).
    published_at = max(timezone.now(), finding.published_at) if last else finding.published_at
    return FindingVersion.objects.create(
        finding=finding,
        number=last.number + 1 if last else 1,
        published_at=published_at,
        title_zh_hans=finding.title_zh_hans,
        title_en=finding.title_en or "",
        html_zh_hans=pages["zh_hans"],
        html_en=pages["en"],
        created_by=user,
    )


@after_write(Finding)
def finding_complete_links(*, instance: Finding, user=None) -> None:
    """Link a finding to what its text cites, inside the write: the links are part of its revision."""
    finding_link_observations(finding=instance)


@after_write(Finding, recorded=True)
def finding_record_publication(*, instance: Finding, user=None) -> None:
    """Record its published version if the page now reads differently, after the revision it shows."""
    finding_publish_version(finding=instance, user=user)
