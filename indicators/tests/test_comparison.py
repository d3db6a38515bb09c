"""Beijing, Tianjin and Hebei side by side, wherever two of them have figures for the same period."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publishing import Status
from indicators import comparison
from indicators.tests.factories import IndicatorFactory, ObservationFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    """Three regions named like the report's, in its order."""
    names = [("北京", "Beijing"), ("天津", "Tianjin"), ("河北", "Hebei")]
    return [
        RegionFactory(name_zh_hans=zh, name_en=en, slug=f"test-{en.lower()}", order=i)
        for i, (zh, en) in enumerate(names, start=1)
    ]


@pytest.fixture
def indicator(regions):
    """2022 and 2023 for all three regions; 2021 for Beijing only; a draft for Hebei in 2021."""
    indicator = IndicatorFactory(unit_en="km", unit_zh_hans="公里")
    beijing, tianjin, hebei = regions
    for year, values in [(2022, (100, 200, 300)), (2023, (110, 210, 310))]:
        for region, value in zip(regions, values, strict=True):
            ObservationFactory(indicator=indicator, region=region, period_year=year, value=Decimal(value))
    ObservationFactory(indicator=indicator, region=beijing, period_year=2021, value=Decimal(90))
    ObservationFactory(indicator=indicator, region=hebei, period_year=2021, value=Decimal(999), status=Status.DRAFT)
    return indicator


def comparison_table(html):
    """The rows of the regions × periods table on a page, each a list of its cells' text; None if absent.

    A figure's footnote number, its link mark and the region's name that a phone shows in each
    cell are left out: tests of them read the markup.
    """
    found = re.search(r'<table class="comparison-table"[^>]*>(.*?)</table>', html, flags=re.S)
    if found is None:
        return None
    table = re.sub(
        r'<sup class="note-mark">.*?</sup>|<a class="anchor-link"[^>]*>#</a>'
        r'|<span class="stack-table__label"[^>]*>.*?</span>',
        "",
        found.group(1),
    )
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_indicator_page_shows_every_figure_by_period_and_region(client, indicator):
    rows = comparison_table(client.get(f"/en{indicator.get_absolute_url()}").content.decode())
    assert rows == [
        ["Period", "Beijing", "Tianjin", "Hebei"],
        ["2021", "90 km", "–no figure", "–no figure"],  # Hebei's is a draft
        ["2022", "100 km", "200 km", "300 km"],
        ["2023", "110 km", "210 km", "310 km"],
    ]


def test_indicator_page_in_chinese(client, indicator):
    html = client.get(indicator.get_absolute_url()).content.decode()
    rows = comparison_table(html)
    assert rows[0][1:] == ["北京", "天津", "河北"]
    assert rows[2] == ["2022年", "100公里", "200公里", "300公里"]
    assert "按时期和地区列出的全部数据及来源" in html


def test_a_missing_figure_is_said_not_left_blank(client, indicator, regions):
    ObservationFactory(indicator=indicator, region=regions[1], period_year=2021, value=Decimal(190))
    rows = comparison_table(client.get(f"/en{indicator.get_absolute_url()}").content.decode())
    assert rows[1] == ["2021", "90 km", "190 km", "–no figure"]


def test_one_region_is_one_column_and_no_region_page_comparison(client, regions):
    indicator = IndicatorFactory(unit_en="km")
    for year in (2020, 2021):
        ObservationFactory(indicator=indicator, region=regions[0], period_year=year, value=Decimal(year))
    assert comparison_table(client.get(f"/en{indicator.get_absolute_url()}").content.decode()) == [
        ["Period", "Beijing"],
        ["2020", "2,020 km"],
        ["2021", "2,021 km"],
    ]
    html = client.get(regions[0].get_absolute_url()).content.decode()
    assert comparison_table(html) is None and 'id="comparison"' not in html


def test_region_page_shows_the_other_regions_beside_its_figures(client, indicator, regions):
    other = IndicatorFactory(name_en="Only Beijing")
    ObservationFactory(indicator=other, region=regions[0], period_year=2022)
    html = client.get(f"/en{regions[0].get_absolute_url()}").content.decode()
    name = indicator.name_en
    assert comparison_table(html) == [
        ["Indicator", "Period", "Beijing", "Tianjin", "Hebei"],
        [name, "2022", "100 km", "200 km", "300 km"],
        [name, "2023", "110 km", "210 km", "310 km"],
    ]
    assert "Only Beijing" in html  # in its own table, not in the comparison


def test_region_page_puts_its_own_column_first(client, indicator, regions):
    rows = comparison_table(client.get(f"/en{regions[2].get_absolute_url()}").content.decode())
    assert rows[0] == ["Indicator", "Period", "Hebei", "Beijing", "Tianjin"]
    assert rows[1][2:] == ["300 km", "100 km", "200 km"]


def test_region_page_keeps_its_own_figures_table(client, indicator, regions):
    html = client.get(f"/en{regions[1].get_absolute_url()}").content.decode()
    table = html.split('class="figures-table"', 1)[1].split("</table>", 1)[0]
    assert "200 km" in table and "210 km" in table and "100 km" not in table


def test_seed_has_no_overlap_so_no_comparison(client):
    for url in ("/regions/beijing/", "/regions/jing-jin-ji/"):
        assert comparison_table(client.get(url).content.decode()) is None, url


def test_comparisons_are_made_from_the_figures_given(indicator, regions):
    observations = list(indicator.observations.published().select_related("region", "indicator"))
    table = comparison.by_period(observations)
    assert [r.slug for r in table.regions] == ["test-beijing", "test-tianjin", "test-hebei"]
    assert [row.sample.period_year for row in table.rows] == [2022, 2023]
    beside = comparison.beside(observations, regions[1])
    assert [r.slug for r in beside.regions] == ["test-tianjin", "test-beijing", "test-hebei"]
    assert comparison.beside([o for o in observations if o.region_id == regions[0].pk], regions[0]) is None


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_stay_constant_as_comparisons_grow(client, indicator, regions):
    urls = [indicator.get_absolute_url(), regions[0].get_absolute_url()]
    before = [count_queries(client, url) for url in urls]
    for year in range(1990, 2020):
        for region in regions:
            ObservationFactory(indicator=indicator, region=region, period_year=year)
    more = IndicatorFactory()
    for region in regions:
        ObservationFactory(indicator=more, region=region, period_year=2020)
    assert [count_queries(client, url) for url in urls] == before
