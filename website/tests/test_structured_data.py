"""JSON-LD on the edition, finding, challenge and strategy pages: parsed, in both languages."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from bluepaper.models import Challenge, Finding, Report
from policies.models import Strategy

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
LANG = {"zh-hans": "zh-Hans", "en": "en"}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def json_ld(client, path):
    """The one JSON-LD block of the page at `path`, parsed."""
    response = client.get(path)
    assert response.status_code == 200, path
    blocks = SCRIPT.findall(response.content.decode())
    assert len(blocks) == 1, path
    return json.loads(blocks[0])


def assert_based_on_the_source_article(data):
    source = data["isBasedOn"]
    assert source["headline"] == "京津冀发展报告2025:非首都功能疏解见效,区域均衡仍存短板"
    assert source["datePublished"].startswith("2025-07-21")
    assert source["publisher"]["name"] in ("经济观察网", "Jing Ji Guan Cha Wang (Economic Observer Online)")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("path", ["/", "/reports/2025/"])
def test_the_edition_is_a_report(client, language, path):
    data = json_ld(client, f"{PREFIX[language]}{path}")
    report = Report.objects.get(year=2025)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Report"
    assert data["name"] == (report.title_en if language == "en" else report.title_zh_hans)
    assert data["inLanguage"] == LANG[language]
    assert data["url"] == f"{settings.SITE_URL}{PREFIX[language]}/reports/2025/"
    assert data["datePublished"] and data["publisher"]["@type"] == "Organization"
    assert data["about"]["name"] and data["license"] == LICENCE
    assert_based_on_the_source_article(data)
    assert [part["position"] for part in data["hasPart"]] == [1, 2, 3, 4]
    edition = f"{settings.SITE_URL}{PREFIX[language]}/reports/2025/"
    assert all(part["url"].startswith(edition) for part in data["hasPart"])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_finding_is_a_creative_work_of_the_report_with_its_permanent_link_and_version(client, language):
    finding = Finding.objects.get(key="k5uj8")
    data = json_ld(client, f"{PREFIX[language]}{finding.get_absolute_url()}")
    permanent = f"{settings.SITE_URL}{PREFIX[language]}/findings/k5uj8/"
    assert data["@type"] == "CreativeWork"
    assert data["@id"] == data["url"] == permanent
    assert data["name"] == (finding.title_en if language == "en" else finding.title_zh_hans)
    assert data["inLanguage"] == LANG[language]
    assert data["isPartOf"] == {"@type": "Report", "@id": f"{settings.SITE_URL}{PREFIX[language]}/reports/2025/",
                                "name": json_ld(client, f"{PREFIX[language]}/")["name"]}  # fmt: skip
    latest = finding.versions.order_by("-number").first()
    assert data["version"] == latest.number
    assert data["archivedAt"] == f"{settings.SITE_URL}{PREFIX[language]}/findings/k5uj8/v{latest.number}/"
    assert data["dateModified"] and data["datePublished"] and data["license"] == LICENCE
    assert data["citation"].endswith("2025-07-21, [4]")
    assert_based_on_the_source_article(data)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("model", [Challenge, Strategy])
def test_challenges_and_strategies_are_creative_works_of_the_report(client, language, model):
    for item in model.objects.published():
        with translation.override(settings.LANGUAGE_CODE):  # the last request left its language active
            path = f"{PREFIX[language]}{item.get_absolute_url()}"
        data = json_ld(client, path)
        assert data["@type"] == "CreativeWork", path
        assert data["url"] == f"{settings.SITE_URL}{path}"
        assert data["name"] == (item.title_en if language == "en" else item.title_zh_hans)
        assert data["inLanguage"] == LANG[language]
        assert data["isPartOf"]["@type"] == "Report" and data["license"] == LICENCE
        assert_based_on_the_source_article(data)


def test_no_text_can_close_the_script_element(client):
    finding = Finding.objects.get(key="k5uj8")
    finding.title_en = 'Rail </script><script>alert("x")</script> & more'
    Finding.objects.filter(pk=finding.pk).update(title_en=finding.title_en)
    html = client.get(f"/en{finding.get_absolute_url()}").content.decode()
    block = SCRIPT.search(html).group(1)
    assert "</script" not in block and "<" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["name"] == finding.title_en
