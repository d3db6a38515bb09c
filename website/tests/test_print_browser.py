"""Print (static/css/print.css): a finding and the report print legibly in Chromium — no menus or
buttons, the citation with its full URLs shown, tables and figures kept whole, black on white."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    call_command("load_seed", verbosity=0)
    finding = Finding.objects.filter(indicators__slug="resident-population").get()
    return {"url": live_server.url, "finding": finding.get_absolute_url()}


def style(page, selector, prop, pseudo=None):
    """The computed `prop` of the first element matching `selector` (or of its `pseudo` element)."""
    script = "([s, p, pseudo]) => getComputedStyle(document.querySelector(s), pseudo)[p]"
    return page.evaluate(script, [selector, prop, pseudo])


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_finding_prints_with_its_citation_and_without_the_controls(page, site, prefix):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site['url']}{prefix}{site['finding']}")
    expect(page.locator(".site-nav")).to_be_visible()  # on screen, before printing
    expect(page.locator(".cite__styles .citation").first).to_be_hidden()  # folded on screen
    expect(page.locator(".site-footer .print-only")).to_be_hidden()

    page.emulate_media(media="print")
    for hidden in (".site-nav", ".lang-switch", ".site-search", ".pager", ".share-box", ".embed-box", ".copy-button"):
        assert style(page, hidden, "display") == "none", hidden
    expect(page.locator(".permalink").first).to_be_visible()
    expect(page.locator(".cite__styles .citation").first).to_be_visible()
    assert "/findings/" in page.locator(".cite__styles .citation").first.inner_text()
    assert style(page, "body", "color") == "rgb(0, 0, 0)"
    assert style(page, "body", "backgroundColor") == "rgb(255, 255, 255)"
    assert style(page, "h1", "color") == "rgb(0, 0, 0)"
    for whole in (".figures-table tr", ".key-figures", ".site-note"):
        assert style(page, whole, "breakInside") == "avoid", whole
    address = page.locator(".site-footer .print-only")
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{settings.SITE_URL}{prefix}{site['finding']}")
    licence = "a[rel=license][href^='http']"
    assert "creativecommons.org" in style(page, licence, "content", "::after")  # an external URL printed

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_report_and_a_chapter_print_to_pdf(page, site):
    for path in ("/reports/2025/", "/en/reports/2025/"):
        page.goto(f"{site['url']}{path}")
        page.emulate_media(media="print")
        assert style(page, ".site-nav", "display") == "none"
        expect(page.locator(".site-footer .print-only")).to_contain_text(f"{settings.SITE_URL}{path}")
        assert page.pdf(format="A4").startswith(b"%PDF")
        page.emulate_media(media="screen")
    chapter = page.locator(".chapter-list a, .toc a").first.get_attribute("href")
    page.goto(f"{site['url']}{chapter}")
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
