"""Public pages of the recommended strategies."""

from django.shortcuts import redirect, render

from core.publishing import published_prefetch
from core.slugs import find_by_slug

from .models import Strategy


def strategy_list(request):
    strategies = (
        Strategy.objects.published()
        .select_related("chapter__report")
        .prefetch_related("actions", published_prefetch(Strategy, "challenges"))
    )
    return render(request, "policies/strategy_list.html", {"strategies": strategies})


def strategy_detail(request, slug):
    public = Strategy.objects.published().select_related("chapter__report", "source")
    strategy, moved = find_by_slug(public, slug)
    if moved:
        return redirect(strategy, permanent=True)
    strategy = public.prefetch_related(
        "actions",
        published_prefetch(Strategy, "challenges"),
        published_prefetch(Strategy, "findings"),
    ).get(pk=strategy.pk)
    return render(
        request,
        "policies/strategy_detail.html",
        {"strategy": strategy, "chapter": strategy.chapter, "report": strategy.chapter.report},
    )
