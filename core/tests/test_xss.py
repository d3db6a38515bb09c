"""The sanitiser against the XSS corpus: whatever an editor types, the rendered HTML runs nothing.

The browser suite (website/tests/test_xss_browser.py) checks the same corpus end to end; this one
checks every payload through the text functions alone, quickly, and the corpus itself.
"""

import pytest
from django.utils.safestring import SafeData

from core.templatetags.bp import tr_plain
from core.text import dropped_constructs, markdown_html, render_markdown

from .xss import dangers, payloads

PAYLOADS = payloads()
FAMILIES = ("script", "event handler", "url", "svg", "mathml", "frame", "object", "embed", "base", "meta", "style",
            "attribute breakout", "markdown link", "markdown image", "markdown reference link", "markdown autolink",
            "template", "unclosed tag", "mutation")  # fmt: skip


def test_the_corpus_is_large_and_covers_every_family():
    assert len(PAYLOADS) >= 50
    assert len({payload for _family, payload in PAYLOADS}) == len(PAYLOADS), "a payload is listed twice"
    families = {family.split(",")[0] for family, _payload in PAYLOADS}
    assert set(FAMILIES) <= families, set(FAMILIES) - families


@pytest.mark.parametrize(("family", "payload"), PAYLOADS, ids=[f"{i}-{f}" for i, (f, _p) in enumerate(PAYLOADS)])
def test_markdown_renders_every_payload_harmlessly(family, payload):
    html = str(render_markdown(f"Before.\n\n{payload}\n\nAfter."))
    assert dangers(html) == [], html


@pytest.mark.parametrize(("family", "payload"), PAYLOADS, ids=[f"{i}-{f}" for i, (f, _p) in enumerate(PAYLOADS)])
def test_the_form_names_every_dangerous_construct_to_the_editor(family, payload):
    # Whatever the Markdown would bring in before sanitising, the form refuses with a name for it
    # (decision 0025), so the sanitiser never has to drop it silently.
    if dangers(markdown_html(payload)):
        assert dropped_constructs(payload), markdown_html(payload)


@pytest.mark.parametrize(("family", "payload"), PAYLOADS, ids=[f"{i}-{f}" for i, (f, _p) in enumerate(PAYLOADS)])
def test_plain_text_for_meta_tags_is_escaped_by_the_template(family, payload):
    plain = tr_plain(Text(payload), "summary")
    assert not isinstance(plain, SafeData), "meta descriptions must go through autoescaping"


class Text:
    """A stand-in for a content object with one text field, the same in both languages."""

    def __init__(self, text):
        self.summary_zh_hans = self.summary_en = self.summary = text
