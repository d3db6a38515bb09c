"""The API carries the site's notes on figures and marks the site's own cross-references."""

import pytest

from core.api.serializers import SITE_CROSS_REFERENCE
from core.publishing import Status
from core.tests.api_client import api_get, results
from indicators.models import Indicator, SiteNote

pytestmark = pytest.mark.django_db

POPULATION = "resident-population"


def test_each_population_figure_carries_its_site_note_in_the_requests_language(client):
    note = SiteNote.objects.get(indicators__slug=POPULATION)
    for lang, text, basis in (("zh-hans", note.text_zh_hans, note.basis_zh_hans), ("en", note.text_en, note.basis_en)):
        figures = results(client, "observations/", indicator=POPULATION, lang=lang)
        assert len(figures) == 2
        for figure in figures:
            assert figure["site_notes"] == [{"id": note.pk, "text": text, "basis": basis}]
        indicator = api_get(client, f"indicators/{POPULATION}/", lang=lang).json()
        assert indicator["site_notes"] == [{"id": note.pk, "text": text, "basis": basis}]
        assert [o["site_notes"] for o in indicator["observations"]] == [figures[0]["site_notes"]] * 2
    # Findings carry their figures with their notes.
    (finding,) = results(client, "findings/", indicator=POPULATION, lang="en")
    assert all(o["site_notes"][0]["id"] == note.pk for o in finding["observations"])


def test_figures_without_a_note_carry_an_empty_list(client):
    for figure in results(client, "observations/", indicator="high-speed-rail-mileage"):
        assert figure["site_notes"] == []


def test_draft_and_scheduled_notes_never_show(client):
    note = SiteNote.objects.get(indicators__slug=POPULATION)
    note.status = Status.DRAFT
    note.save()
    extra = SiteNote.objects.create(text_en="scheduled-marker", basis_en="b", status=Status.PUBLISHED)
    extra.published_at = extra.published_at.replace(year=extra.published_at.year + 1)
    extra.save()
    extra.indicators.add(Indicator.objects.get(slug=POPULATION))
    for path in ("observations/", "indicators/", f"indicators/{POPULATION}/", "findings/"):
        content = api_get(client, path, page_size=200, lang="en").content.decode()
        assert "scheduled-marker" not in content and "six central urban districts" not in content, path


def test_the_sites_cross_references_are_marked(client):
    expected = {"findings/": ["challenges", "strategies"], "challenges/": ["evidence", "strategies"],
                "strategies/": ["challenges", "findings"]}  # fmt: skip
    for path, fields in expected.items():
        for item in results(client, path):
            assert item["site_cross_references"] == fields, path
    schema = api_get(client, "schema/", format="json").json()["components"]["schemas"]
    for name, fields in (("Finding", ["challenges", "strategies"]), ("Challenge", ["evidence", "strategies"]),
                         ("Strategy", ["challenges", "findings"])):  # fmt: skip
        for field in fields:
            assert schema[name]["properties"][field]["description"].startswith(SITE_CROSS_REFERENCE), (name, field)
    assert "site_notes" in schema["Observation"]["properties"]
