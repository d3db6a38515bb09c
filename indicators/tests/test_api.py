"""The data resources of the API: observations, indicators, regions, sources, and their filters."""

import codecs
import csv
import io

import pytest

from bluepaper.models import Finding
from core.tests.api_client import api_get, error_names, results, values
from indicators.models import Indicator, Observation, Region, Source
from indicators.tests.factories import ObservationFactory, SourceFactory

pytestmark = pytest.mark.django_db

HIGH_SPEED_RAIL = "high-speed-rail-mileage"


def test_observations_list_and_detail(client):
    listed = results(client, "observations/")
    assert len(listed) == Observation.objects.published().count()
    detail = api_get(client, f"observations/{listed[0]['id']}/").json()
    assert detail == listed[0]


def test_an_observation_carries_what_a_reader_sees_beside_it(client):
    (observation,) = results(client, "observations/", indicator=HIGH_SPEED_RAIL, lang="en")
    assert observation["value"] == "2624"
    assert observation["qualifier"] == "exact"
    assert observation["unit"] == "km"
    assert observation["display_value"] == "2,624 km"
    assert observation["period"] == {"kind": "year_end", "year": 2023, "label": "end of 2023"}
    assert observation["locator"] == "[4]"
    assert observation["source"]["publisher"].startswith("Jing Ji Guan Cha Wang")
    assert observation["source"]["url"].startswith("http://testserver/api/v1/sources/")
    assert observation["html_url"].startswith("http://testserver/en/indicators/high-speed-rail-mileage/#obs-")
    assert observation["indicator"]["url"] == f"http://testserver/api/v1/indicators/{HIGH_SPEED_RAIL}/"
    assert observation["region"]["slug"] == "jing-jin-ji"
    assert [finding["key"] for finding in observation["findings"]] == list(
        Finding.objects.published().filter(observations__indicator__slug=HIGH_SPEED_RAIL).values_list("key", flat=True)
    )


def test_an_observation_shows_its_note_and_a_value_in_words(client):
    (share,) = results(client, "observations/", indicator="key-chains-industrial-value-share")
    assert "预计" in share["note"]  # the source's hedge, carried in the note until issue 8 adds its own field
    (coverage,) = results(client, "observations/", indicator="high-speed-rail-city-coverage", lang="en")
    assert coverage["value"] is None and coverage["value_text"]


def test_high_speed_rail_csv_holds_2624_km(client):
    response = api_get(client, "observations/", indicator=HIGH_SPEED_RAIL, format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["indicator.slug"], row["value"], row["unit"]) for row in rows] == [(HIGH_SPEED_RAIL, "2624", "公里")]
    assert rows[0]["locator"] == "[4]" and rows[0]["source.publisher"] == "经济观察网"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"indicator": "resident-population"}, {1, 2}),
        ({"region": "tianjin"}, {7}),
        ({"period_from": 2023}, {2, 7, 8, 9}),
        ({"period_to": 2014}, {1, 3, 4}),
        ({"period_from": 2015, "period_to": 2023}, {2, 8, 9}),
        ({"period_kind": "cumulative"}, {5, 6}),
        ({"qualifier": "more_than"}, {3, 6}),
        ({"search": "常住人口"}, {1, 2}),
        ({"search": "high-speed RAIL"}, {8, 9}),
    ],
)
def test_observation_filters(client, params, expected):
    assert set(values(client, "observations/", "id", **params)) == expected


def test_observations_by_source_and_by_finding(client):
    source = Source.objects.cited().get()
    other = ObservationFactory(source=SourceFactory())
    assert other.pk in values(client, "observations/", "id")
    assert other.pk not in values(client, "observations/", "id", source=source.pk)
    assert other.pk in values(client, "observations/", "id", source=other.source.pk)
    finding = Finding.objects.published().get(slug="high-speed-rail-network")
    assert set(values(client, "observations/", "id", finding=finding.key)) == {8, 9}


def test_observation_ordering(client):
    years = values(client, "observations/", "period", ordering="-period", period_from=2000)
    assert [period["year"] for period in years] == sorted((p["year"] for p in years), reverse=True)


