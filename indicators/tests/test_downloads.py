"""An indicator's figures as CSV and JSON: exact, published only, with provenance and licence."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publishing import Status
from indicators.models import Indicator, Observation, Region
from indicators.tests.factories import ObservationFactory, RegionFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs/schemas/data-download.schema.json").read_text())
HSR = "high-speed-rail-mileage"


def csv_rows(response):
    """The CSV's rows, after checking that the body starts with the UTF-8 byte-order mark."""
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def as_dicts(rows):
    return [dict(zip(rows[0], values, strict=True)) for values in rows[1:]]


def test_high_speed_rail_csv_holds_the_exact_figure_with_unit_qualifier_and_source(client):
    response = client.get(f"/indicators/{HSR}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [figure] = as_dicts(csv_rows(response))
    assert figure["数值"] == "2624"
    assert figure["单位"] == "公里"
    assert figure["限定词"] == "精确"
    assert figure["出处位置"] == "[4]"
    assert figure["来源"].startswith("京津冀发展报告2025")
    assert figure["时期"] == "2023年底"


def test_the_english_csv_has_english_headers_and_words(client):
    rows = csv_rows(client.get(f"/en/indicators/{HSR}.csv"))
    assert rows[0][:5] == ["indicator", "region", "period", "year", "value"]
    [figure] = as_dicts(rows)
    assert (figure["value"], figure["unit"], figure["qualifier"], figure["locator"]) == ("2624", "km", "exact", "[4]")
    assert figure["hedge"] == "stated as fact"
    assert figure["indicator"] == "High-speed rail operating mileage"


def test_the_csv_points_to_its_json_description_and_is_named_and_cacheable(client):
    response = client.get(f"/en/indicators/{HSR}.csv")
    json_url = f"{settings.SITE_URL}/en/indicators/{HSR}.json"
    assert response["Link"] == f'<{json_url}>; rel="describedby"; type="application/json"'
    assert response["Content-Disposition"] == f'attachment; filename="{HSR}-en.csv"'
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    again = client.get(f"/en/indicators/{HSR}.csv", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_json_validates_against_the_schema_in_the_repository(client, prefix):
    response = client.get(f"{prefix}/indicators/{HSR}.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = response.json()
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["licence"] == settings.DATA_LICENCE
    assert document["url"] == f"{settings.SITE_URL}{prefix}/indicators/{HSR}/"
    assert document["citation"].endswith(document["url"])
    assert document["sources"][0]["locators"] == ["[4]"]
    assert [row["value"] for row in document["rows"]] == ["2624"]


def test_a_value_is_never_rounded(client):
    indicator = Indicator.objects.get(slug=HSR)
    ObservationFactory(indicator=indicator, value=Decimal("1234567.891234"), period_year=2030)
    values = [row["value"] for row in client.get(f"/en/indicators/{HSR}.json").json()["rows"]]
    assert "1234567.891234" in values


def test_a_hedge_travels_with_the_figure(client):
    indicator = Indicator.objects.get(slug=HSR)
    ObservationFactory(indicator=indicator, hedge="projection", period_year=2030)
    rows = as_dicts(csv_rows(client.get(f"/en/indicators/{HSR}.csv")))
    assert [row["hedge"] for row in rows] == ["stated as fact", "projection (expected)"]
    assert rows[1]["figure as the site shows it"].endswith("(expected)")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_observations_never_appear(client, status):
    indicator = Indicator.objects.get(slug=HSR)
    ObservationFactory(indicator=indicator, value=Decimal("987654"), status=status)
    ObservationFactory(indicator=indicator, value=Decimal("876543"), published_at="2999-01-01T00:00Z")
    for url in (f"/indicators/{HSR}.csv", f"/indicators/{HSR}.json"):
        body = client.get(url).content.decode()
        assert "2624" in body and "987654" not in body and "876543" not in body


def test_a_draft_indicator_is_not_found_and_an_archived_one_is_gone(client):
    draft = ObservationFactory(indicator__status=Status.DRAFT).indicator
    assert client.get(f"/indicators/{draft.slug}.csv").status_code == 404
    assert client.get(f"/en/indicators/{draft.slug}.json").status_code == 404
    indicator = Indicator.objects.get(slug=HSR)
    indicator.status = Status.ARCHIVED
    indicator.save()
    assert client.get(f"/indicators/{HSR}.csv").status_code == 410
    assert client.get(f"/indicators/{HSR}.json").status_code == 410


def test_the_population_caveat_travels_with_its_figures(client):
    rows = as_dicts(csv_rows(client.get("/indicators/resident-population.csv")))
    assert {row["数值"] for row in rows} >= {"12935000", "10948000"}
    assert all("城六区" in row["本站注"] for row in rows)
    document = client.get("/en/indicators/resident-population.json").json()
    [note] = document["site_notes"]
    assert "central urban districts" in note["text"]
    assert all(row["site_notes"] == [note["id"]] for row in document["rows"])


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_figures(client):
    urls = [f"/indicators/{HSR}.csv", f"/en/indicators/{HSR}.json"]
    before = [count_queries(client, url) for url in urls]
    indicator = Indicator.objects.get(slug=HSR)
    for _ in range(20):
        ObservationFactory(indicator=indicator, region=RegionFactory())
    assert Observation.objects.filter(indicator=indicator).count() > 20
    assert Region.objects.count() > 20
    assert [count_queries(client, url) for url in urls] == before


def test_editor_text_cannot_become_a_spreadsheet_formula(client):
    indicator = Indicator.objects.get(slug=HSR)
    ObservationFactory(indicator=indicator, value=Decimal("-5"), note_en='=HYPERLINK("http://x")', period_year=2030)
    rows = as_dicts(csv_rows(client.get(f"/en/indicators/{HSR}.csv")))
    assert rows[1]["note"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["value"] == "-5"


def test_an_old_slug_redirects_to_the_renamed_indicators_download(client):
    indicator = Indicator.objects.get(slug=HSR)
    indicator.slug = "hsr-mileage"
    indicator.save()
    response = client.get(f"/en/indicators/{HSR}.json")
    assert response.status_code == 301 and response["Location"] == "/en/indicators/hsr-mileage.json"
