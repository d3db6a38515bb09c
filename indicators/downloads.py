"""Figures as data downloads: CSV for spreadsheets, JSON with everything about them.

The JSON document carries the metadata (title, sources, licence, how to cite, last updated,
version, site notes) and the rows; the CSV carries the same rows, and its `Link` header points to
the JSON as its description, the W3C "CSV on the Web" convention (docs/data-downloads.md). Both
read published figures only, in a fixed number of queries, in the language of the URL.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.languages import html_lang, localized
from core.page_cache import public_for

from .formatting import plain_decimal
from .models import Indicator, Observation, SiteNote, Source

MAX_AGE = 5 * 60  # as the chart downloads: an edit shows within minutes, even behind a cache
UTF8_BOM = "\ufeff"  # so that Excel reads the file as UTF-8 and shows Chinese correctly
# A text cell starting like this would be run as a formula by a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")

# The CSV's columns, by the key of the JSON row they come from, and their headers.
CSV_COLUMNS = {
    "indicator": Observation._meta.get_field("indicator").verbose_name,
    "region": Observation._meta.get_field("region").verbose_name,
    "period": Observation._meta.get_field("period_kind").verbose_name,
    "period_year": Observation._meta.get_field("period_year").verbose_name,
    "value": Observation._meta.get_field("value").verbose_name,
    "value_text": Observation._meta.get_field("value_text").verbose_name,
    "unit": Indicator._meta.get_field("unit").verbose_name,
    "qualifier": Observation._meta.get_field("qualifier").verbose_name,
    "hedge": Observation._meta.get_field("hedge").verbose_name,
    "figure": gettext_lazy("figure as the site shows it"),
    "note": Observation._meta.get_field("note").verbose_name,
    "source": Observation._meta.get_field("source").verbose_name,
    "locator": Observation._meta.get_field("locator").verbose_name,
    "source_url": gettext_lazy("source address (URL)"),
    "site_notes": SiteNote._meta.verbose_name_plural,
    "url": gettext_lazy("link to the figure"),
}


@dataclass
class DataSet:
    """What a download holds: figures and what a reader must know about them."""

    title: str
    description: str
    page_url: str  # the permanent address of the page the data belongs to, absolute
    csv_url: str
    json_url: str
    filename: str  # without extension
    citation: str
    version: int | None
    observations: list
    notes_by_observation: dict = field(default_factory=dict)
    caveats: list = field(default_factory=list)
    extra_dates: list = field(default_factory=list)  # updates to the page's own object


def absolute(path: str) -> str:
    """An absolute URL from SITE_URL, never from the request's Host header."""
    return f"{settings.SITE_URL}{path}"


def source_title(source: Source, language: str) -> str:
    """The source's own title, then its translation in brackets, as on the pages."""
    original = localized(source, "title", settings.LANGUAGE_CODE).text
    translated = localized(source, "title", language)
    if translated.is_fallback or translated.language == settings.LANGUAGE_CODE or not translated.text:
        return original or translated.text
    return f"{original} [{translated.text}]" if original else translated.text


def published_site_notes(observations) -> dict[int, list]:
    """The published site notes on each observation (its own and its indicator's), in two queries."""
    notes = {note.pk: note for note in SiteNote.objects.published()}
    links = SiteNote.objects.filter(pk__in=notes).values_list("pk", "observations", "indicators")
    by_observation, by_indicator = {}, {}
    for note_id, observation_id, indicator_id in links:
        by_observation.setdefault(observation_id, set()).add(note_id)
        by_indicator.setdefault(indicator_id, set()).add(note_id)
    result = {}
    for obs in observations:
        ids = by_observation.get(obs.pk, set()) | by_indicator.get(obs.indicator_id, set())
        result[obs.pk] = sorted((notes[pk] for pk in ids), key=lambda note: (note.order, note.pk))
    return result


def note_text(note: SiteNote, language: str) -> str:
    """A site note as one line of text, with its basis."""
    basis = localized(note, "basis", language).text
    return f"{localized(note, 'text', language).text} {_('Basis:')} {basis}".strip()


def row(obs: Observation, notes: list, language: str) -> dict:
    """One figure as a JSON row: the exact value, its words, period, source and notes."""
    source = obs.source
    return {
        "indicator": localized(obs.indicator, "name", language).text,
        "indicator_slug": obs.indicator.slug,
        "region": localized(obs.region, "name", language).text,
        "region_slug": obs.region.slug,
        "period": obs.period_label(language),
        "period_kind": obs.period_kind,
        "period_year": obs.period_year,
        "value": None if obs.value is None else plain_decimal(obs.value, grouping=False),
        "value_text": localized(obs, "value_text", language).text,
        "unit": localized(obs.indicator, "unit", language).text,
        "qualifier": obs.qualifier,
        "qualifier_label": str(obs.get_qualifier_display()),
        "hedge": obs.hedge,
        "hedge_label": str(obs.get_hedge_display()),
        "figure": obs.display_value(language),
        "note": localized(obs, "note", language).text,
        "source": source_title(source, language) if source else "",
        "locator": obs.locator,
        "source_url": source.url if source else "",
        "site_notes": [note.pk for note in notes],
        "url": absolute(obs.get_absolute_url()),
    }


