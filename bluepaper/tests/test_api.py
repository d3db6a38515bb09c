"""The report's resources in the API: reports, chapters, findings, challenges, and their filters."""

import pytest
from django.utils import timezone

from bluepaper.models import Challenge, ChangeNote, Chapter, Finding, Report
from bluepaper.services import finding_publish_version
from bluepaper.tests.factories import FindingFactory
from core.tests.api_client import api_get, error_names, results, values

pytestmark = pytest.mark.django_db


def keys(queryset):
    return set(queryset.values_list("key", flat=True))


def test_reports_list_and_detail(client):
    (report,) = results(client, "reports/", lang="en")
    assert report["year"] == 2025
    assert report["html_url"] == "http://testserver/en/reports/2025/"
    assert [chapter["number"] for chapter in report["chapters"]] == [1, 2, 3, 4]
    assert api_get(client, "reports/2025/", lang="en").json() == report
    assert values(client, "reports/", "year", search="2025") == [2025]


def test_chapters_list_detail_and_filters(client):
    chapters = results(client, "chapters/")
    assert [chapter["number"] for chapter in chapters] == [1, 2, 3, 4]
    chapter = Chapter.objects.get(number=2)
    detail = api_get(client, f"chapters/{chapter.pk}/").json()
    assert detail["report"]["url"] == "http://testserver/api/v1/reports/2025/"
    assert detail["html_url"] == f"http://testserver{chapter.get_absolute_url()}"
    assert {finding["key"] for finding in detail["findings"]} == keys(chapter.findings.published())
    assert values(client, "chapters/", "number", report=2025) == [1, 2, 3, 4]
    assert values(client, "chapters/", "number", ordering="-number") == [4, 3, 2, 1]
    assert len(values(client, "chapters/", "number", search=chapter.title_zh_hans)) == 1


def test_a_finding_carries_its_permanent_url_version_and_change_notes(client):
    finding = Finding.objects.published().get(slug="high-speed-rail-network")
    ChangeNote.objects.create(finding=finding, text_zh_hans="更正了里程。", text_en="Corrected the mileage.")
    finding.title_en = "High-speed rail: 2,624 km"
    finding.save()
    finding_publish_version(finding=finding)
    detail = api_get(client, f"findings/{finding.key}/", lang="en").json()
    assert detail["permanent_url"] == f"http://testserver/en/findings/{finding.key}/"
    assert detail["html_url"] == f"http://testserver/en/findings/{finding.key}/high-speed-rail-network/"
    assert detail["version"] == 2
    assert [version["number"] for version in detail["versions"]] == [1, 2]
    assert detail["versions"][1]["html_url"] == f"http://testserver/en/findings/{finding.key}/v2/"
    assert detail["change_notes"] == [{"date": timezone.localdate().isoformat(), "text": "Corrected the mileage."}]
    assert [obs["display_value"] for obs in detail["observations"]][:1] == ["2,624 km"]
    assert {obs["locator"] for obs in detail["observations"]} == {"[4]"}
    assert detail["report"]["year"] == 2025 and detail["chapter"]["number"] == 2
    assert [strategy["slug"] for strategy in detail["strategies"]] == ["transport-services-ecology"]
    assert "2,624 km" in detail["body_html"] or "[[figure:" not in detail["body"]


def test_findings_list(client):
    assert set(values(client, "findings/", "key")) == keys(Finding.objects.published())


@pytest.mark.parametrize(
    ("params", "lookup"),
    [
        ({"report": 2025}, {"chapter__report__year": 2025}),
        ({"region": "tianjin"}, {"regions__slug": "tianjin"}),
        ({"indicator": "resident-population"}, {"indicators__slug": "resident-population"}),
        ({"strategy": "spatial-framework"}, {"strategies__slug": "spatial-framework"}),
        ({"featured": "true"}, {"featured": True}),
        ({"featured": "false"}, {"featured": False}),
    ],
)
def test_finding_filters(client, params, lookup):
    expected = keys(Finding.objects.published().filter(**lookup))
    assert expected
    assert set(values(client, "findings/", "key", **params)) == expected


