"""An indicator's figures as one regions × periods table: each cell the exact figure with its
qualifier and hedge, and a footnote number for its source (docs/decisions/0040)."""

import re
from decimal import Decimal

import pytest

from indicators.formatting import format_quantity, format_quantity_html
from indicators.models import Observation
from indicators.tests.factories import IndicatorFactory, ObservationFactory, RegionFactory, SourceFactory
from indicators.tests.test_comparison import comparison_table

pytestmark = pytest.mark.django_db


def note_marks(html):
    """Each figure's footnote number, in reading order."""
    return [int(n) for n in re.findall(r'<sup class="note-mark"><a href="#figure-notes-(\d+)"', html)]


def table_notes(html):
    """{number: text} of the footnotes under the indicator page's table."""
    notes = html.split('<ol class="table-notes"', 1)[1].split("</ol>", 1)[0]
    found = re.findall(r'<li id="figure-notes-(\d+)" value="\d+">(.*?)</li>', notes, flags=re.S)
    return {int(n): " ".join(re.sub(r"<[^>]+>", "", text).split()) for n, text in found}


def test_seed_population_reads_by_period_with_one_footnote_for_its_source(client):
    html = client.get("/en/indicators/resident-population/").content.decode()
    assert comparison_table(html) == [
        ["Period", "Beijing"],
        ["2014", "12.935 million people"],
        ["2023", "10.948 million people"],
    ]
    assert note_marks(html) == [1, 1]
    [(number, text)] = table_notes(html).items()
    assert number == 1 and "Jing Ji Guan Cha Wang" in text and text.endswith("[3]")
    for pk in Observation.objects.filter(indicator__slug="resident-population").values_list("pk", flat=True):
        assert f'<span class="table-figure" id="obs-{pk}">' in html  # links to a figure still land on it


@pytest.fixture
def hedged():
    """Two regions, three years; one figure hedged, one "over", one from a second source with a note."""
    indicator = IndicatorFactory(unit_en="km", unit_zh_hans="公里")
    beijing, tianjin = (RegionFactory(name_en=n, slug=f"t-{n.lower()}", order=i) for i, n in enumerate(["B", "T"]))
    first, second = SourceFactory(), SourceFactory()
    make = ObservationFactory
    make(indicator=indicator, region=beijing, period_year=2020, value=Decimal(10), source=first)
    make(indicator=indicator, region=tianjin, period_year=2020, value=Decimal(20), source=first, qualifier="more_than")
    make(indicator=indicator, region=beijing, period_year=2021, value=Decimal(11), source=first, hedge="projection")
    make(indicator=indicator, region=tianjin, period_year=2021, value=Decimal(21), source=second, locator="p. 7",
         note_en="Revised later.")  # fmt: skip
    return indicator


def test_cells_show_qualifier_and_hedge_and_sources_are_numbered_in_reading_order(client, hedged):
    html = client.get(f"/en{hedged.get_absolute_url()}").content.decode()
    assert comparison_table(html) == [
        ["Period", "B", "T"],
        ["2020", "10 km", "over 20 km"],
        ["2021", "11 km (expected)", "21 km"],
    ]
    assert note_marks(html) == [1, 1, 1, 2]
    notes = table_notes(html)
    assert notes[1].endswith("[1]") and "Source document" in notes[1]
    assert notes[2].endswith("p. 7 — Revised later.")


def test_the_chinese_table_says_the_same_in_chinese(client, hedged):
    rows = comparison_table(client.get(hedged.get_absolute_url()).content.decode())
    assert rows[1:] == [["2020年", "10公里", "超过20公里"], ["2021年", "11公里（预计）", "21公里"]]


def test_number_and_unit_are_one_unbreakable_span_on_pages_and_plain_elsewhere():
    html = format_quantity_html(Decimal(2624), "", "exact", "公里", "zh-hans")
    assert html == '<span class="quantity">2624公里</span>'
    assert format_quantity_html(Decimal(12935000), "", "about", "people", "en", hedge="estimate") == (
        '<span class="quantity">about 12.935 million people (estimate)</span>'
    )  # one text node: the hedge travels with the number (decision 0023)
    assert format_quantity_html(Decimal("82.1"), "", "nearly", "%", "zh-hans", hedge="projection") == (
        '<span class="quantity">近82.1%（预计）</span>'
    )
    assert format_quantity_html(Decimal(1000), "", "nearly", "markets and centres", "en") == (
        '<span class="quantity">nearly 1,000</span> markets and centres'
    )  # an English unit noun may start the next line, as words do
    assert format_quantity_html(Decimal(3200), "", "more_than", "enterprises", "en") == (
        '<span class="quantity">over 3,200</span> enterprises'
    )
    assert format_quantity_html(Decimal(2624), "", "exact", "km", "en") == '<span class="quantity">2,624 km</span>'
    assert format_quantity_html(Decimal(1000), "", "nearly", "个市场和物流中心", "zh-hans") == (
        '<span class="quantity">近1000个市场和物流中心</span>'
    )
    assert format_quantity(Decimal(2624), "", "exact", "公里", "zh-hans") == "2624公里"  # CSV, search, citations


def test_the_finding_page_keeps_numbers_with_their_units_in_prose_and_tables(client):
    html = client.get("/findings/k5uj8/", follow=True).content.decode()
    assert html.count('<span class="quantity">2624公里</span>') >= 3  # prose, key figure, table
    assert "2624公里" in client.get("/indicators/high-speed-rail-mileage.csv").content.decode()
    assert "quantity" not in client.get("/indicators/high-speed-rail-mileage.csv").content.decode()


def test_a_single_figure_is_shown_as_a_number_not_a_one_point_chart(client):
    html = client.get("/en/indicators/high-speed-rail-mileage/").content.decode()
    block = html.split('<figure class="single-figure">', 1)[1].split("</figure>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", block).split())
    assert '<span class="quantity">2,624 km</span>' in block
    assert "Beijing–Tianjin–Hebei region" in text and "end of 2023" in text and text.endswith("[4]")
    assert "<svg" not in html


def test_a_finding_shows_its_single_figures_once_big_with_their_source(client):
    html = client.get("/en/findings/k5uj8/", follow=True).content.decode()
    assert "<svg" not in html and 'class="single-figure"' not in html  # the key figures say it
    assert html.count('class="key-figure__label key-figure__source"') == 2
