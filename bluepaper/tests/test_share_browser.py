"""The share box in a real browser, opened, on a phone and a desktop, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_opened_share_box_shows_its_qr_code_fits_and_passes_axe(page, live_server, width, prefix):
    call_command("load_seed", verbosity=0)
    finding = Finding.objects.get(key="e9gs4")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{prefix}{finding.get_absolute_url()}")
    page.locator(".share-box summary").click()
    qr = page.locator(".share-box img")
    qr.scroll_into_view_if_needed()
    # Playwright's own polling: a string predicate would be eval'd, which the site's CSP refuses.
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert qr.bounding_box()["width"] >= 150  # large enough to scan from a screen
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    results = Axe().run(page, context=".share-box", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
