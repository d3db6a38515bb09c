"""Public pages of the report: edition, chapter, finding, challenge (the home page is website's).

A view finds the public object (`public_or_gone`, `find_by_slug`); a `*_page` function renders
any object, public or not, so that admin previews show exactly what the public page will.
Cross-links are fetched with `published_prefetch()`, and every page runs a fixed number of
queries however much content there is.
"""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from core import citations
from core.navigation import neighbours
from core.paging import page_of
from core.parallel import markdown, parallel_page, parallel_rows, plain
from core.publishing import public_or_gone, published_prefetch
from core.qr import qr_response
from core.share_images import share_image_response
from core.slugs import find_by_slug
from indicators import downloads
from indicators.citing import with_site_notes
from indicators.site_notes import scope_notes

from .citing import describe_challenge, describe_finding
from .downloads import finding_data
from .models import Challenge, Chapter, Finding, Report
from .selectors import (
    chapter_contents,
    finding_with_links,
    findings_with_page_parts,
    latest_seen_version,
    observations_in_order,
    public_findings,
    readable_version,
)
from .share import challenge_card, finding_card

# Editions ----------------------------------------------------------------------------------


def report_detail(request, year):
    return report_page(request, public_or_gone(Report.objects.select_related("source", "image"), year=year))


def report_latest(request):
    """/reports/: the newest published edition (the menu's "Contents" on pages of no edition)."""
    report = Report.objects.published().first()
    if report is None:
        raise Http404
    return redirect(report)


def report_page(request, report, extra=None):
    chapters = report.chapters.published().prefetch_related(
        published_prefetch(Chapter, "findings"),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    )
    context = {"report": report, "chapters": chapters, **(extra or {})}
    return render(request, "bluepaper/report.html", context)


# Chapters ----------------------------------------------------------------------------------


def chapter_detail(request, year, slug):
    chapters = Chapter.objects.select_related("report", "source", "image")
    chapter, moved = find_by_slug(chapters, slug, report__year=year)
    if moved:
        return redirect(chapter, permanent=True)
    return chapter_page(request, chapter)


FINDINGS_PER_PAGE = 12  # finding cards, with their figures, per page of a chapter


def chapter_page(request, chapter, extra=None):
    prefetch_related_objects([chapter], *chapter_contents())
    siblings = chapter.report.chapters.published().select_related("report")
    findings = page_of(request, chapter.findings.all(), FINDINGS_PER_PAGE)
    context = {"chapter": chapter, "report": chapter.report, "findings": findings, **neighbours(siblings, chapter)}
    return render(request, "bluepaper/chapter.html", {**context, **(extra or {})})


# Findings ----------------------------------------------------------------------------------


def public_finding(key):
    return public_or_gone(findings_with_page_parts(), public=public_findings()["page"], key=key)


def finding_short(request, key):
    """The short, permanent address of a finding: 301 to its full URL."""
    return redirect(public_finding(key), permanent=True)


def finding_detail(request, key, slug):
    finding = public_finding(key)
    if slug != finding.slug:
        return redirect(finding, permanent=True)
    return finding_page(request, finding)


def finding_page(request, finding, extra=None):
    finding_with_links(finding)
    # Through the whole edition, in the report's order: the last finding of a chapter leads on.
    siblings = public_findings()["pager"].filter(chapter__report_id=finding.chapter.report_id)
    latest = latest_seen_version(finding)
    finding.latest_version = latest  # what its citation names (bluepaper/citing.py), without a query
    context = {
        "finding": finding,
        "chapter": finding.chapter,
        "report": finding.chapter.report,
        "latest_version": latest,
        **neighbours(siblings, finding),
    }
    observations = finding.observations.all()
    scope_notes(request, observations=observations, findings=[finding, context["previous"], context["next"]])
    return render(request, "bluepaper/finding.html", {**context, **(extra or {})})


def finding_parallel(request, key, slug):
    """The finding in Chinese and English side by side, paragraph against paragraph."""
    finding = public_finding(key)
    if slug != finding.slug:
        return redirect("bluepaper:finding-parallel", key=finding.key, slug=finding.slug, permanent=True)
    prefetch_related_objects([finding], published_prefetch(Finding, "observations", observations_in_order()))
    texts = [parallel_rows(plain(finding, "title")), parallel_rows(plain(finding, "summary"))]
    texts.append(parallel_rows(markdown(finding, "body")))
    chapter = finding.chapter
    return parallel_page(request, finding, texts, chapter=chapter, report=chapter.report)


