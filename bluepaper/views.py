"""Public pages of the report: home, edition, chapter, finding, challenge; health and errors.

Every query goes through `published()` or `published_prefetch()`, and every page runs a fixed
number of queries however much content there is.
"""

from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from core.publishing import published_prefetch
from core.slugs import find_by_slug
from indicators.models import Observation

from .models import Challenge, Chapter, Finding, Report


def figures():
    """Observations as shown beside a finding: with indicator, region and source."""
    return Observation.objects.in_display_order()


def findings_with_figures(lookup="findings"):
    return [
        published_prefetch(Chapter, lookup),
        published_prefetch(Chapter, f"{lookup}__observations", figures()),
    ]


def home(request):
    report = Report.objects.published().first()
    if report is None:
        return render(request, "bluepaper/home_empty.html")
    chapters = report.chapters.published().prefetch_related(
        published_prefetch(Chapter, "findings"),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    )
    key_findings = (
        Finding.objects.published()
        .filter(chapter__report=report, featured=True)
        .select_related("chapter")
        .prefetch_related(published_prefetch(Finding, "observations", figures()))
    )
    return render(
        request,
        "bluepaper/home.html",
        {"report": report, "chapters": chapters, "key_findings": key_findings},
    )


def report_detail(request, year):
    report = get_object_or_404(Report.objects.published().select_related("source"), year=year)
    chapters = report.chapters.published().prefetch_related(
        published_prefetch(Chapter, "findings"),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    )
    return render(request, "bluepaper/report.html", {"report": report, "chapters": chapters})


def chapter_detail(request, year, slug):
    public = Chapter.objects.published().select_related("report", "source")
    chapter, moved = find_by_slug(public, slug, report__year=year)
    if moved:
        return redirect(chapter, permanent=True)
    chapter = public.prefetch_related(
        *findings_with_figures(),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    ).get(pk=chapter.pk)
    siblings = list(chapter.report.chapters.published().select_related("report"))
    return render(
        request,
        "bluepaper/chapter.html",
        {"chapter": chapter, "report": chapter.report, **neighbours(siblings, chapter)},
    )


def neighbours(items, current):
    """The items before and after `current` in `items`, for previous/next links."""
    index = next(i for i, item in enumerate(items) if item.pk == current.pk)
    return {
        "previous": items[index - 1] if index > 0 else None,
        "next": items[index + 1] if index + 1 < len(items) else None,
    }


def public_finding(key):
    finding = Finding.objects.published().select_related("chapter__report", "source").filter(key=key).first()
    if finding is None:
        raise Http404
    return finding


def finding_short(request, key):
    """The short, permanent address of a finding: 301 to its full URL."""
    return redirect(public_finding(key), permanent=True)


def finding_detail(request, key, slug):
    finding = public_finding(key)
    if slug != finding.slug:
        return redirect(finding, permanent=True)
    finding = (
        Finding.objects.filter(pk=finding.pk)
        .select_related("chapter__report", "source")
        .prefetch_related(
            published_prefetch(Finding, "observations", figures()),
            published_prefetch(Finding, "indicators"),
            published_prefetch(Finding, "regions"),
            published_prefetch(Finding, "strategies"),
            published_prefetch(Finding, "challenges"),
        )
        .get()
    )
    siblings = list(finding.chapter.findings.published())
    return render(
        request,
        "bluepaper/finding.html",
        {
            "finding": finding,
            "chapter": finding.chapter,
            "report": finding.chapter.report,
            **neighbours(siblings, finding),
        },
    )


def challenge_detail(request, slug):
    public = Challenge.objects.published().select_related("chapter__report", "source")
    challenge, moved = find_by_slug(public, slug)
    if moved:
        return redirect(challenge, permanent=True)
    challenge = public.prefetch_related(
        published_prefetch(Challenge, "evidence"),
        published_prefetch(Challenge, "evidence__observations", figures()),
        published_prefetch(Challenge, "strategies"),
    ).get(pk=challenge.pk)
    return render(
        request,
        "bluepaper/challenge.html",
        {"challenge": challenge, "chapter": challenge.chapter, "report": challenge.chapter.report},
    )


@never_cache
def healthz(request):
    """Liveness: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
