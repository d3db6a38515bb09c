"""A Chinese editor reads the admin in Chinese, with no codes: labels, headings, history, links."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from bluepaper.models import Finding
from bluepaper.selectors import public_versions_by_revision
from core.publishing import Status
from core.tests.admin_forms import logged_in_client, post_form

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = re.compile(r"\[(zh-hans|en)\]|_zh_hans\b(?![\"'])|\bsummary_en\b")


@pytest.fixture
def chinese_editor(db):
    return logged_in_client("zh-editor", "Editors", language="zh-hans")


@pytest.fixture
def chinese_publisher(db):
    return logged_in_client("zh-publisher", "Publishers", language="zh-hans")


def visible_text(page):
    """The page's text as a reader sees it: no tags, attributes, scripts or styles."""
    html = page.content.decode() if hasattr(page, "content") else page
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def seeded_finding():
    return Finding.objects.published().get(indicators__slug="resident-population")


def edit_finding(client, finding, **changes):
    response = post_form(client, f"/admin/bluepaper/finding/{finding.pk}/change/", changes)
    assert response.status_code == 302, response.content.decode()[:800]


# Field labels and headings -----------------------------------------------------------------


def test_translated_fields_are_labelled_by_language_in_words_in_chinese(chinese_editor):
    page = chinese_editor.get("/admin/bluepaper/finding/add/")
    text = visible_text(page)
    assert "标题（中文）" in text and "标题（English）" in text
    assert "摘要（中文）" in text and "正文（English）" in text
    assert "[zh-hans]" not in text and "[en]" not in text


def test_translated_fields_are_labelled_by_language_in_words_in_english(editor):
    text = visible_text(editor.get("/admin/bluepaper/finding/add/"))
    assert "Title (Chinese)" in text and "Title (English)" in text
    assert "[zh-hans]" not in text and "[en]" not in text


def test_the_admin_home_has_no_english_heading_in_chinese(chinese_editor):
    text = visible_text(chinese_editor.get("/admin/"))
    assert "编辑部" in text
    for english in ("Core", "CORE", "Editorial desk", "Report", "Data"):
        assert not re.search(rf"\b{english}\b", text), english


# History -------------------------------------------------------------------------------------


def test_the_history_shows_whole_texts_with_the_changes_marked_and_labels(chinese_publisher):
    finding = Finding.objects.published().get(key="e9gs4")  # the seed's longest body
    long_body = finding.body_zh_hans
    assert len(long_body) > 100
    edit_finding(chinese_publisher, finding, body_zh_hans=long_body.replace("。", "，有所变化。", 1))
    page = chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/")
    html = page.content.decode()
    assert "chars]" not in html
    assert "<ins>，有所变化</ins>" in html
    assert escape(long_body[-40:]) in html  # the whole text, up to its end
    text = visible_text(page)
    assert "正文（中文）" in text
    assert not LANGUAGE_CODES.search(text)


def test_texts_in_the_history_are_escaped(chinese_publisher):
    finding = seeded_finding()
    edit_finding(chinese_publisher, finding, summary_en="Stress on <em>this</em> & more")
    html = chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    assert "<em>this</em>" not in html
    assert "&lt;em&gt;this&lt;/em&gt;" in html


