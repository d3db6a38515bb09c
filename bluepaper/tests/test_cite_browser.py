"""The copy buttons in a real browser: shown by static/js/copy.js, copying, announcing."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("prefix", "announced"), [("", "已复制"), ("/en", "Copied")])
def test_the_copy_button_copies_the_permanent_link_and_says_so(page, live_server, settings, prefix, announced):
    call_command("load_seed", verbosity=0)
    settings.SITE_URL = "https://bluepaper.example.org"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}{prefix}/findings/k5uj8/high-speed-rail-network/")
    button = page.locator("button.copy-button[data-copy-target=permalink]")
    expect(button).to_be_visible()  # hidden in the HTML: the script shows it
    button.click()
    expect(page.locator("#copy-status")).to_have_text(announced)
    assert page.locator("#copy-status").get_attribute("aria-live") == "polite"
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == f"https://bluepaper.example.org{prefix}/findings/k5uj8/"


def test_without_javascript_the_buttons_stay_hidden_and_the_link_is_text(browser, live_server):
    call_command("load_seed", verbosity=0)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/findings/k5uj8/high-speed-rail-network/")
    expect(page.locator("#permalink")).to_have_text(f"{page.locator('#permalink').get_attribute('href')}")
    expect(page.locator("button.copy-button").first).to_be_hidden()
    context.close()


CITABLE = [
    "/findings/k5uj8/high-speed-rail-network/",
    "/challenges/{challenge}/",
    "/strategies/{strategy}/",
    "/indicators/high-speed-rail-mileage/",
]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_open_cite_box_passes_axe_and_fits_a_phone_on_every_type(page, live_server, prefix):
    from axe_playwright_python.sync_playwright import Axe

    from bluepaper.models import Challenge
    from bluepaper.tests.test_browser import WCAG_AA
    from policies.models import Strategy

    call_command("load_seed", verbosity=0)
    slugs = {
        "challenge": Challenge.objects.published().first().slug,
        "strategy": Strategy.objects.published().first().slug,
    }
    page.set_viewport_size({"width": 375, "height": 800})
    for path in CITABLE:
        page.goto(f"{live_server.url}{prefix}{path.format(**slugs)}")
        page.locator(".cite summary").click()
        expect(page.locator("#cite-gbt7714")).to_be_visible()
        expect(page.locator("button.copy-button[data-copy-target=cite-apa]")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        results = Axe().run(page, context=".reuse", options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()