def test_indicators_list_detail_and_filters(client):
    listed = values(client, "indicators/", "slug")
    assert listed == list(Indicator.objects.published().values_list("slug", flat=True))
    detail = api_get(client, f"indicators/{HIGH_SPEED_RAIL}/", lang="en").json()
    assert detail["name"] == "High-speed rail operating mileage"
    assert [obs["value"] for obs in detail["observations"]] == ["2624"]
    assert detail["observations_url"] == f"http://testserver/api/v1/observations/?indicator={HIGH_SPEED_RAIL}"
    assert detail["findings"][0]["url"].startswith("http://testserver/api/v1/findings/")
    assert set(values(client, "indicators/", "slug", region="tianjin")) == {"key-chains-industrial-value-share"}
    finding = Finding.objects.published().get(slug="high-speed-rail-network")
    assert set(values(client, "indicators/", "slug", finding=finding.key)) == {
        HIGH_SPEED_RAIL,
        "high-speed-rail-city-coverage",
    }
    assert values(client, "indicators/", "slug", search="Zhongguancun") == ["zhongguancun-branches"]
    assert values(client, "indicators/", "slug", ordering="-slug") == sorted(listed, reverse=True)


def test_indicators_by_category(client):
    assert values(client, "indicators/", "slug", category="transport") == [
        HIGH_SPEED_RAIL,
        "high-speed-rail-city-coverage",
    ]
    assert values(client, "indicators/", "slug", category="population") == ["resident-population"]
    assert values(client, "indicators/", "slug", category="ecology") == []
    detail = api_get(client, f"indicators/{HIGH_SPEED_RAIL}/", lang="en").json()
    assert (detail["category"], detail["category_label"]) == ("transport", "transport")
    assert api_get(client, f"indicators/{HIGH_SPEED_RAIL}/").json()["category_label"] == "交通"


def test_a_draft_indicator_never_shows_in_its_category(client):
    Indicator.objects.filter(slug=HIGH_SPEED_RAIL).update(status="draft")
    assert values(client, "indicators/", "slug", category="transport") == ["high-speed-rail-city-coverage"]


def test_regions_list_detail_and_filters(client):
    assert values(client, "regions/", "slug") == list(Region.objects.published().values_list("slug", flat=True))
    beijing = api_get(client, "regions/beijing/", lang="en").json()
    assert beijing["name"] == "Beijing"
    assert beijing["html_url"] == "http://testserver/en/regions/beijing/"
    assert {finding["key"] for finding in beijing["findings"]} == set(
        Finding.objects.published().filter(regions__slug="beijing").values_list("key", flat=True)
    )
    assert values(client, "regions/", "slug", indicator=HIGH_SPEED_RAIL) == ["jing-jin-ji"]
    assert values(client, "regions/", "slug", search="环抱京津") == ["hebei"]
    assert values(client, "regions/", "slug", ordering="slug")[0] == "beijing"


def test_sources_list_only_cited_ones(client):
    SourceFactory(title_en="Nobody cites me")
    (source,) = results(client, "sources/", lang="en")
    assert source["document_url"] is None and source["note"]
    assert api_get(client, f"sources/{source['id']}/").status_code == 200
    assert values(client, "sources/", "id", search="经济观察网") == [source["id"]]
    assert values(client, "sources/", "id", search="nothing like it") == []
    uncited = Source.objects.exclude(pk=source["id"]).get()
    assert api_get(client, f"sources/{uncited.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("observations/", {"indicator": "no-such-indicator"}, {"indicator"}),
        ("observations/", {"region": "atlantis"}, {"region"}),
        ("observations/", {"period_from": "2020s"}, {"period_from"}),
        ("observations/", {"period_kind": "decade", "qualifier": "roughly"}, {"period_kind", "qualifier"}),
        ("observations/", {"source": "x"}, {"source"}),
        ("indicators/", {"region": "atlantis"}, {"region"}),
        ("indicators/", {"finding": "zzzzz"}, {"finding"}),
        ("indicators/", {"category": "weather"}, {"category"}),
        ("regions/", {"indicator": "nope"}, {"indicator"}),
        ("sources/", {"search": "x" * 101}, {"search"}),
    ],
)
def test_bad_filter_values_answer_400_naming_the_parameter(client, path, params, names):
    assert error_names(api_get(client, path, **params)) == names


def test_a_projection_carries_its_hedge_in_both_languages(client):
    """The 82.1% figure is "expected to" in the source: the API says so wherever it shows it."""
    projection = Observation.objects.published().get(value="82.1")
    chinese = api_get(client, f"observations/{projection.pk}/").json()
    english = api_get(client, f"observations/{projection.pk}/", lang="en").json()
    assert chinese["hedge"] == english["hedge"] == "projection"
    assert "预计" in chinese["display_value"] and "expected" in english["display_value"]
    others = [item["hedge"] for item in results(client, "observations/") if item["id"] != projection.pk]
    assert set(others) == {"none"}