def test_history_revisions_are_numbered_per_object_and_match_public_versions(chinese_publisher):
    """E6: history offered "恢复第8版" (a database id) while the public site numbered 1–4."""
    finding = seeded_finding()
    edit_finding(chinese_publisher, finding, title_zh_hans="第二次发布的标题")
    edit_finding(chinese_publisher, finding, featured=[])  # a revision the page does not show: no version
    edit_finding(chinese_publisher, finding, summary_en="A saved change to English only.")
    assert list(finding.versions.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    records = list(finding.history.order_by("history_date", "history_id"))
    assert len(records) == 4
    assert public_versions_by_revision(finding.pk) == {
        records[0].history_id: 1, records[1].history_id: 2, records[3].history_id: 3,
    }  # fmt: skip

    page = chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/")
    text = " ".join(visible_text(page).split())
    for number in range(1, 5):
        assert f"第 {number} 次修订" in text
    assert text.count("公开第") == 3
    assert "公开第 1 版" in text and "公开第 2 版" in text and "公开第 3 版" in text
    assert "恢复第 1 次修订…" in text and "恢复第 3 次修订…" in text
    assert not re.search(r"恢复第 ?\d+ ?版", text)


def test_the_restore_page_uses_labels_and_the_restore_reason_reads_in_words(chinese_publisher):
    finding = seeded_finding()
    edit_finding(chinese_publisher, finding, title_zh_hans="改过的标题", summary_en="Changed summary.")
    first = finding.history.earliest()
    url = f"/admin/bluepaper/finding/{finding.pk}/history/{first.history_id}/restore/"
    page = chinese_publisher.get(url)
    text = visible_text(page)
    assert "标题（中文）" in text and "摘要（English）" in text
    assert "title_zh_hans" not in text and "summary_en" not in text
    assert "第 1 次修订" in text
    post_form(chinese_publisher, url, {})
    history = visible_text(chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/"))
    assert "恢复为第 1 次修订" in history
    assert "Restored version" not in history


# Links that lead nowhere -------------------------------------------------------------------


def test_an_editor_sees_no_restore_link_on_a_published_finding_they_cannot_change(chinese_editor):
    """E8: editors saw the restore link and got a bare "403 Forbidden"."""
    finding = seeded_finding()
    html = chinese_editor.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    assert "/restore/" not in html


def test_a_name_in_the_history_links_to_the_user_only_for_those_who_may_open_it(chinese_publisher):
    finding = seeded_finding()
    edit_finding(chinese_publisher, finding, summary_en="Changed by the publisher.")
    html = chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    assert "/admin/auth/user/" not in html
    superuser = User.objects.create_superuser("boss", password="a-long-boss-passphrase")
    admin = Client()
    admin.force_login(superuser)
    html = admin.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    assert f"/admin/auth/user/{chinese_publisher.user.pk}/change/" in html


def test_a_staff_member_refused_a_page_gets_a_translated_page(chinese_editor):
    finding = seeded_finding()
    finding.status = Status.REVIEW  # locked for editors until a publisher decides
    finding.save()
    first = finding.history.earliest()
    response = chinese_editor.get(f"/admin/bluepaper/finding/{finding.pk}/history/{first.history_id}/restore/")
    assert response.status_code == 403
    text = visible_text(response)
    assert "403 Forbidden" not in text
    assert "您没有权限" in text
    assert 'href="/admin/"' in response.content.decode()


def test_view_on_site_on_a_draft_leads_to_the_staff_preview(chinese_editor):
    """E8: "在站点上查看" on a draft led to a 404."""
    finding = seeded_finding()
    Finding.objects.filter(pk=finding.pk).update(status=Status.DRAFT)
    html = chinese_editor.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()
    links = re.findall(r'<a href="([^"]+)" class="viewsitelink"', html)
    assert links == [f"/preview/bluepaper/finding/{finding.pk}/"]
    assert chinese_editor.get(links[0]).status_code == 200


def test_view_on_site_on_a_public_finding_leads_to_its_page(chinese_editor):
    finding = seeded_finding()
    html = chinese_editor.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()
    links = re.findall(r'<a href="([^"]+)" class="viewsitelink"', html)
    assert len(links) == 1
    assert Client().get(links[0], follow=True).status_code == 200


def test_the_consistency_report_names_fields_by_label(chinese_publisher):
    finding = seeded_finding()
    Finding.objects.filter(pk=finding.pk).update(summary_en=finding.summary_en + " About 7,777 more.")
    text = visible_text(chinese_publisher.get("/admin/bluepaper/finding/consistency/"))
    assert "摘要（English）: 7,777" in " ".join(text.split())
    assert "summary_en" not in text and "_zh_hans" not in text


# Status, time zone, register ------------------------------------------------------------------


def test_a_scheduled_finding_is_listed_as_scheduled_until_it_is_live(chinese_editor, editor):
    """E9: a finding published for a time to come showed "已发布" in the list."""
    finding = seeded_finding()
    Finding.objects.filter(pk=finding.pk).update(published_at=timezone.now() + timedelta(days=3))

    def row(client):
        html = client.get("/admin/bluepaper/finding/").content.decode()
        rows = re.findall(r"<tr>.*?</tr>", html, re.S)
        return next(r for r in rows if f"/admin/bluepaper/finding/{finding.pk}/change/" in r)

    assert "已排期" in row(chinese_editor) and "已发布" not in row(chinese_editor)
    assert "Scheduled" in row(editor) and "Published" not in row(editor)
    Finding.objects.filter(pk=finding.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert "已发布" in row(chinese_editor)


def test_publish_times_are_said_to_be_beijing_time(chinese_publisher):
    finding = seeded_finding()
    html = chinese_publisher.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()
    assert "时间均为北京时间（UTC+8），无论您身在何处。" in html
    # The admin script's offset warning is hidden by the admin stylesheet.
    assert "core/admin/admin.css" in html
    css = (settings.BASE_DIR / "core/static/core/admin/admin.css").read_text()
    assert re.search(r"\.timezonewarning\s*\{\s*display:\s*none", css)


ADMIN_PAGES = [
    "/admin/",
    "/admin/bluepaper/finding/",
    "/admin/bluepaper/finding/add/",
    "/admin/indicators/observation/",
    "/admin/indicators/observation/import/",
    "/admin/password_change/",
]


def test_the_chinese_admin_addresses_the_editor_as_nin_throughout(chinese_editor):
    finding = seeded_finding()
    pages = [*ADMIN_PAGES, f"/admin/bluepaper/finding/{finding.pk}/history/"]
    for url in pages:
        response = chinese_editor.get(url)
        assert response.status_code == 200, url
        assert "你" not in visible_text(response), url
    assert "你" not in visible_text(Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/admin/login/"))
    scripts = chinese_editor.get("/admin/jsi18n/").content.decode("unicode_escape")
    assert "你" not in scripts
    django_message = "Are you sure?"  # Django's own string, reworded in locale/overrides
    with translation.override("zh-hans"):
        assert translation.gettext(django_message) == "您确定吗？"
