"""The site-wide search page, /search/?q=…: findings, challenges, strategies and indicators.

Wiring, like the home page: it knows every app through the registry in core/search.py, and
shows only what `published()` lets a reader see (the registry checks it inside the query).
"""

from django.shortcuts import render
from django.utils import translation

from core.search import MAX_CANDIDATES, MAX_QUERY_LENGTH, MAX_TERMS, parse_query, search

# Offered under an empty search box: each finds something in the seed content.
EXAMPLES = [{"q": "人口", "lang": "zh-Hans"}, {"q": "铁路", "lang": "zh-Hans"}, {"q": "population", "lang": "en"},
            {"q": "2624", "lang": ""}]  # fmt: skip


def search_page(request):
    """Answer any query quickly and clearly: an empty one gets the form and a hint, a long one
    is cut to its first characters (and the reader told); nothing a reader types is an error."""
    query = parse_query(request.GET.get("q", ""))
    results = search(query, translation.get_language()) if query.terms else None
    context = {
        "query": query,
        "results": results,
        "submitted": "q" in request.GET,
        "examples": EXAMPLES,
        "max_length": MAX_QUERY_LENGTH,
        "max_terms": MAX_TERMS,
        "max_candidates": MAX_CANDIDATES,
    }
    response = render(request, "search/results.html", context)
    # Result pages are for readers, not for search engines: the objects' own pages are indexed.
    response["X-Robots-Tag"] = "noindex"
    return response
