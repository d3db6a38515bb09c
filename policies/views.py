"""Public pages of the recommended strategies."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bluepaper.models import Finding
from bluepaper.share import text_card
from core import citations
from core.paging import page_of
from core.parallel import markdown, parallel_page, parallel_rows, plain
from core.publishing import published_prefetch
from core.qr import qr_response
from core.share_images import share_image_response
from core.slugs import find_by_slug

from .citing import describe_strategy
from .models import Strategy

STRATEGIES_PER_PAGE = 20


def strategy_list(request):
    """Every edition's strategies, newest edition first, a page at a time."""
    strategies = (
        Strategy.objects.published()
        .select_related("chapter__report")
        .prefetch_related("actions", published_prefetch(Strategy, "challenges"))
    )
    finding = None
    if "finding" in request.GET:  # /strategies/?finding=<key>: those related to one finding
        finding = get_object_or_404(Finding.objects.published(), key=request.GET["finding"])
        strategies = strategies.filter(findings=finding)
    page = page_of(request, strategies, STRATEGIES_PER_PAGE)
    context = {"strategies": page.object_list, "page": page, "finding": finding}
    return render(request, "policies/strategy_list.html", context)


def strategy_detail(request, slug):
    strategy, moved = find_by_slug(Strategy.objects.select_related("chapter__report", "source"), slug)
    if moved:
        return redirect(strategy, permanent=True)
    return strategy_page(request, strategy)


def strategy_qr(request, slug):
    """A QR code of the strategy page's address, to open it in WeChat."""
    strategy, moved = find_by_slug(Strategy.objects.all(), slug)
    if moved:
        return redirect("policies:strategy-qr", slug=strategy.slug, permanent=True)
    return qr_response(request, settings.SITE_URL + strategy.get_absolute_url())


def strategy_share_image(request, slug):
    """The strategy's share image (Open Graph): its number and title, summary and source."""
    strategy, moved = find_by_slug(Strategy.objects.select_related("source"), slug)
    if moved:
        return redirect("policies:strategy-share-image", slug=strategy.slug, permanent=True)
    kicker = _("Strategy %(number)s") % {"number": strategy.number}
    return share_image_response(request, text_card(strategy, kicker, "summary"))


def strategy_page(request, strategy, extra=None):
    prefetch_related_objects(
        [strategy],
        "actions",
        published_prefetch(Strategy, "challenges"),
        published_prefetch(Strategy, "findings"),
    )
    context = {"strategy": strategy, "chapter": strategy.chapter, "report": strategy.chapter.report}
    return render(request, "policies/strategy_detail.html", {**context, **(extra or {})})


def strategy_parallel(request, slug):
    """The strategy and its actions in Chinese and English side by side."""
    strategy, moved = find_by_slug(Strategy.objects.select_related("chapter__report"), slug)
    if moved:
        return redirect("policies:strategy-parallel", slug=strategy.slug, permanent=True)
    prefetch_related_objects([strategy], "actions")
    texts = [parallel_rows(plain(strategy, "title")), parallel_rows(markdown(strategy, "summary"))]
    # One row per action: the actions pair by record, not by length.
    texts.append([row for action in strategy.actions.all() for row in parallel_rows(plain(action, "text"))])
    return parallel_page(request, strategy, texts)


def strategy_cite(request, slug, file_format):
    """The strategy's citation as a BibTeX or RIS file, in the language of the URL."""
    strategy, moved = find_by_slug(Strategy.objects.select_related("chapter__report"), slug)
    if moved:
        return redirect(f"policies:strategy-cite-{file_format}", slug=strategy.slug, permanent=True)
    return citations.download(describe_strategy(strategy), file_format)
