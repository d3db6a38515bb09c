"""Draft → in review → published (→ archived): who may do what, scheduling, the review queue."""

from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from core.tests.admin_forms import logged_in_client, post_form

pytestmark = pytest.mark.django_db


def change_url(finding):
    return f"/admin/bluepaper/finding/{finding.pk}/change/"


def public_status(finding):
    return Client().get(f"/findings/{finding.key}/").status_code


def draft_in_seed_chapter(**kwargs):
    chapter = Finding.objects.published().first().chapter
    return FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None, **kwargs)


def test_editor_submits_and_publisher_approves(editor, publisher):
    finding = draft_in_seed_chapter()
    assert post_form(editor, change_url(finding), {"status": Status.REVIEW}).status_code == 302
    finding.refresh_from_db()
    assert finding.status == Status.REVIEW
    assert public_status(finding) == 404

    assert post_form(publisher, change_url(finding), {"status": Status.PUBLISHED}).status_code == 302
    finding.refresh_from_db()
    assert finding.status == Status.PUBLISHED and finding.published_at is not None
    assert public_status(finding) == 301


def test_an_editor_cannot_publish_even_by_forging_the_form(editor):
    finding = draft_in_seed_chapter()
    page = editor.get(change_url(finding)).content.decode()
    assert 'value="published"' not in page and 'value="archived"' not in page
    response = post_form(editor, change_url(finding), {"status": Status.PUBLISHED})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT
    assert public_status(finding) == 404


def test_an_editor_cannot_publish_with_a_list_action(editor):
    finding = draft_in_seed_chapter()
    changelist = editor.get("/admin/bluepaper/finding/")
    assert "publish_selected" not in changelist.content.decode()
    assert "submit_for_review" in changelist.content.decode()
    editor.post(
        "/admin/bluepaper/finding/",
        {"action": "publish_selected", "_selected_action": [finding.pk],
         "csrfmiddlewaretoken": changelist.cookies["csrftoken"].value},
    )  # fmt: skip
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT


def test_an_editor_cannot_change_published_content(editor):
    published = Finding.objects.published().first()
    assert "Save" not in editor.get(change_url(published)).content.decode().split("submit-row", 1)[-1][:400]
    response = post_form(editor, change_url(published), {"title_en": "Sneaky edit"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title_en != "Sneaky edit"


def test_a_publisher_schedules_and_the_content_goes_live_at_that_time(publisher):
    finding = draft_in_seed_chapter()
    go_live = (timezone.now() + timezone.timedelta(days=2)).astimezone(timezone.get_current_timezone())
    response = post_form(
        publisher,
        change_url(finding),
        {"status": Status.PUBLISHED, "published_at_0": go_live.strftime("%Y-%m-%d"),
         "published_at_1": go_live.strftime("%H:%M:%S")},
    )  # fmt: skip
    assert response.status_code == 302
    assert public_status(finding) == 404
    queue = publisher.get("/admin/bluepaper/finding/?publication=scheduled").content.decode()
    assert change_url(finding) in queue

    with mock.patch("django.utils.timezone.now", return_value=go_live - timezone.timedelta(minutes=1)):
        assert public_status(finding) == 404
    with mock.patch("django.utils.timezone.now", return_value=go_live + timezone.timedelta(minutes=1)):
        assert public_status(finding) == 301
        assert finding.title_zh_hans in Client().get(finding.chapter.get_absolute_url()).content.decode()


def test_the_admin_lists_what_awaits_review(publisher):
    waiting = draft_in_seed_chapter(title_zh_hans="待审的发现")
    waiting.status = Status.REVIEW
    waiting.save()
    queue = publisher.get("/admin/bluepaper/finding/?publication=review").content.decode()
    assert change_url(waiting) in queue
    assert change_url(Finding.objects.published().first()) not in queue


def test_published_content_cannot_be_deleted_only_archived(publisher):
    published = Finding.objects.published().first()
    assert publisher.get(f"/admin/bluepaper/finding/{published.pk}/delete/").status_code == 403
    draft = draft_in_seed_chapter()
    assert publisher.get(f"/admin/bluepaper/finding/{draft.pk}/delete/").status_code == 200


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_neither_group_manages_users_or_groups(group):
    client = logged_in_client("someone", group)
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/auth/group/add/"):
        assert client.get(url).status_code == 403, (group, url)


def test_the_admin_home_shows_the_editorial_queue(publisher):
    waiting = draft_in_seed_chapter()
    waiting.status = Status.REVIEW
    waiting.save()
    home = publisher.get("/admin/").content.decode()
    assert "/admin/bluepaper/finding/?publication=review" in home
