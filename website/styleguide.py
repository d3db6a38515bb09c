"""/styleguide/: the design system, living — every component drawn by its real template.

For staff only (anonymous readers are sent to the login page, other accounts get a 403), never
indexed and not in the sitemap. Wiring: its samples come from every app, so it sits on top of
the layers. Samples are published content only, like any page a reader could reach.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from bluepaper.models import Finding
from bluepaper.selectors import finding_with_links
from indicators import comparison
from indicators.models import Indicator
from policies.models import Strategy

from .design_tokens import colour_tokens, contrasts


@never_cache
def styleguide(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    context = {"tokens": colour_tokens(), "contrasts": contrasts(), **samples()}
    response = render(request, "website/styleguide.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def samples():
    """A finding with figures, its neighbours and a strategy: the content the specimens show."""
    finding = sample_finding()
    if finding is None:
        return {"finding": None, "strategy": Strategy.objects.published().first(), "caveat_indicators": []}
    siblings = [f for f in finding.chapter.findings.published() if f.pk != finding.pk]
    observations = list(finding.observations.all())
    return {
        "finding": finding,
        "chapter": finding.chapter,
        "report": finding.chapter.report,
        "observations": observations,
        "comparison": comparison.by_period(observations),
        "previous": siblings[0] if siblings else None,
        "next": siblings[-1] if len(siblings) > 1 else None,
        "strategy": Strategy.objects.published().first(),
        "caveat_indicators": Indicator.objects.published().exclude(caveat="")[:1],
    }


def sample_finding():
    """A published finding with figures (a caveated one first, then the most figures), with what its page shows."""
    finding = (
        Finding.objects.published()
        .annotate(
            figures=Count("observations"),
            caveated=Count("observations", filter=~Q(observations__indicator__caveat="")),
        )
        .filter(figures__gt=0)
        .select_related("chapter__report", "source", "image")
        .order_by("-caveated", "-figures", "pk")
        .first()
    )
    return finding_with_links(finding) if finding else None
