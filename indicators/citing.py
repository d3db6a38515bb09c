"""What a citation of an indicator names (core/citations.py formats it).

An indicator belongs to no chapter: it is cited within the current edition of the report.
"""

from dataclasses import replace

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext

from core import citations
from core.languages import localized

from .models import Observation
from .site_notes import NoteIndex


def with_site_notes(item, **objects):
    """`item` with the site's notes on these objects' figures (`indicators=`, `findings=`…)."""
    notes = NoteIndex().notes_for(**objects)
    texts = (gettext("Site note: %(text)s") % {"text": localized(note, "text").text} for note in notes)
    return replace(item, notes=tuple(texts))


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
