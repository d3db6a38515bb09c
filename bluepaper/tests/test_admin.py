"""Editors work through the admin's real forms, with CSRF checks on."""

import pytest
from django.test import Client

from bluepaper.models import Chapter, Finding
from core.publishing import Status
from core.tests.admin_forms import post_form
from indicators.models import Indicator, Observation, Region

pytestmark = pytest.mark.django_db


def finding_form(**overrides):
    chapter = Chapter.objects.get(slug="progress")
    data = {
        "chapter": chapter.pk, "order": 9, "slug": "a-finding-an-editor-added",
        "title_zh_hans": "编辑新增的发现", "title_en": "A finding an editor added",
        "summary_zh_hans": "中文摘要。", "summary_en": "English summary.",
        "body_zh_hans": "正文**加粗**", "body_en": "Body **bold**",
        "indicators": [Indicator.objects.get(slug="high-speed-rail-mileage").pk],
        "regions": [Region.objects.get(slug="tianjin").pk],
        "locator": "[3]", "status": Status.DRAFT, "published_at_0": "", "published_at_1": "",
    }  # fmt: skip
    return {**data, **overrides}


def test_editor_writes_and_submits_a_finding_a_publisher_publishes_it_and_it_shows(editor, publisher):
    response = post_form(editor, "/admin/bluepaper/finding/add/", finding_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    finding = Finding.objects.get(slug="a-finding-an-editor-added")
    assert finding.status == Status.DRAFT
    assert Client().get(f"/findings/{finding.key}/").status_code == 404

    change_url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(editor, change_url, finding_form(status=Status.REVIEW))
    assert response.status_code == 302
    assert Client().get(f"/findings/{finding.key}/").status_code == 404

    response = post_form(publisher, change_url, finding_form(status=Status.PUBLISHED))
    assert response.status_code == 302
    url = finding.get_absolute_url()
    public = Client()
    assert public.get(f"/findings/{finding.key}/").status_code == 301
    chinese = public.get(url).content.decode()
    english = public.get(f"/en{url}").content.decode()
    assert "编辑新增的发现" in chinese and "A finding an editor added" in english
    assert "<strong>bold</strong>" in english
    indicator_page = public.get("/en/indicators/high-speed-rail-mileage/").content.decode()
    assert f"/en{url}" in indicator_page
    assert url in public.get("/regions/tianjin/").content.decode()


def test_a_malformed_observation_value_is_a_form_error(editor):
    before = Observation.objects.count()
    response = post_form(
        editor,
        "/admin/indicators/observation/add/",
        {
            "indicator": Indicator.objects.first().pk,
            "region": Region.objects.first().pk,
            "period_kind": "year",
            "period_year": "2024",
            "value": "12,9x5",
            "qualifier": "exact",
            "status": Status.DRAFT,
            "published_at_0": "",
            "published_at_1": "",
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Observation.objects.count() == before


def test_an_observation_needs_a_number_or_words(editor):
    response = post_form(
        editor,
        "/admin/indicators/observation/add/",
        {
            "indicator": Indicator.objects.first().pk,
            "region": Region.objects.first().pk,
            "period_kind": "year",
            "period_year": "2024",
            "value": "",
            "qualifier": "exact",
            "status": Status.DRAFT,
            "published_at_0": "",
            "published_at_1": "",
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_editors_cannot_manage_users_or_groups(editor):
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert editor.get(url).status_code == 403, url
    index = editor.get("/admin/").content.decode()
    assert "/admin/bluepaper/finding/" in index
    assert "/admin/auth/user/" not in index


def test_admin_lists_and_forms_open_for_every_model(editor):
    for app, model in [
        ("bluepaper", "report"), ("bluepaper", "chapter"),
        ("bluepaper", "finding"), ("bluepaper", "challenge"),
        ("indicators", "source"), ("indicators", "region"), ("indicators", "indicator"),
        ("indicators", "observation"), ("policies", "strategy"),
    ]:  # fmt: skip
        assert editor.get(f"/admin/{app}/{model}/").status_code == 200, model
        assert editor.get(f"/admin/{app}/{model}/add/").status_code == 200, model
        assert editor.get(f"/admin/{app}/{model}/?q=京津冀").status_code == 200, model


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/bluepaper/finding/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
