"""Public pages of the recommended strategies."""

from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render

from core import citations
from core.publishing import published_prefetch
from core.slugs import find_by_slug

from .citing import describe_strategy
from .models import Strategy


def strategy_list(request):
    strategies = (
        Strategy.objects.published()
        .select_related("chapter__report")
        .prefetch_related("actions", published_prefetch(Strategy, "challenges"))
    )
    return render(request, "policies/strategy_list.html", {"strategies": strategies})


def strategy_detail(request, slug):
    strategy, moved = find_by_slug(Strategy.objects.select_related("chapter__report", "source"), slug)
    if moved:
        return redirect(strategy, permanent=True)
    return strategy_page(request, strategy)


def strategy_page(request, strategy, extra=None):
    prefetch_related_objects(
        [strategy],
        "actions",
        published_prefetch(Strategy, "challenges"),
        published_prefetch(Strategy, "findings"),
    )
    context = {"strategy": strategy, "chapter": strategy.chapter, "report": strategy.chapter.report}
    return render(request, "policies/strategy_detail.html", {**context, **(extra or {})})


def strategy_cite(request, slug, file_format):
    """The strategy's citation as a BibTeX or RIS file, in the language of the URL."""
    strategy, moved = find_by_slug(Strategy.objects.select_related("chapter__report"), slug)
    if moved:
        return redirect(f"policies:strategy-cite-{file_format}", slug=strategy.slug, permanent=True)
    return citations.download(describe_strategy(strategy), file_format)
