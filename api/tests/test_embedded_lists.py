"""Lists that grow with the content are embedded cut to EMBEDDED_AT_MOST, with their count and address.

The findings citing an indicator, a region or a figure, and an indicator's figures: each answer
embeds the first EMBEDDED_AT_MOST, in the order of the whole list at `<list>_url`, and says how
many there are in `<list>_count`; drafts are neither shown nor counted (decision 45).
"""

import pytest

from bluepaper.models import Chapter, Finding
from bluepaper.tests.factories import FindingFactory
from core.api.serializers import EMBEDDED_AT_MOST
from core.publishing import Status
from core.tests.api_client import api_get, results
from indicators.models import Indicator, Observation, Region
from indicators.tests.factories import ObservationFactory, RegionFactory

pytestmark = pytest.mark.django_db

HIGH_SPEED_RAIL = "high-speed-rail-mileage"
MORE = EMBEDDED_AT_MOST + 3


@pytest.fixture
def widely_cited():
    """The high-speed rail figure, its indicator and region, cited by MORE new findings and a draft."""
    observation = Observation.objects.published().get(indicator__slug=HIGH_SPEED_RAIL)
    chapter = Chapter.objects.published().first()
    for status in [Status.PUBLISHED] * MORE + [Status.DRAFT]:
        finding = FindingFactory(chapter=chapter, status=status)
        finding.observations.add(observation)
        finding.indicators.add(observation.indicator)
        finding.regions.add(observation.region)
    return observation


def follow(client, url):
    """Every item of the list at an absolute API address (one page of up to 200)."""
    path, _, query = url.removeprefix("http://testserver/api/v1/").partition("?")
    name, value = query.split("=")
    return results(client, path, **{name: value})


def assert_cut_with_count_and_address(client, answer, name, everything):
    """`answer[name]` is the first EMBEDDED_AT_MOST of `everything`, the list at `<name>_url`."""
    full = follow(client, answer[f"{name}_url"])
    assert [item["url"] for item in full] == [item["url"] for item in everything]
    assert answer[f"{name}_count"] == len(everything) > EMBEDDED_AT_MOST
    assert [item["url"] for item in answer[name]] == [item["url"] for item in everything[:EMBEDDED_AT_MOST]]


def public_findings_citing(**lookup):
    return list(Finding.objects.published().filter(**lookup).values_list("key", flat=True))


def test_an_indicator_embeds_the_first_findings_citing_it(client, widely_cited):
    keys = public_findings_citing(indicators__slug=HIGH_SPEED_RAIL)
    assert len(keys) > EMBEDDED_AT_MOST
    detail = api_get(client, f"indicators/{HIGH_SPEED_RAIL}/").json()
    everything = results(client, "findings/", indicator=HIGH_SPEED_RAIL)
    assert [item["key"] for item in everything] == keys  # the draft is not among them
    assert_cut_with_count_and_address(client, detail, "findings", everything)
    (listed,) = [item for item in results(client, "indicators/") if item["slug"] == HIGH_SPEED_RAIL]
    assert listed == detail


def test_a_region_embeds_the_first_findings_about_it(client, widely_cited):
    slug = widely_cited.region.slug
    detail = api_get(client, f"regions/{slug}/", lang="en").json()
    everything = results(client, "findings/", region=slug, lang="en")
    assert [item["key"] for item in everything] == public_findings_citing(regions__slug=slug)
    assert_cut_with_count_and_address(client, detail, "findings", everything)


def test_a_figure_embeds_the_first_findings_citing_it(client, widely_cited):
    detail = api_get(client, f"observations/{widely_cited.pk}/").json()
    everything = results(client, "findings/", observation=widely_cited.pk)
    assert [item["key"] for item in everything] == public_findings_citing(observations=widely_cited)
    assert_cut_with_count_and_address(client, detail, "findings", everything)
    # Nested in a finding's figures, the same cut, count and address.
    finding = Finding.objects.published().get(slug="high-speed-rail-network")
    (nested,) = [
        o for o in api_get(client, f"findings/{finding.key}/").json()["observations"] if o["id"] == detail["id"]
    ]
    assert {key: nested[key] for key in ("findings", "findings_count", "findings_url")} == {
        key: detail[key] for key in ("findings", "findings_count", "findings_url")
    }


def test_an_indicator_embeds_its_first_figures(client):
    indicator = Indicator.objects.published().get(slug=HIGH_SPEED_RAIL)
    for year in range(2000, 2000 + MORE):
        ObservationFactory(indicator=indicator, region=RegionFactory(), period_year=year)
    ObservationFactory(indicator=indicator, status=Status.DRAFT)
    detail = api_get(client, f"indicators/{HIGH_SPEED_RAIL}/").json()
    everything = follow(client, detail["observations_url"])
    assert len(everything) == Observation.objects.published().filter(indicator=indicator).count() == MORE + 1
    assert detail["observations_count"] == len(everything)
    assert [o["url"] for o in detail["observations"]] == [o["url"] for o in everything[:EMBEDDED_AT_MOST]]


def test_short_lists_are_whole_and_counted(client):
    region = Region.objects.published().get(slug="tianjin")
    detail = api_get(client, "regions/tianjin/").json()
    keys = public_findings_citing(regions=region)
    assert 0 < len(keys) <= EMBEDDED_AT_MOST
    assert ([item["key"] for item in detail["findings"]], detail["findings_count"]) == (keys, len(keys))
    assert detail["findings_url"] == "http://testserver/api/v1/findings/?region=tianjin"


def test_the_findings_of_a_figure_filter_names_only_public_figures(client):
    draft = ObservationFactory(status=Status.DRAFT)
    response = api_get(client, "findings/", observation=draft.pk)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"observation"}
