"""The indicator page describes itself as a schema.org Dataset and links its downloads."""

import json
import re

import pytest
from django.conf import settings

from indicators.models import Indicator

pytestmark = pytest.mark.django_db

HSR = "high-speed-rail-mileage"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def datasets(html):
    found = [json.loads(body) for body in JSON_LD.findall(html)]
    return [item for item in found if item.get("@type") == "Dataset"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_dataset_json_ld_parses_and_distributes_csv_and_json(client, prefix):
    [dataset] = datasets(client.get(f"{prefix}/indicators/{HSR}/").content.decode())
    base = f"{settings.SITE_URL}{prefix}/indicators/{HSR}"
    assert dataset["@context"] == "https://schema.org"
    assert dataset["url"] == f"{base}/"
    assert {(d["@type"], d["encodingFormat"], d["contentUrl"]) for d in dataset["distribution"]} == {
        ("DataDownload", "text/csv", f"{base}.csv"),
        ("DataDownload", "application/json", f"{base}.json"),
    }
    assert dataset["license"] == settings.DATA_LICENCE["url"]
    assert dataset["temporalCoverage"] == "2023"
    assert dataset["variableMeasured"]["unitText"] == ("km" if prefix else "公里")
    assert dataset["isBasedOn"][0]["name"].startswith("京津冀发展报告2025")
    assert dataset["spatialCoverage"] and dataset["dateModified"] and dataset["creator"]["name"]


def test_the_json_ld_cannot_close_its_script_element(client):
    indicator = Indicator.objects.get(slug=HSR)
    indicator.definition_en = "</script><script>alert(1)</script> & <!--"
    indicator.save()
    html = client.get(f"/en/indicators/{HSR}/").content.decode()
    assert "<script>alert(1)" not in html
    [dataset] = datasets(html)
    assert dataset["description"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_pages_link_their_data_for_programs_and_readers(client, prefix):
    pages = {
        f"{prefix}/indicators/{HSR}/": f"{prefix}/indicators/{HSR}",
        f"{prefix}/findings/k5uj8/": f"{prefix}/findings/k5uj8",
    }
    for page, data in pages.items():
        html = client.get(page, follow=True).content.decode()
        assert f'<link rel="alternate" type="text/csv" href="{settings.SITE_URL}{data}.csv"' in html
        assert f'<link rel="alternate" type="application/json" href="{settings.SITE_URL}{data}.json"' in html
        assert f'<a href="{data}.csv" download type="text/csv">' in html
        assert f'<a href="{data}.json" download type="application/json">' in html
        assert f'rel="license" href="{settings.DATA_LICENCE["url"]}"' in html


def test_the_indicator_box_links_the_chart_downloads(client):
    html = client.get(f"/en/indicators/{HSR}/").content.decode()
    box = html[html.index('id="downloads"') :]
    assert f'href="/en/indicators/{HSR}/chart.svg"' in box and f'href="/en/indicators/{HSR}/chart.png"' in box


def test_a_finding_without_figures_offers_no_empty_download(client):
    html = client.get("/en/findings/m6yv3/", follow=True).content.decode()  # "Six Chains and Five Clusters"
    assert 'id="downloads"' not in html and "text/csv" not in html
