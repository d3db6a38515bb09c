"""Editor Markdown is rendered and sanitised: no script survives."""

from core.text import render_markdown


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
