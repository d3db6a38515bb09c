"""In Chromium: the download box reads and passes axe, the JSON-LD raises no CSP complaint, and
the link marks of paragraphs and figures show on keyboard focus."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PAGES = ["/indicators/high-speed-rail-mileage/", "/en/findings/p7k2m/"]


@pytest.fixture
def site(live_server):
    call_command("load_seed", verbosity=0)
    return live_server.url


@pytest.mark.parametrize("path", PAGES)
def test_the_open_download_box_passes_axe_and_the_page_raises_no_console_error(page, site, path):
    complaints = []
    page.on("console", lambda message: complaints.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.goto(f"{site}{path}").status == 200
    page.locator("#downloads summary").click()
    assert page.locator("#downloads a[href$='.csv']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert not [text for text in complaints if "Content Security Policy" in text or "Content-Security" in text]


def test_a_link_mark_shows_on_keyboard_focus_and_leads_to_its_block(page, site):
    page.goto(f"{site}/en/findings/p7k2m/")
    mark = page.locator(".prose .anchor-link").first
    assert mark.evaluate("a => getComputedStyle(a).opacity") == "0"
    mark.focus()
    assert mark.evaluate("a => getComputedStyle(a).opacity") == "1"
    target = mark.get_attribute("href")
    mark.press("Enter")
    assert page.url.endswith(target)
    assert page.locator(target).evaluate("p => getComputedStyle(p).backgroundColor") != "rgba(0, 0, 0, 0)"
