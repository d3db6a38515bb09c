"""The main menu on a phone without JavaScript, and the new pages under axe, in headless Chromium."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Challenge, Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
MENU = {
    "zh-hans": {"prefix": "", "toggle": "菜单", "contents": "目录", "challenges": "挑战", "h1": "面临的挑战"},
    "en": {"prefix": "/en", "toggle": "Menu", "contents": "Contents", "challenges": "Challenges", "h1": "Challenges"},
}


@pytest.fixture
def site(live_server):
    """The live site with the seed content (transactional tests start from an empty database)."""
    call_command("load_seed", verbosity=0)
    finding = Finding.objects.published().get(key="p7k2m")
    challenge = Challenge.objects.published().first()
    return {"url": live_server.url, "finding": finding.get_absolute_url(), "challenge": challenge.get_absolute_url()}


def no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_menu_opens_on_a_phone_without_javascript(browser, site, language):
    words = MENU[language]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site['url']}{words['prefix']}{site['finding']}")
    menu = page.locator(".site-nav__list")
    toggle = page.locator(".site-nav__toggle summary")
    expect(toggle).to_have_text(words["toggle"])
    expect(menu).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")  # a keyboard opens it as a click does
    expect(menu).to_be_visible()
    links = menu.get_by_role("link")
    expect(links).to_have_count(6)
    for index in range(6):
        expect(links.nth(index)).to_be_visible()
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24, box
    expect(menu.locator('[aria-current="true"]')).to_have_text(words["contents"])
    no_sideways_scroll(page)

    menu.get_by_role("link", name=words["challenges"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"{words['prefix']}/challenges/$"))
    expect(page.locator("h1")).to_have_text(words["h1"])
    expect(page.locator(".site-nav__list")).to_be_hidden()  # a new page starts with it folded
    page.locator(".site-nav__toggle summary").click()
    expect(page.locator('.site-nav__list [aria-current="page"]')).to_have_text(words["challenges"])
    page.locator(".site-nav__toggle summary").click()
    expect(page.locator(".site-nav__list")).to_be_hidden()
    context.close()


def test_the_menu_is_a_row_on_a_wide_screen_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{site['url']}/en{site['finding']}")
    expect(page.locator(".site-nav__toggle")).to_be_hidden()
    links = page.locator(".site-nav__list").get_by_role("link")
    expect(links).to_have_count(6)
    tops = {round(links.nth(index).bounding_box()["y"]) for index in range(6)}
    assert len(tops) == 1, tops  # one row
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_new_pages_pass_axe(page, site, width, language):
    prefix = MENU[language]["prefix"]
    page.set_viewport_size({"width": width, "height": 900})
    paths = [site["finding"], f"{site['finding']}parallel/", f"{site['challenge']}parallel/", "/challenges/"]
    for path in paths:
        assert page.goto(f"{site['url']}{prefix}{path}").status == 200, path
        if width == 375:
            page.locator(".site-nav__toggle summary").click()  # the menu open, as a reader would see it
            expect(page.locator(".site-nav__list")).to_be_visible()
        no_sideways_scroll(page)
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, (path, results.generate_report())


def test_the_parallel_view_sits_side_by_side_on_a_desktop_and_stacks_on_a_phone(page, site):
    page.goto(f"{site['url']}/en{site['finding']}parallel/")
    for width, side_by_side in ((1280, True), (375, False)):
        page.set_viewport_size({"width": width, "height": 900})
        row = page.locator(".parallel__text .parallel__row").nth(1)
        chinese, english = row.locator('[lang="zh-Hans"]').bounding_box(), row.locator('[lang="en"]').bounding_box()
        if side_by_side:
            assert abs(chinese["y"] - english["y"]) < 2 and chinese["x"] < english["x"]
        else:
            assert english["y"] >= chinese["y"] + chinese["height"] - 1
        no_sideways_scroll(page)


# The baseline of each column's name: an empty inline-block's bottom edge sits on its line's baseline.
HEAD_BASELINES = """() => [...document.querySelectorAll('.parallel__head .parallel__cell')].map(cell => {
    const mark = document.createElement('span');
    mark.style.display = 'inline-block';
    cell.append(mark);
    return mark.getBoundingClientRect().bottom;
})"""


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_parallel_view_names_its_columns_on_one_baseline(page, site, prefix):
    """简体中文 and English side by side: a CJK font sits lower in its line than a Latin one, and the
    two names stood 4 px apart before they were aligned on their baseline."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site['url']}{prefix}{site['finding']}parallel/")
    chinese, english = page.evaluate(HEAD_BASELINES)
    assert abs(chinese - english) < 0.5, (chinese, english)
