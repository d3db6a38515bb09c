"""Readers' view: real pages in headless Chromium, on a phone and a desktop, in both languages.

Each page must show its content at 375 px and 1280 px without sideways scrolling, and axe-core
must find no WCAG 2.x A/AA violation on it.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture
def site(live_server):
    """The live site with the seed content (transactional tests start from an empty database)."""
    call_command("load_seed", verbosity=0)
    population = Finding.objects.filter(indicators__slug="resident-population").get()
    return {"url": live_server.url, "finding": population.get_absolute_url()}


# (page, path or "finding", text that must be visible in Chinese, in English)
PAGES = [
    ("home", "/", "1293.5万", "12.935 million"),
    ("finding", "finding", "1094.8万", "10.948 million"),
    ("indicator", "/indicators/resident-population/", "城六区", "central urban districts"),
    ("search", "/search/?q=2624", "高速铁路营业里程", "High-speed rail operating mileage"),
    ("feeds", "/feeds/", "高速铁路营业里程", "High-speed rail operating mileage"),
]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("name", "path", "chinese", "english"), PAGES, ids=[p[0] for p in PAGES])
def test_page_reads_well_and_passes_axe(page, site, width, language, name, path, chinese, english):
    path = site["finding"] if path == "finding" else path
    prefix = "/en" if language == "en" else ""
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"{site['url']}{prefix}{path}")
    assert response.status == 200

    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_text(english if language == "en" else chinese).first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == ("en" if language == "en" else "zh-Hans")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"

    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_pages_need_no_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site['url']}/en{site['finding']}")
    expect(page.get_by_text("12.935 million").first).to_be_visible()
    expect(page.get_by_role("link", name="中文").first).to_be_visible()
    context.close()


def test_the_figure_picker_inserts_into_a_body_never_into_the_title(page, site):
    from django.contrib.auth.models import User

    User.objects.create_superuser("picker", password="a-long-picker-passphrase")  # noqa: S106 - test account
    finding = Finding.objects.filter(indicators__slug="resident-population").get()
    page.goto(f"{site['url']}/admin/login/")
    page.fill("#id_username", "picker")
    page.fill("#id_password", "a-long-picker-passphrase")
    page.click("input[type=submit]")
    page.goto(f"{site['url']}/admin/bluepaper/finding/{finding.pk}/change/")
    title, body_zh, body_en = (page.locator(f"[name={name}]") for name in ("title_zh_hans", "body_zh_hans", "body_en"))
    before = {"title": title.input_value(), "zh": body_zh.input_value(), "en": body_en.input_value()}
    insert = page.locator(".figure-insert").first
    token = insert.get_attribute("data-token")

    title.click()  # the last field used is the title: the token still goes to the Chinese body
    insert.click()
    assert title.input_value() == before["title"]
    assert body_zh.input_value().count(token) == before["zh"].count(token) + 1

    body_en.focus()
    page.evaluate("document.querySelector('[name=body_en]').setSelectionRange(0, 0)")
    page.locator("[name=summary_en]").click()  # a summary used since does not take the token either
    insert.click()
    assert body_en.input_value() == token + before["en"]
