"""What a citation of an indicator names (core/citations.py formats it).

An indicator belongs to no chapter: it is cited within the current edition of the report.
"""

from django.db.models import Max
from django.urls import reverse

from core import citations
from core.languages import localized

from .models import Observation


def last_updated(indicator):
    """When the indicator or any of its public figures last changed: the version cited."""
    figures = Observation.objects.published().filter(indicator=indicator).aggregate(latest=Max("updated_at"))
    return max(filter(None, [indicator.updated_at, figures["latest"]]))


def describe_indicator(indicator):
    return citations.cited_item(
        key=indicator.slug,
        title=localized(indicator, "name").text,
        report=citations.current_edition(),
        path=indicator.get_absolute_url(),
        moment=last_updated(indicator),
        downloads=[
            (fmt, reverse(f"indicators:indicator-cite-{fmt}", kwargs={"slug": indicator.slug}))
            for fmt in ("bib", "ris")
        ],
    )


citations.register("indicator", describe_indicator)