def finding_cite(request, key, file_format):
    """The finding's citation as a BibTeX or RIS file, in the language of the URL."""
    finding = public_finding(key)
    return citations.download(with_site_notes(describe_finding(finding), findings=[finding]), file_format)


def finding_share_image(request, key):
    """The finding's share image (Open Graph): its title, key figures with their hedge, and source."""
    return share_image_response(request, finding_card(public_finding(key)))


def finding_qr(request, key):
    """A QR code of the finding's permanent link (/findings/<key>/), to open it in WeChat."""
    finding = public_finding(key)
    return qr_response(request, settings.SITE_URL + reverse("bluepaper:finding-short", kwargs={"key": finding.key}))


def finding_version(request, key, number):
    """A finding exactly as it was published the Nth time."""
    readable = readable_version(key, number)
    version = readable.version
    language = "en" if translation.get_language() == "en" else "zh_hans"
    context = {
        "finding": readable.finding,
        "version": version,
        "latest_number": readable.latest_number,
        "is_public": readable.is_public,
        "article": mark_safe(getattr(version, f"html_{language}")),  # noqa: S308 - our own rendering
        "title": getattr(version, f"title_{language}") or version.title_zh_hans,
    }
    return render(request, "bluepaper/finding_version.html", context)


def finding_download(request, key, file_format):
    """The data behind a finding as CSV or JSON: its published figures, sources and licence."""
    data = finding_data(public_finding(key))
    respond = downloads.csv_response if file_format == "csv" else downloads.json_response
    return respond(request, data)


# Challenges --------------------------------------------------------------------------------


def challenge_list(request):
    """/challenges/: every challenge the report names, in its order."""
    challenges = (
        Challenge.objects.published()
        .select_related("chapter__report")
        .prefetch_related(published_prefetch(Challenge, "strategies"))
    )
    return render(request, "bluepaper/challenge_list.html", {"challenges": challenges})


def challenge_detail(request, slug):
    challenges = Challenge.objects.select_related("chapter__report", "source")
    challenge, moved = find_by_slug(challenges, slug)
    if moved:
        return redirect(challenge, permanent=True)
    return challenge_page(request, challenge)


def challenge_parallel(request, slug):
    """The challenge in Chinese and English side by side, paragraph against paragraph."""
    challenge, moved = find_by_slug(Challenge.objects.select_related("chapter__report"), slug)
    if moved:
        return redirect("bluepaper:challenge-parallel", slug=challenge.slug, permanent=True)
    texts = [parallel_rows(plain(challenge, "title")), parallel_rows(markdown(challenge, "description"))]
    chapter = challenge.chapter
    return parallel_page(request, challenge, texts, chapter=chapter, report=chapter.report)


def challenge_cite(request, slug, file_format):
    challenge, moved = find_by_slug(Challenge.objects.select_related("chapter__report"), slug)
    if moved:
        return redirect(f"bluepaper:challenge-cite-{file_format}", slug=challenge.slug, permanent=True)
    return citations.download(describe_challenge(challenge), file_format)


def challenge_qr(request, slug):
    """A QR code of the challenge page's address, to open it in WeChat."""
    challenge, moved = find_by_slug(Challenge.objects.all(), slug)
    if moved:
        return redirect("bluepaper:challenge-qr", slug=challenge.slug, permanent=True)
    return qr_response(request, settings.SITE_URL + challenge.get_absolute_url())


def challenge_share_image(request, slug):
    """The challenge's share image (Open Graph): its title, description and source."""
    challenge, moved = find_by_slug(Challenge.objects.select_related("source"), slug)
    if moved:
        return redirect("bluepaper:challenge-share-image", slug=challenge.slug, permanent=True)
    return share_image_response(request, challenge_card(challenge))


def challenge_page(request, challenge, extra=None):
    prefetch_related_objects(
        [challenge],
        published_prefetch(Challenge, "evidence"),
        published_prefetch(Challenge, "evidence__observations", observations_in_order()),
        published_prefetch(Challenge, "strategies"),
    )
    context = {"challenge": challenge, "chapter": challenge.chapter, "report": challenge.chapter.report}
    return render(request, "bluepaper/challenge.html", {**context, **(extra or {})})
