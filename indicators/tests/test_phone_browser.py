"""Tables, charts and figures on a phone, measured in headless Chromium from element boxes
(docs/decisions/0040-tables-and-charts-on-phones.md)."""

from decimal import Decimal
from io import BytesIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PillowImage
from playwright.sync_api import expect

from bluepaper.models import Finding
from core.images import image_make_renditions
from core.models import Image
from indicators.models import Indicator, Region
from indicators.tests.factories import ObservationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

# The box of each part of every data-table row: the figure, its region, its period, its source.
# Text is measured with a Range over the element's contents, so a caption drawn by CSS beside it
# does not count as the part being visible.
ROW_PARTS = """(labels) => {
  const box = (el) => {
    if (!el) return null;
    const range = document.createRange(); range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, height: r.height};
  };
  const rows = [];
  for (const table of document.querySelectorAll("table.figures-table")) {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const tr of table.querySelectorAll("tbody tr")) {
      const cell = (label) => tr.children[heads.indexOf(label)];
      rows.push({row: tr.id, value: box(cell(labels.figure).querySelector(".quantity") || cell(labels.figure)),
                 region: box(cell(labels.region)), period: box(cell(labels.period)),
                 source: box(cell(labels.source).querySelector(".source"))});
    }
  }
  for (const table of document.querySelectorAll("table.comparison-table")) {
    for (const tr of table.querySelectorAll("tbody tr")) {
      const period = tr.querySelector("th.nowrap, td.nowrap");
      for (const td of tr.querySelectorAll("td.region-cell")) {
        for (const figure of td.querySelectorAll(".table-figure")) {
          const mark = figure.querySelector(".note-mark a");
          const note = document.getElementById(mark.getAttribute("href").slice(1));
          rows.push({row: figure.id, value: box(figure.querySelector(".quantity") || figure),
                     region: box(td.querySelector(".stack-table__label")), period: box(period),
                     source: box(mark), note: box(note)});
        }
      }
    }
  }
  return rows;
}"""
LABELS = {
    "en": {"figure": "Figure", "region": "Region", "period": "Period", "source": "Source"},
    "zh-hans": {"figure": "数值", "region": "地区", "period": "时间", "source": "来源"},
}


@pytest.fixture
def site(live_server):
    call_command("load_seed", verbosity=0)
    finding = Finding.objects.filter(indicators__slug="resident-population").get()
    return {"url": live_server.url, "finding": finding.get_absolute_url()}


def open_page(page, site, path, width, language):
    prefix = "/en" if language == "en" else ""
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(f"{site['url']}{prefix}{path}").status == 200


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


PHONE_PAGES = [
    "finding",
    "/indicators/resident-population/",
    "/indicators/high-speed-rail-mileage/",
    "/regions/beijing/",
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_every_table_row_shows_value_region_period_and_source_on_a_phone(page, site, path, language):
    open_page(page, site, site["finding"] if path == "finding" else path, 375, language)
    rows = page.evaluate(ROW_PARTS, LABELS[language])
    assert rows, "no data table on the page"
    for row in rows:
        for part, box in row.items():
            if part == "row":
                continue
            assert box and box["width"] > 0 and box["height"] > 0, (row["row"], part, box)
            assert box["left"] >= 0 and box["right"] <= 375, (row["row"], part, box)
    # A region's name reads across its line, not a character per line down a squeezed cell.
    lines = page.evaluate(
        "[...document.querySelectorAll('.stack-table td.region-name a')].map((a) => a.getClientRects().length)"
    )
    assert all(count <= 2 for count in lines), lines
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_chart_text_is_at_least_the_body_size(page, site, width, language):
    open_page(page, site, "/indicators/resident-population/", width, language)
    sizes = page.evaluate("""() => {
      const svg = document.querySelector(".chart svg");
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return {body: parseFloat(getComputedStyle(document.body).fontSize),
              text: [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)};
    }""")
    assert len(sizes["text"]) >= 8  # ticks, axis label, unit, legend, figures
    assert round(min(sizes["text"]), 2) >= sizes["body"], sizes  # 338.4 units lay out as 338.39 px
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "path", ["/", "/reports/2025/progress/", "/findings/k5uj8/", "/findings/p7k2m/", "/regions/beijing/"]
)
def test_a_number_and_its_unit_sit_on_one_line(page, site, path, width, language):
    """Figures from the data and figures typed into titles and summaries (core/quantities.py) alike."""
    open_page(page, site, path, width, language)
    lines = page.evaluate(
        "[...document.querySelectorAll('.quantity')].map((q) => [q.textContent, q.getClientRects().length])"
    )
    assert len(lines) >= 3
    assert all(count == 1 for _text, count in lines), lines
    typed = page.evaluate("[...document.querySelectorAll('h1 .quantity, .card__title .quantity')].length")
    assert typed >= 1  # a finding's title states its figure