def test_findings_by_chapter_search_and_ordering(client):
    chapter = Chapter.objects.get(number=2)
    assert set(values(client, "findings/", "key", chapter=chapter.pk)) == keys(chapter.findings.published())
    assert values(client, "findings/", "slug", search="中关村") == ["zhongguancun-branches"]
    assert values(client, "findings/", "slug", search="ZHONGGUANCUN") == ["zhongguancun-branches"]
    by_chapter = values(client, "findings/", "chapter", ordering="-chapter")
    assert [chapter["number"] for chapter in by_chapter] == sorted((c["number"] for c in by_chapter), reverse=True)


def test_findings_updated_since(client):
    later = timezone.now() + timezone.timedelta(minutes=1)
    assert values(client, "findings/", "key", updated_since=later.isoformat()) == []
    finding = Finding.objects.published().first()
    finding.save()  # an edit
    scheduled = FindingFactory(chapter=finding.chapter, published_at=timezone.now() + timezone.timedelta(seconds=1))
    since = timezone.now() - timezone.timedelta(seconds=5)
    assert values(client, "findings/", "key", updated_since=since.isoformat()) == [finding.key]
    Finding.objects.filter(pk=scheduled.pk).update(updated_at=since - timezone.timedelta(days=1))
    Finding.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    assert set(values(client, "findings/", "key", updated_since=since.isoformat())) == {finding.key, scheduled.key}
    assert values(client, "findings/", "key", updated_since="2026-01-01") != []


def test_challenges_list_detail_and_filters(client):
    assert set(values(client, "challenges/", "slug")) == set(
        Challenge.objects.published().values_list("slug", flat=True)
    )
    detail = api_get(client, "challenges/regional-imbalance/", lang="en").json()
    assert detail["html_url"] == "http://testserver/en/challenges/regional-imbalance/"
    assert {strategy["slug"] for strategy in detail["strategies"]} == {
        "transport-services-ecology",
        "spatial-framework",
    }
    chapter = Chapter.objects.get(number=3)
    assert len(values(client, "challenges/", "slug", report=2025, chapter=chapter.pk)) == 4
    assert set(values(client, "challenges/", "slug", strategy="market-mechanisms")) == {
        "resource-allocation",
        "integration-mechanism",
    }
    assert values(client, "challenges/", "slug", search="不平衡") == ["regional-imbalance"]
    ordered = values(client, "challenges/", "slug", ordering="-order")
    assert ordered == list(reversed(values(client, "challenges/", "slug", ordering="order")))


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("findings/", {"report": 1999}, {"report"}),
        ("findings/", {"chapter": "two"}, {"chapter"}),
        ("findings/", {"region": "atlantis", "indicator": "x"}, {"region", "indicator"}),
        ("findings/", {"strategy": "nope"}, {"strategy"}),
        ("findings/", {"updated_since": "last tuesday"}, {"updated_since"}),
        ("findings/", {"updated_since": "2026-13-45"}, {"updated_since"}),
        ("findings/", {"featured": "maybe"}, {"featured"}),
        ("findings/", {"ordering": "title"}, {"ordering"}),
        ("chapters/", {"report": "2025x"}, {"report"}),
        ("challenges/", {"strategy": "nope"}, {"strategy"}),
        ("reports/", {"ordering": "-title"}, {"ordering"}),
    ],
)
def test_bad_filter_values_answer_400_naming_the_parameter(client, path, params, names):
    assert error_names(api_get(client, path, **params)) == names


def test_a_finding_under_an_unpublished_chapter_is_nowhere(client):
    report = Report.objects.get()
    chapter = Chapter.objects.create(report=report, number=9, slug="hidden", title_zh_hans="隐藏")
    finding = FindingFactory(chapter=chapter)  # published itself, its chapter is a draft
    assert finding.key not in values(client, "findings/", "key")
    assert api_get(client, f"findings/{finding.key}/").status_code == 404
    assert error_names(api_get(client, "findings/", chapter=chapter.pk)) == {"chapter"}
