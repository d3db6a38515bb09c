"""The site-wide pages: home, search, health and errors.

Wiring, like the previews: these pages gather every app (the home page shows the edition's
chapters with their findings, challenges and strategies; search knows every app through the
registry in core/search.py), so they sit on top of the layers, above every content app.
Each shows only what `published()` lets a reader see.
"""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from bluepaper.models import Chapter, Finding, Report
from bluepaper.selectors import observations_in_order
from core.paging import capped, page_of
from core.publishing import published_prefetch
from core.search import MAX_QUERY_LENGTH, MAX_TERMS, parse_query, search, suggestions
from indicators.site_notes import scope_notes

# Offered under an empty search box: each finds something in the seed content.
EXAMPLES = [{"q": "人口", "lang": "zh-Hans"}, {"q": "高铁里程", "lang": "zh-Hans"}, {"q": "population", "lang": "en"},
            {"q": "2624", "lang": ""}]  # fmt: skip


HOME_KEY_FINDINGS = 6  # cards under "Key figures"; the report's contents list every finding
HOME_LIST_LIMIT = 8  # links per chapter, and challenges and strategies, before "all N …"


def home(request):
    report = Report.objects.published().first()
    if report is None:
        return render(request, "website/home_empty.html")
    chapters = report.chapters.published().prefetch_related(
        published_prefetch(Chapter, "findings"),
        published_prefetch(Chapter, "challenges"),
        published_prefetch(Chapter, "strategies"),
    )
    # A chosen few: the featured findings, in the report's order, up to HOME_KEY_FINDINGS.
    key_findings = list(
        Finding.objects.published()
        .filter(chapter__report=report, featured=True)
        .select_related("chapter")
        .prefetch_related(published_prefetch(Finding, "observations", observations_in_order()))[:HOME_KEY_FINDINGS]
    )
    figures = [observation for finding in key_findings for observation in finding.observations.all()]
    scope_notes(request, observations=figures, findings=key_findings)
    context = {
        "report": report,
        "chapters": chapters,
        "key_findings": key_findings,
        "list_limit": HOME_LIST_LIMIT,
        "challenges": capped([c for chapter in chapters for c in chapter.challenges.all()], HOME_LIST_LIMIT),
        "strategies": capped([s for chapter in chapters for s in chapter.strategies.all()], HOME_LIST_LIMIT),
    }
    return render(request, "website/home.html", context)


RESULTS_PER_PAGE = 20


def search_page(request):
    """/search/?q=…: answer any query quickly and clearly: an empty one gets the form and a hint,
    a long one is cut to its first characters (and the reader told), one that finds nothing gets
    suggestions; nothing a reader types is an error."""
    query = parse_query(request.GET.get("q", ""))
    results = search(query, translation.get_language()) if query.terms else None
    found_nothing = results is not None and not results.items
    context = {
        "query": query,
        "results": results,
        "page": page_of(request, results.items, RESULTS_PER_PAGE) if results else None,
        # Nothing found: a query that would find something, and where to browse instead.
        "suggestions": suggestions(query) if found_nothing else [],
        "contents_report": Report.objects.published().first() if found_nothing else None,
        "submitted": "q" in request.GET,
        "examples": EXAMPLES,
        "max_length": MAX_QUERY_LENGTH,
        "max_terms": MAX_TERMS,
    }
    response = render(request, "website/search.html", context)
    if context["submitted"]:
        # Result pages are for readers, not for search engines: the objects' own pages are indexed.
        response["X-Robots-Tag"] = "noindex"
    return response


# Health and errors -------------------------------------------------------------------------


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
