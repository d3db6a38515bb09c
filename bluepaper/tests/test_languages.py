"""Two languages: fallbacks are marked with their own `lang`, errors speak the reader's language."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation
from django.utils.html import escape

from bluepaper.models import Finding

pytestmark = pytest.mark.django_db


def test_missing_english_falls_back_to_chinese_marked_as_such(client):
    finding = Finding.objects.published().first()
    finding.title_en = ""
    finding.body_en = ""
    finding.save()
    html = client.get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    assert f'<span lang="zh-Hans">{escape(finding.title_zh_hans)}</span>' in html
    assert 'lang="zh-Hans"' in html.split("<main", 1)[1]
    assert "not yet available in English" in html


def test_complete_english_pages_carry_no_chinese_fragment_in_main(client):
    finding = Finding.objects.published().first()
    html = client.get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert escape(finding.title_en) in main
    assert "not yet available in English" not in main


@pytest.mark.parametrize(("language", "lang_tag"), [("zh-hans", "zh-Hans"), ("en", "en")])
def test_server_error_page_speaks_the_readers_language(language, lang_tag):
    request = RequestFactory().get("/")
    server_error = get_resolver().resolve_error_handler(500)  # the root URLconf's handler500
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    assert f'<html lang="{lang_tag}"' in response.content.decode()


def test_pages_forbid_inline_script_and_style(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