@pytest.mark.parametrize("width", [375, 1024, 1280, 1440])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("path", ["/", "/reports/2025/progress/"])
def test_big_figures_stay_inside_their_cards(page, site, path, width, language):
    open_page(page, site, path, width, language)
    overflows = page.evaluate("""() => [...document.querySelectorAll('.card .key-figure__value')].map((value) => {
      const card = value.closest('.card').getBoundingClientRect();
      const range = document.createRange(); range.selectNodeContents(value);
      const text = range.getBoundingClientRect();
      return [value.textContent, Math.round(text.right - card.right), Math.round(card.left - text.left)];
    })""")
    assert len(overflows) >= 2
    assert all(right <= 0 and left <= 0 for _text, right, left in overflows), overflows


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_single_figure_shows_big_with_unit_region_period_and_source(page, site, language):
    open_page(page, site, "/indicators/high-speed-rail-mileage/", 375, language)
    figure = page.locator(".single-figure")
    expect(figure.locator(".single-figure__value")).to_have_text("2624公里" if language == "zh-hans" else "2,624 km")
    expect(figure).to_contain_text("2023年底" if language == "zh-hans" else "end of 2023")
    expect(figure).to_contain_text("京津冀" if language == "zh-hans" else "Beijing–Tianjin–Hebei region")
    expect(figure.locator(".source")).to_contain_text("[4]")
    expect(page.locator(".chart svg")).to_have_count(0)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.single-figure__value')).fontSize)")
    assert size >= 1.3 * page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def test_the_english_finding_page_credits_its_image_in_english(page, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    PillowImage.new("RGB", (960, 480), "white").save(buffer, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("chart.png", buffer.getvalue()), alt_text_zh_hans="示意图", alt_text_en="Diagram",
        credit_zh_hans="本站制图", credit_en="Chart by this site",
    )  # fmt: skip
    image_make_renditions(image=image)
    Finding.objects.filter(key="p7k2m").update(image=image)
    open_page(page, site, site["finding"], 375, "en")
    expect(page.locator(".picture__credit")).to_have_text("Chart by this site")
    assert "本站制图" not in page.locator("main").inner_text()
    open_page(page, site, site["finding"], 375, "zh-hans")
    expect(page.locator(".picture__credit")).to_have_text("本站制图")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("path", ["/indicators/resident-population/", "/regions/beijing/"])
def test_regions_side_by_side_fit_a_phone_and_pass_axe(page, site, path, language):
    """Four regions' figures for the same periods: every cell's figure, region, period and source."""
    indicator = Indicator.objects.get(slug="resident-population")
    source = indicator.observations.first().source
    for region in Region.objects.exclude(slug="beijing"):
        for year, value in [(2014, "15170000"), (2023, "13640000")]:
            ObservationFactory(indicator=indicator, region=region, period_year=year, value=Decimal(value),
                               source=source, locator="[9]", hedge="estimate")  # fmt: skip
    open_page(page, site, path, 375, language)
    rows = [row for row in page.evaluate(ROW_PARTS, LABELS[language]) if "note" in row]
    assert len(rows) == 8  # two periods × four regions, in the regions × periods table
    for row in rows:
        for part in ("value", "region", "period", "source", "note"):
            box = row[part]
            assert box["width"] > 0 and box["height"] > 0 and box["left"] >= 0 and box["right"] <= 375, (row, part)
    assert no_sideways_scroll(page)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
