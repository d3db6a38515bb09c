"""The strategies in the API, and their filters."""

import pytest

from bluepaper.models import Chapter, Finding
from core.tests.api_client import api_get, error_names, results, values
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def test_strategies_list_and_detail(client):
    listed = results(client, "strategies/")
    assert [strategy["number"] for strategy in listed] == list(
        Strategy.objects.published().values_list("number", flat=True)
    )
    detail = api_get(client, "strategies/market-mechanisms/", lang="en").json()
    assert detail["html_url"] == "http://testserver/en/strategies/market-mechanisms/"
    assert detail["chapter"]["url"].startswith("http://testserver/api/v1/chapters/")
    assert [action["order"] for action in detail["actions"]] == sorted(action["order"] for action in detail["actions"])
    assert {challenge["slug"] for challenge in detail["challenges"]} == {"resource-allocation", "integration-mechanism"}
    assert [finding["key"] for finding in detail["findings"]] == list(
        Finding.objects.published().filter(strategies__slug="market-mechanisms").values_list("key", flat=True)
    )


def test_strategy_filters(client):
    chapter = Chapter.objects.get(number=4)
    everything = values(client, "strategies/", "slug")
    assert values(client, "strategies/", "slug", report=2025, chapter=chapter.pk) == everything
    assert values(client, "strategies/", "slug", challenge="regional-imbalance") == [
        "transport-services-ecology",
        "spatial-framework",
    ]
    finding = Finding.objects.published().get(slug="zhongguancun-branches")
    assert values(client, "strategies/", "slug", finding=finding.key) == ["industry-academia-research"]
    assert values(client, "strategies/", "slug", search="规则") == ["rules-and-policies"]
    assert values(client, "strategies/", "slug", ordering="-number") == list(reversed(everything))


@pytest.mark.parametrize("params", [{"challenge": "unknown"}, {"finding": "zzzzz"}, {"report": "next"}, {"chapter": 0}])
def test_bad_filter_values_answer_400_naming_the_parameter(client, params):
    assert error_names(api_get(client, "strategies/", **params)) == set(params)
