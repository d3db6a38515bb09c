"""What a citation of a strategy names (core/citations.py formats it)."""

from django.urls import reverse

from bluepaper.citing import report_of
from core import citations
from core.languages import localized


def describe_strategy(strategy):
    return citations.cited_item(
        key=strategy.slug,
        title=localized(strategy, "title").text,
        report=report_of(strategy.chapter.report),
        path=strategy.get_absolute_url(),
        moment=strategy.updated_at,
        downloads=[
            (fmt, reverse(f"policies:strategy-cite-{fmt}", kwargs={"slug": strategy.slug})) for fmt in ("bib", "ris")
        ],
    )


citations.register("strategy", describe_strategy)