def csv_cells(data: dict, notes: list, language: str) -> list:
    """A JSON row as CSV cells: words for codes, site notes written out."""
    words = {
        **data,
        "qualifier": data["qualifier_label"],
        "hedge": data["hedge_label"],
        "site_notes": "\n".join(note_text(note, language) for note in notes),
    }
    return [spreadsheet_safe(words[key]) for key in CSV_COLUMNS]


def spreadsheet_safe(cell):
    """A cell that a spreadsheet will not run as a formula: text starting =, +, -, @ gets a quote."""
    if cell is None:
        return ""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS and not NUMBER.fullmatch(cell):
        return f"'{cell}"
    return cell


def sources(observations, language: str) -> list[dict]:
    """Each source of the figures once, with the places in it that they come from."""
    found = {}
    for obs in observations:
        if obs.source is None:
            continue
        entry = found.setdefault(obs.source_id, {**source_fields(obs.source, language), "locators": []})
        if obs.locator and obs.locator not in entry["locators"]:
            entry["locators"].append(obs.locator)
    return list(found.values())


def source_fields(source: Source, language: str) -> dict:
    published = source.published_on.isoformat() if source.published_on else None
    return {
        "title": source_title(source, language),
        "publisher": localized(source, "publisher", language).text,
        "published_on": published,
        "url": source.url,
    }


def last_updated(data: DataSet, notes: list):
    """The latest change to anything the download holds."""
    times = [obs.updated_at for obs in data.observations] + [note.updated_at for note in notes]
    times += data.extra_dates
    return max(times) if times else None


def document(data: DataSet) -> dict:
    """The JSON document: metadata first, then the rows (docs/schemas/data-download.schema.json)."""
    language = translation.get_language()
    notes = unique_notes(data)
    updated = last_updated(data, notes)
    return {
        "title": data.title,
        "description": data.description,
        "language": html_lang(language),
        "url": data.page_url,
        "distribution": {"csv": data.csv_url, "json": data.json_url},
        "licence": {"name": settings.DATA_LICENCE["name"], "url": settings.DATA_LICENCE["url"]},
        "citation": data.citation,
        "last_updated": updated.isoformat() if updated else None,
        "version": data.version,
        "sources": sources(data.observations, language),
        "caveats": data.caveats,
        "site_notes": [note_fields(note, language) for note in notes],
        "rows": [row(obs, data.notes_by_observation.get(obs.pk, []), language) for obs in data.observations],
    }


def unique_notes(data: DataSet) -> list:
    found = {note.pk: note for notes in data.notes_by_observation.values() for note in notes}
    return sorted(found.values(), key=lambda note: (note.order, note.pk))


def note_fields(note: SiteNote, language: str) -> dict:
    return {
        "id": note.pk,
        "text": localized(note, "text", language).text,
        "basis": localized(note, "basis", language).text,
        "url": absolute(note.get_absolute_url()) if note.get_absolute_url() else "",
    }


def csv_text(data: DataSet) -> str:
    """The rows as CSV, headers in the language of the URL, starting with a byte-order mark."""
    language = translation.get_language()
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(header) for header in CSV_COLUMNS.values()])
    for obs in data.observations:
        notes = data.notes_by_observation.get(obs.pk, [])
        writer.writerow(csv_cells(row(obs, notes, language), notes, language))
    return out.getvalue()


def csv_response(request, data: DataSet) -> HttpResponse:
    response = HttpResponse(csv_text(data).encode("utf-8"), content_type="text/csv; charset=utf-8")
    # CSV on the Web: the metadata of this file is the JSON document.
    response["Link"] = f'<{data.json_url}>; rel="describedby"; type="application/json"'
    return cached(request, response, f"{data.filename}.csv")


def json_response(request, data: DataSet) -> HttpResponse:
    body = json.dumps(document(data), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    return cached(request, response, f"{data.filename}.json")


def cached(request, response: HttpResponse, filename: str) -> HttpResponse:
    """Name the file and let any cache keep it for minutes (ETag and 304s: core/page_cache.py)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return public_for(MAX_AGE, response)


def filename(stem: str) -> str:
    """A readable file name: the slug or key and the language, as the chart downloads are named."""
    return f"{stem}-{translation.get_language()}"


def indicator_data(indicator: Indicator) -> DataSet:
    """The indicator's published figures, with its definition, caveat and site notes."""
    language = translation.get_language()
    observations = list(Observation.objects.published().filter(indicator=indicator).in_display_order())
    name = localized(indicator, "name", language).text
    page_url = absolute(indicator.get_absolute_url())
    updated = max([indicator.updated_at, *(obs.updated_at for obs in observations)])
    caveat = localized(indicator, "caveat", language).text
    return DataSet(
        title=name,
        description=localized(indicator, "definition", language).text
        or _("%(name)s: every figure in the blue paper, with its source.") % {"name": name},
        page_url=page_url,
        csv_url=absolute(reverse("indicators:indicator-csv", kwargs={"slug": indicator.slug})),
        json_url=absolute(reverse("indicators:indicator-json", kwargs={"slug": indicator.slug})),
        filename=filename(indicator.slug),
        citation=_("%(name)s (data set). %(site)s. Last updated %(date)s. %(url)s")
        % {"name": name, "site": settings.SITE_NAME, "date": f"{updated:%Y-%m-%d}", "url": page_url},
        version=None,
        observations=observations,
        notes_by_observation=published_site_notes(observations),
        caveats=[caveat] if caveat else [],
        extra_dates=[indicator.updated_at],
    )
