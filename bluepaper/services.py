"""Writes that touch several models of the report."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.publishing import Status
from core.services import after_write, guard
from indicators.figures import figure_token, token_ids
from indicators.models import Indicator, Observation, Region

from .models import Finding, FindingVersion
from .selectors import fresh_finding

ARTICLE_TEMPLATE = "bluepaper/includes/finding_article.html"
CITING_FIELDS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in ("zh_hans", "en")]


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


# Public findings cite public figures only ---------------------------------------------------


def cited_ids(finding: Finding) -> set[int]:
    return set().union(*(token_ids(getattr(finding, name) or "") for name in CITING_FIELDS))


def public_by(observation: Observation, when) -> bool:
    """Whether the observation, its indicator and its region are all public at `when`."""
    return all(
        item.status == Status.PUBLISHED and item.published_at is not None and item.published_at <= when
        for item in (observation, observation.indicator, observation.region)
    )


def describe(observation: Observation) -> str:
    return f"{figure_token(observation)} {observation} ({Status(observation.status).label})"


@guard(Finding)
def finding_cites_public_figures(*, instance: Finding, deleting: bool) -> None:
    """A published (or scheduled) finding may cite only figures that are public when it goes live."""
    if deleting or instance.status != Status.PUBLISHED:
        return
    cited = cited_ids(instance)
    when = max(instance.published_at or timezone.now(), timezone.now())
    found = Observation.objects.filter(pk__in=cited).select_related("indicator", "region")
    unready = [describe(obs) for obs in found if not public_by(obs, when)]
    unready += [f"[[figure:{pk}]]" for pk in sorted(cited - {obs.pk for obs in found})]
    if unready:
        raise ValidationError(
            _("A published finding can cite only published figures. Publish these first, or take out their tokens: "
              "%(figures)s.") % {"figures": "; ".join(unready)}
        )  # fmt: skip


def public_findings_citing(observations) -> list[Finding]:
    """Published findings whose text cites any of `observations` by figure token."""
    condition = Q()
    for observation in observations:
        for name in CITING_FIELDS:
            condition |= Q(**{f"{name}__contains": figure_token(observation)})
    if not condition:
        return []
    return list(Finding.objects.filter(condition, status=Status.PUBLISHED).order_by("pk"))


def refuse_if_cited(instance, observations, deleting):
    """Refuse to delete or withdraw what public findings cite (it was public, and is cited, until now)."""
    stored = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    withdrawn = stored is not None and stored.status == Status.PUBLISHED and instance.status != Status.PUBLISHED
    if not (deleting or withdrawn):
        return
    citing = public_findings_citing(observations)
    if citing:
        titles = "; ".join(f"“{finding.title}” ({finding.key})" for finding in citing)
        raise ValidationError(
            _("“%(item)s” is cited by published findings: %(findings)s. Take the figure out of their text, or "
              "unpublish them, first.") % {"item": instance, "findings": titles}
        )  # fmt: skip


@guard(Observation)
def observation_stays_public_while_cited(*, instance: Observation, deleting: bool) -> None:
    refuse_if_cited(instance, [instance], deleting)


@guard(Indicator)
def indicator_stays_public_while_cited(*, instance: Indicator, deleting: bool) -> None:
    refuse_if_cited(instance, instance.observations.all() if instance.pk else [], deleting)


@guard(Region)
def region_stays_public_while_cited(*, instance: Region, deleting: bool) -> None:
    refuse_if_cited(instance, instance.observations.all() if instance.pk else [], deleting)
