"""Charts are SVG drawn on the server: one marker per plottable figure, text in the page's language."""

import io
import logging
import re
import xml.etree.ElementTree as ET  # noqa: N817 - the conventional name
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from bluepaper.models import Finding
from core.publishing import Status
from indicators import chart_drawing, charts
from indicators.models import Indicator, Observation
from indicators.tests.factories import IndicatorFactory, ObservationFactory, RegionFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
POPULATION = "/indicators/resident-population/"


@pytest.fixture(autouse=True)
def fresh_chart_cache():
    cache.clear()
    yield
    cache.clear()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the site's own output


def inline_charts(html: str) -> list[ET.Element]:
    """Every SVG embedded in a page, parsed."""
    return [parse(markup) for markup in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def point_ids(root) -> list[str]:
    return [el.get("id") for el in root.iter() if el.get("id", "").startswith("point-")]


def text_of(root) -> str:
    return " ".join(el.text or "" for el in root.iter(f"{SVG}text"))


def data_lines(root) -> list[ET.Element]:
    """The lines joining a region's points (clipped to the plot, unlike the legend's samples)."""
    return [p for p in root.iter(f"{SVG}path") if p.get("stroke-width") == "2" and p.get("clip-path")]


def title_and_desc(root) -> tuple[str, str]:
    return root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text


def population():
    indicator = Indicator.objects.get(slug="resident-population")
    observations = list(Observation.objects.published().filter(indicator=indicator))
    return indicator, observations


def series(count, **indicator_fields):
    """An indicator with `count` yearly figures for one region, from 1995 on."""
    indicator = IndicatorFactory(**indicator_fields)
    region = RegionFactory()
    return indicator, [
        ObservationFactory(indicator=indicator, region=region, period_year=1995 + i, value=Decimal(5000 + 37 * i))
        for i in range(count)
    ]


# The seed: Beijing's resident population, two figures ------------------------------------------


def test_chinese_page_plots_each_population_figure_with_chinese_labels(client):
    _indicator, observations = population()
    [chart] = inline_charts(client.get(POPULATION).content.decode())
    assert sorted(point_ids(chart)) == sorted(f"point-{obs.pk}" for obs in observations)
    title, desc = title_and_desc(chart)
    assert title == "图表：常住人口，按年份和地区"
    assert desc == "北京：2014年，1293.5万人；2023年，1094.8万人。"
    labels = text_of(chart)
    assert "年份" in labels and "单位：人" in labels
    assert "1293.5万人" in labels and "1094.8万人" in labels
    assert "1200万" in labels  # axis ticks are written as the page writes figures
    assert "million" not in labels
    assert chart.get("role") == "img" and chart.get("lang") == "zh-Hans"
    assert chart.get("aria-labelledby") == chart.find(f"{SVG}title").get("id")
    assert chart.get("aria-describedby") == chart.find(f"{SVG}desc").get("id")


def test_english_page_plots_the_same_figures_with_english_labels(client):
    _indicator, observations = population()
    [chart] = inline_charts(client.get(f"/en{POPULATION}").content.decode())
    assert len(point_ids(chart)) == len(observations) == 2
    title, desc = title_and_desc(chart)
    assert title == "Chart: Resident population, by year and region"
    assert desc == "Beijing: 2014, 12.935 million people; 2023, 10.948 million people."
    labels = text_of(chart)
    assert "Year" in labels and "Unit: people" in labels
    assert "12.935 million people" in labels and "12 million" in labels
    assert not re.search(r"[\u4e00-\u9fff]", labels), labels


def test_page_shows_the_chart_before_the_data_table_with_downloads(client):
    html = client.get(f"/en{POPULATION}").content.decode()
    assert html.index("<svg") < html.index('class="comparison-table"')
    assert 'href="/en/indicators/resident-population/chart.svg" download' in html
    assert 'href="/en/indicators/resident-population/chart.png" download' in html
    assert "<img" not in html.split('class="chart"', 1)[1].split("</figure>", 1)[0]


def test_inline_svg_needs_no_inline_style_and_has_no_clashing_ids(client):
    """The CSP (style-src 'self') blocks <style> and style="" in inline SVG."""
    html = client.get(POPULATION).content.decode()
    [chart] = inline_charts(html)
    assert chart.find(f".//{SVG}style") is None
    assert not [el for el in chart.iter() if "style" in el.attrib]
    # One CSS pixel per unit: its text is drawn at its font size (docs/decisions/0040).
    assert chart.get("viewBox").split()[2:] == [chart.get("width"), chart.get("height")]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert not any(re.match(r"(figure|axes|patch|line2d|text)_\d", i) for i in ids)  # matplotlib's own


def test_finding_page_shows_a_chart_for_its_figures(client):
    finding = Finding.objects.published().get(indicators__slug="resident-population")
    _indicator, observations = population()
    html = client.get(finding.get_absolute_url()).content.decode()
    charts_on_page = inline_charts(html)
    assert [sorted(point_ids(chart)) for chart in charts_on_page] == [sorted(f"point-{o.pk}" for o in observations)]
    assert "/indicators/resident-population/chart.png" in html


# Shapes: one point, two points, a long series ------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, 30])
def test_series_of_any_length_plots_every_point_inside_the_frame(count):
    indicator, observations = series(count)
    root = parse(charts.indicator_chart(indicator=indicator, observations=observations, language="en"))
    assert sorted(point_ids(root)) == sorted(f"point-{obs.pk}" for obs in observations)
    _x, _y, width, height = map(float, root.get("viewBox").split())
    for group in (el for el in root.iter() if el.get("id", "").startswith("point-")):
        marker = group.find(f".//{SVG}use")
        assert 0 < float(marker.get("x")) < width and 0 < float(marker.get("y")) < height
    labels = text_of(root)
    last = observations[-1].display_value("en")
    assert last in labels  # the latest figure is always written out
    if count <= charts.LABEL_EVERY_POINT_UP_TO:
        assert all(obs.display_value("en") in labels for obs in observations)
    else:
        assert observations[0].display_value("en") not in labels  # a long series is not crowded
    assert len(data_lines(root)) == (1 if count > 1 else 0)  # a line joins two points or more


def test_single_point_has_no_line_and_is_labelled():
    indicator, observations = series(1)
    root = parse(charts.indicator_chart(indicator=indicator, observations=observations, language="zh-hans"))
    assert data_lines(root) == []
    assert "5000个" in text_of(root)


def test_regions_differ_by_colour_marker_and_line():
    indicator = IndicatorFactory()
    observations = [
        ObservationFactory(indicator=indicator, region=region, period_year=year)
        for region in (RegionFactory(order=1), RegionFactory(order=2), RegionFactory(order=3))
        for year in (2020, 2021)
    ]
    root = parse(charts.indicator_chart(indicator=indicator, observations=observations, language="en"))
    markers = [group.find(f".//{SVG}use") for group in root.iter() if group.get("id", "").startswith("point-")]
    assert len({m.get("fill") for m in markers}) == 3
    assert len({m.get("{http://www.w3.org/1999/xlink}href") for m in markers}) == 3
    assert len({line.get("stroke-dasharray") for line in data_lines(root)}) == 3


def test_a_legend_of_several_rows_makes_the_chart_taller_not_the_plot_smaller():
    indicator = IndicatorFactory()

    def height(regions):
        observations = [ObservationFactory(indicator=indicator, region=region, period_year=2020) for region in regions]
        svg = charts.indicator_chart(indicator=indicator, observations=observations, language="en")
        Observation.objects.filter(pk__in=[o.pk for o in observations]).delete()
        return float(parse(svg).get("viewBox").split()[3])

    one = height([RegionFactory(order=1, name_en="Beijing")])
    four = height([RegionFactory(order=i, name_en=f"Somewhere district {i}") for i in range(2, 6)])
    assert four >= one + 3 * chart_drawing.LEGEND_ROW * chart_drawing.INLINE_FONT * 0.9


def test_year_labels_never_touch_on_the_phone_wide_chart():
    indicator = IndicatorFactory()
    region = RegionFactory()
    years = (1994, 2006, 2014, 2016, 2023)
    observations = [ObservationFactory(indicator=indicator, region=region, period_year=year) for year in years]
    root = parse(charts.indicator_chart(indicator=indicator, observations=observations, language="en"))
    labels = [year for year in map(str, years) if year in text_of(root).split()]
    assert labels[0] == "1994" and labels[-1] == "2023"
    assert labels == ["1994", "2006", "2014", "2023"]  # 2016's label would run into 2014's at 338 px
    assert chart_drawing._spaced([2014, 2023], 4.7) == [2014, 2023]


# What is plotted ---------------------------------------------------------------------------


def test_figures_without_a_number_or_a_year_and_drafts_are_not_plotted(client):
    indicator, observations = series(3)
    region = observations[0].region
    ObservationFactory(indicator=indicator, region=region, value=None, value_text_zh_hans="全部", value_text_en="all")
    ObservationFactory(indicator=indicator, region=region, period_kind="cumulative", period_year=None)
    ObservationFactory(indicator=indicator, region=region, period_kind="since", period_year=2014)
    ObservationFactory(indicator=indicator, region=region, status=Status.DRAFT, published_at=None)
    html = client.get(f"/en{indicator.get_absolute_url()}").content.decode()
    [chart] = inline_charts(html)
    assert sorted(point_ids(chart)) == sorted(f"point-{obs.pk}" for obs in observations)
    assert "3 figures are not plotted" in html  # and the table lists them


def test_no_chart_when_nothing_can_be_plotted(client):
    indicator = Indicator.objects.get(slug="high-speed-rail-city-coverage")  # "all": words only
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert "<svg" not in html and 'class="comparison-table"' in html
    assert client.get(f"{indicator.get_absolute_url()}chart.svg").status_code == 404


def test_an_edit_changes_the_chart_at_once(client):
    _indicator, observations = population()
    client.get(f"/en{POPULATION}")  # cached now
    latest = max(observations, key=lambda obs: obs.period_year)
    latest.value = Decimal("10950000")
    latest.save()
    [chart] = inline_charts(client.get(f"/en{POPULATION}").content.decode())
    assert "10.95 million people" in title_and_desc(chart)[1]


def test_rendering_is_deterministic():
    """Finding versions store the page's markup: the same chart must be the same text."""
    indicator, observations = population()
    first = charts.indicator_chart(indicator=indicator, observations=observations, language="zh-hans")
    cache.clear()
    assert charts.indicator_chart(indicator=indicator, observations=observations, language="zh-hans") == first


# Downloads ---------------------------------------------------------------------------------


def test_svg_download_is_an_attachment_with_title_and_size(client):
    response = client.get(f"/en{POPULATION}chart.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == 'attachment; filename="resident-population-en.svg"'
    root = parse(response.content.decode())
    assert root.get("width", "").endswith("pt") and root.get("height")
    assert title_and_desc(root)[0] == "Chart: Resident population, by year and region"
    assert "Source: Jing Ji Guan Cha Wang (Economic Observer Online) [3]" in text_of(root)
    assert len(response.content) < 20_000  # text stays text: no glyph outlines


def test_png_download_is_a_real_png_of_a_sensible_size(client):
    response = client.get(f"{POPULATION}chart.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="resident-population-zh-hans.png"'
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert 800 <= image.width <= 2400 and 500 <= image.height <= 1600
    assert len(response.content) < 300_000


def test_downloads_answer_conditional_requests(client):
    response = client.get(f"{POPULATION}chart.svg")
    assert "max-age" in response["Cache-Control"] and response["ETag"]
    again = client.get(f"{POPULATION}chart.svg", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("suffix", ["chart.svg", "chart.png"])
def test_downloads_of_unknown_or_unpublished_indicators_are_404(client, suffix):
    draft, _observations = series(2, status=Status.DRAFT, published_at=None)
    assert client.get(f"/indicators/{draft.slug}/{suffix}").status_code == 404
    assert client.get(f"/indicators/no-such-indicator/{suffix}").status_code == 404


def test_download_from_an_old_slug_redirects(client):
    indicator, _observations = series(2)
    old = indicator.slug
    indicator.slug = f"{old}-renamed"
    indicator.save()
    response = client.get(f"/indicators/{old}/chart.png")
    assert response.status_code == 301
    assert response["Location"] == f"/indicators/{old}-renamed/chart.png"


def test_download_leaves_out_draft_figures(client):
    indicator, observations = series(2)
    draft = ObservationFactory(indicator=indicator, region=observations[0].region, status=Status.DRAFT)
    root = parse(client.get(f"/indicators/{indicator.slug}/chart.svg").content.decode())
    assert f"point-{draft.pk}" not in point_ids(root) and len(point_ids(root)) == 2


def test_png_still_renders_without_a_cjk_font(monkeypatch, caplog):
    monkeypatch.setattr(chart_drawing, "CJK_FAMILIES", ("No Such CJK Font",))
    chart_drawing.cjk_font_family.cache_clear()
    indicator, observations = population()
    try:
        with caplog.at_level(logging.WARNING, logger="indicators.chart_drawing"):
            png = charts.indicator_chart_png(indicator=indicator, observations=observations, language="zh-hans")
    finally:
        chart_drawing.cjk_font_family.cache_clear()
    assert Image.open(io.BytesIO(png)).format == "PNG"
    assert "No CJK font" in caplog.text


# Performance -------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_indicator_page_queries_do_not_grow_with_its_figures(client):
    indicator, observations = series(2)
    url = indicator.get_absolute_url()
    before = count_queries(client, url)
    regions = [observations[0].region, RegionFactory(), RegionFactory()]
    for year in range(1990, 2020):
        for region in regions:
            ObservationFactory(indicator=indicator, region=region, period_year=year)
    with translation.override("en"):
        assert count_queries(client, f"/en{url}") == before
    assert count_queries(client, url) == before


def test_a_cjk_font_installed_after_matplotlib_listed_its_fonts_is_found(monkeypatch):
    from matplotlib import font_manager

    # `make test` installs Debian's fonts-noto-cjk first (make fonts): without it, fail loudly.
    assert any("CJK" in path for path in font_manager.findSystemFonts()), "no CJK font: run `make fonts`"
    listed = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", listed)
    chart_drawing.cjk_font_family.cache_clear()
    try:
        assert chart_drawing.cjk_font_family() in chart_drawing.CJK_FAMILIES
    finally:
        chart_drawing.cjk_font_family.cache_clear()
