"""The data behind a finding as CSV and JSON: its published figures, citation and version."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluepaper.models import Finding, FindingVersion
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from indicators.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs/schemas/data-download.schema.json").read_text())
HSR_FINDING = "k5uj8"  # the high-speed rail network: 2624 km and every prefecture-level city
POPULATION_FINDING = "p7k2m"


def rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [dict(zip(table[0], values, strict=True)) for values in table[1:]]


def test_the_csv_holds_the_findings_figures_with_their_sources(client):
    response = client.get(f"/findings/{HSR_FINDING}.csv")
    assert response["Content-Disposition"] == f'attachment; filename="finding-{HSR_FINDING}-zh-hans.csv"'
    figures = rows(response)
    assert [(row["数值"], row["文字数值"], row["出处位置"]) for row in figures] == [
        ("2624", "", "[4]"),
        ("", "全部", "[4]"),
    ]
    json_url = f"{settings.SITE_URL}/findings/{HSR_FINDING}.json"
    assert response["Link"] == f'<{json_url}>; rel="describedby"; type="application/json"'


def test_english_headers_under_en(client):
    figures = rows(client.get(f"/en/findings/{HSR_FINDING}.csv"))
    assert figures[0]["value"] == "2624" and figures[0]["unit"] == "km"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_json_validates_and_names_version_licence_and_permanent_link(client, prefix):
    document = client.get(f"{prefix}/findings/{POPULATION_FINDING}.json").json()
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    finding = Finding.objects.get(key=POPULATION_FINDING)
    latest = finding.versions.order_by("-number").first()
    assert document["version"] == latest.number
    assert document["url"] == f"{settings.SITE_URL}{prefix}/findings/{POPULATION_FINDING}/"
    assert document["citation"].endswith(document["url"])
    assert f"{latest.number}" in document["citation"]
    assert document["licence"]["name"] == "CC BY 4.0"
    assert [row["value"] for row in document["rows"]] == ["12935000", "10948000"]
    assert document["site_notes"] and all(row["site_notes"] for row in document["rows"])


def test_the_version_is_the_latest_published_one(client):
    finding = Finding.objects.get(key=POPULATION_FINDING)
    latest = finding.versions.order_by("-number").first()
    FindingVersion.objects.create(
        finding=finding,
        number=latest.number + 1,
        published_at=timezone.now() + timezone.timedelta(days=1),
        title_zh_hans="t",
        html_zh_hans="",
        html_en="",
    )
    assert client.get(f"/findings/{POPULATION_FINDING}.json").json()["version"] == latest.number


def test_draft_figures_of_a_finding_never_appear(client):
    finding = Finding.objects.get(key=HSR_FINDING)
    hsr = finding.observations.get(value=2624)
    finding.observations.add(ObservationFactory(indicator=hsr.indicator, value=555777, status=Status.DRAFT))
    for suffix in ("csv", "json"):
        body = client.get(f"/findings/{HSR_FINDING}.{suffix}").content.decode()
        assert "2624" in body and "555777" not in body


def test_a_draft_finding_is_not_found_and_an_archived_one_is_gone(client):
    draft = FindingFactory(status=Status.DRAFT, published_at=None)
    assert client.get(f"/findings/{draft.key}.csv").status_code == 404
    assert client.get(f"/en/findings/{draft.key}.json").status_code == 404
    finding = Finding.objects.get(key=HSR_FINDING)
    finding.status = Status.ARCHIVED
    finding.save()
    assert client.get(f"/findings/{HSR_FINDING}.csv").status_code == 410
    assert client.get(f"/findings/{HSR_FINDING}.json").status_code == 410


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_figures(client):
    urls = [f"/findings/{HSR_FINDING}.csv", f"/en/findings/{HSR_FINDING}.json"]
    before = [count_queries(client, url) for url in urls]
    finding = Finding.objects.get(key=HSR_FINDING)
    finding.observations.add(*(ObservationFactory() for _ in range(20)))
    assert finding.observations.count() > 20
    assert [count_queries(client, url) for url in urls] == before
