"""Every page type, in both languages, on a phone and a desktop, in headless Chromium: axe-core
finds no WCAG 2.0/2.1/2.2 A or AA violation and nothing scrolls sideways (issue 12).

One browser context per width visits every page (the live server and its seed are shared), and
each test reports every page that fails, not only the first.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.core.management import call_command

from bluepaper.models import Challenge, Chapter, Finding, Report
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}
STAFF_PASSWORD = "a-long-style-guide-passphrase"  # noqa: S105 - a test account's


def first_public(model):
    return model.objects.published().order_by("pk").first().get_absolute_url()


def public_pages():
    """(page type, Chinese path, expected status) for every public page type of the seed."""
    finding = Finding.objects.published().filter(versions__isnull=False).order_by("pk").first()
    return [
        ("home", "/", 200),
        ("report", first_public(Report), 200),
        ("chapter", first_public(Chapter), 200),
        ("finding", finding.get_absolute_url(), 200),
        ("finding version", finding.versions.order_by("number").first().get_absolute_url(), 200),
        ("finding, parallel", finding.get_absolute_url() + "parallel/", 200),
        ("challenge list", "/challenges/", 200),
        ("challenge", first_public(Challenge), 200),
        ("challenge, parallel", first_public(Challenge) + "parallel/", 200),
        ("strategy list", "/strategies/", 200),
        ("strategy", first_public(Strategy), 200),
        ("strategy, parallel", first_public(Strategy) + "parallel/", 200),
        ("indicator list", "/indicators/", 200),
        ("indicator", first_public(Indicator), 200),
        ("indicator's findings", first_public(Indicator) + "findings/", 200),
        ("region list", "/regions/", 200),
        ("region", first_public(Region), 200),
        ("region's findings", first_public(Region) + "findings/", 200),
        ("search", "/search/", 200),
        ("search with results", "/search/?q=2624", 200),
        ("search without results", "/search/?q=zzzqqq", 200),
        ("feeds", "/feeds/", 200),
        ("404", "/no-such-page/", 404),
    ]


@pytest.fixture
def site(live_server):
    """The live site with the seed (a transactional test starts empty) and a staff account."""
    call_command("load_seed", verbosity=0)
    User.objects.create_superuser("style", password=STAFF_PASSWORD)
    return live_server.url


def problems_on(page, url, status, width):
    """What is wrong with the page at `url`: a wrong status, sideways scroll, axe violations."""
    response = page.goto(url)
    found = []
    if response.status != status:
        found.append(f"status {response.status}, expected {status}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        found.append(f"scrolls sideways by {overflow}px at {width}px")
    results = Axe().run(page, options=WCAG_A_AA)
    if not results.response["passes"]:
        found.append("axe checked nothing")
    if results.violations_count:
        found.append(results.generate_report())
    return found


def log_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "style")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_type_passes_axe_and_fits_the_screen(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures, visited = {}, 0
    pages = public_pages()
    for prefix in ("", "/en"):
        for name, path, status in pages:
            url = f"{site}{prefix}{path}"
            visited += 1
            if found := problems_on(page, url, status, width):
                failures[f"{name} ({url})"] = found
    log_in(page, site)
    for prefix in ("", "/en"):
        visited += 1
        url = f"{site}{prefix}/styleguide/"
        if found := problems_on(page, url, 200, width):
            failures[f"style guide ({url})"] = found
    context.close()
    assert visited == 2 * (len(pages) + 1)
    assert failures == {}, "\n\n".join(f"{where}:\n" + "\n".join(found) for where, found in failures.items())
