"""Editor Markdown is rendered and sanitised: no script survives."""

import pytest

from core.text import dropped_constructs, render_markdown


def test_markdown_renders_emphasis_and_lists():
    html = render_markdown("**bold** and *soft*\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html


def test_script_tags_and_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> text')
    assert "<script" not in html
    assert "onerror" not in html
    assert "alert(2)" not in html
    assert "text" in html


def test_javascript_links_lose_their_href():
    html = render_markdown("[click](javascript:alert(1)) [ok](https://example.org/)")
    assert "javascript:" not in html
    assert 'href="https://example.org/"' in html


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Intro.\n\n<style>\n\nImportant…", ["<style>"]),  # review row S10: the rest would vanish
        ("Intro.\n\n<script>x()</script>\n\nMore.", ["<script>"]),
        ('a <abbr title="t" onmouseover="x()">b</abbr>', ["<abbr onmouseover=…>"]),
        ("[link](javascript:alert(1))", ["<a href=javascript:…>"]),
        ("<div>boxed</div> and <iframe src=x></iframe>", ["<div>", "<iframe>"]),
        ("Note <!-- hidden -->", ["<!-- -->"]),
        ("# A heading level the site does not use\n\n![image](x.png)", ["<h1>", "<img>"]),
    ],
)
def test_what_the_sanitiser_would_drop_is_named(text, named):
    assert dropped_constructs(text) == named


@pytest.mark.parametrize(
    "text",
    ["", "Plain prose, 1 < 2 and 3 > 2.", "**bold** [a link](https://example.org) <abbr title=\"t\">b</abbr>",
     '<span lang="en">English</span> and `code` and\n\n## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |',
     "[[figure:8]] in a body"],
)  # fmt: skip
def test_what_the_page_shows_in_full_passes(text):
    assert dropped_constructs(text) == []
