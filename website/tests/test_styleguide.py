"""/styleguide/: staff only, never indexed, and every component drawn by its real include;
the colour tokens it shows meet WCAG AA on every background they are used on."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from core.tests.admin_forms import logged_in_client
from website import design_tokens
from website.design_tokens import PAIRS, colour_tokens, contrast_ratio, contrasts

pytestmark = pytest.mark.django_db

# data-component on the page → a mark that only that component's include draws.
COMPONENTS = {
    "tokens": 'class="styleguide__swatch"',
    "contrast": "<caption",
    "buttons": 'class="button"',
    "form": 'class="search-form"',
    "site-nav": 'class="site-nav"',
    "breadcrumbs": 'class="breadcrumbs"',
    "pager": 'class="pager"',
    "cards": 'class="card finding-card"',
    "key-figures": 'class="key-figures"',
    "chart": 'class="chart"',
    "figure-table": 'class="figures-table"',
    "caveat": 'class="caveat"',
    "site-note": 'class="site-note"',
    "version-notice": 'class="version-notice"',
    "corrections": 'class="change-list"',
    "translation-note": 'class="translation-note"',
    "cite-box": 'class="cite-box"',
    "downloads": 'class="reuse__tool downloads"',
}


@pytest.fixture
def staff():
    """A client logged in as a superuser (staff)."""
    client = Client()
    client.force_login(User.objects.create_superuser("sg-admin", password="an-admin-passphrase-1"))  # noqa: S106
    return client


def staff_page(client, path="/styleguide/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def component_html(html, name):
    """The markup of the block marked data-component="name", up to the next marked block."""
    start = html.index(f'data-component="{name}"')
    following = html.find("data-component=", start + 1)
    return html[start : following if following != -1 else len(html)]


@pytest.mark.parametrize("path", ["/styleguide/", "/en/styleguide/"])
def test_an_anonymous_reader_is_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={path}"


def test_an_account_without_staff_status_is_refused():
    client = Client()
    client.force_login(User.objects.create_user("reader", password="a-reader-passphrase-1"))  # noqa: S106
    response = client.get("/en/styleguide/")
    assert response.status_code == 403
    assert "Style guide" not in response.content.decode()


def test_an_editor_sees_the_style_guide_unindexed_and_uncached(migrated_groups):
    editor = logged_in_client("sg-editor", "Editors")
    response = editor.get("/en/styleguide/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_superuser_sees_it_in_chinese_and_english(staff):
    assert "<h1>Style guide</h1>" in staff_page(staff, "/en/styleguide/")
    chinese = staff_page(staff, "/styleguide/")
    assert '<html lang="zh-Hans">' in chinese and "<h1>样式指南</h1>" in chinese


@pytest.mark.parametrize("name", COMPONENTS)
def test_each_component_is_drawn_by_its_include(staff, name):
    block = component_html(staff_page(staff, "/en/styleguide/"), name)
    assert COMPONENTS[name] in block


def test_the_specimens_show_published_content_with_its_figures(staff):
    html = staff_page(staff, "/en/styleguide/")
    assert "12.935 million" in component_html(html, "key-figures")
    assert "<svg" in component_html(html, "chart")
    assert "central urban districts" in component_html(html, "site-note")  # the site's note on the population
    assert "/findings/" in component_html(html, "cite-box")


def test_the_style_guide_is_in_neither_the_sitemap_nor_robots_allowances(client):
    assert "styleguide" not in client.get("/sitemap.xml").content.decode()
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /styleguide/" in lines and "Disallow: /en/styleguide/" in lines


def test_every_colour_pair_in_use_meets_wcag_aa():
    failing = [(c.pair.foreground, c.pair.background, c.ratio) for c in contrasts() if not c.passes]
    assert failing == []
    assert len(contrasts()) == len(PAIRS) and all(c.ratio > 1 for c in contrasts())


def test_the_tokens_are_read_from_the_stylesheet_and_ratios_follow_wcag():
    tokens = colour_tokens()
    assert tokens["ink"] == "#1b1f24" and tokens["paper"] == "#ffffff"
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48  # the classic grey that just fails
    too_light = colour_tokens(":root {\n  --ink: #999;\n  --paper: #fff;\n}") | {}
    lowered = {**tokens, **too_light}
    assert not next(c for c in contrasts(lowered) if c.pair.foreground == "ink").passes


def test_the_stylesheet_uses_only_tokens_for_the_documented_colours():
    """Outside :root, no component repeats a token's value: it names the token instead."""
    css = design_tokens.STYLESHEET.read_text(encoding="utf-8")
    body = css[css.index("\n}\n", css.index(":root")) :]
    repeated = [value for name, value in colour_tokens().items() if name != "paper" and value in body.lower()]
    assert repeated == []
    assert not re.search(r"#3e2f6e|#f3f0fa|#5b4a8b|#ffe27a", body)
