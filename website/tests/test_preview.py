"""Staff preview drafts and unsaved changes exactly as published; nobody else can."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from core.tests.admin_forms import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    chapter = Finding.objects.published().first().chapter
    return FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None,
                          title_zh_hans="预览中的草稿", title_en="A draft in preview")  # fmt: skip


def preview_url(finding, prefix=""):
    return f"{prefix}/preview/bluepaper/finding/{finding.pk}/"


def test_staff_see_a_draft_as_the_public_page_will_show_it(editor, draft):
    chinese = editor.get(preview_url(draft))
    assert chinese.status_code == 200
    assert "预览中的草稿" in chinese.content.decode()
    assert 'class="preview-banner"' in chinese.content.decode()
    english = editor.get(preview_url(draft, "/en")).content.decode()
    assert "A draft in preview" in english and '<html lang="en"' in english
    assert "no-cache" in chinese["Cache-Control"]


def test_anonymous_and_non_staff_visitors_get_a_404(draft):
    assert Client().get(preview_url(draft)).status_code == 404
    reader = Client()
    # force_login: Client.login authenticates without a request, which login throttling refuses.
    reader.force_login(User.objects.create_user("reader", password="a-long-reader-passphrase"))
    assert reader.get(preview_url(draft)).status_code == 404
    assert Client().get("/preview/auth/user/1/").status_code == 404


def test_a_pending_change_to_a_published_finding_is_previewed_without_saving(publisher):
    finding = Finding.objects.published().first()
    change_url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    assert preview_url(finding) in publisher.get(change_url).content.decode()
    response = post_form(publisher, change_url, {"title_zh_hans": "尚未保存的新标题"}, submit_to=preview_url(finding))
    assert response.status_code == 200
    assert "尚未保存的新标题" in response.content.decode()
    finding.refresh_from_db()
    assert finding.title_zh_hans != "尚未保存的新标题"
    assert "尚未保存的新标题" not in Client().get(finding.get_absolute_url()).content.decode()


def test_a_preview_of_an_invalid_form_says_what_is_wrong_and_saves_nothing(publisher):
    finding = Finding.objects.published().first()
    change_url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(publisher, change_url, {"title_zh_hans": ""}, submit_to=preview_url(finding))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
