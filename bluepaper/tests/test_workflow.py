"""Draft → in review → published (→ archived): who may do what, scheduling, the review queue."""

from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core.models import ReviewEvent
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


def with_email(client, address):
    client.user.email = address
    client.user.save()
    return client


def test_editor_submits_with_the_button_and_publisher_approves_with_a_comment(editor, publisher, mails):
    with_email(editor, "editor@example.org")
    with_email(publisher, "publisher@example.org")
    finding = draft_in_seed_chapter()
    with mails():
        response = post_form(editor, change_url(finding), {"_submit_review": "", "workflow_comment": "请审阅"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == Status.REVIEW
    assert public_status(finding) == 404
    assert [m.to for m in mail.outbox] == [["publisher@example.org"]]
    assert "请审阅" in mail.outbox[0].body and change_url(finding) in mail.outbox[0].body

    with mails():
        assert (
            post_form(publisher, change_url(finding), {"_approve": "", "workflow_comment": "很好"}).status_code == 302
        )
    finding.refresh_from_db()
    assert finding.status == Status.PUBLISHED and finding.published_at is not None
    assert public_status(finding) == 301
    assert mail.outbox[-1].to == ["editor@example.org"] and "很好" in mail.outbox[-1].body
    steps = ReviewEvent.objects.filter(object_id=finding.pk).values_list("action", "comment")
    assert set(steps) == {("submitted", "请审阅"), ("published", "很好")}


def test_a_publisher_sends_back_with_a_reason_that_the_editor_reads(editor, publisher, mails):
    with_email(editor, "editor@example.org")
    finding = draft_in_seed_chapter()
    post_form(editor, change_url(finding), {"_submit_review": ""})

    refused = post_form(publisher, change_url(finding), {"_send_back": "", "workflow_comment": ""})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    finding.refresh_from_db()
    assert finding.status == Status.REVIEW

    with mails():
        sent_back = post_form(publisher, change_url(finding), {"_send_back": "", "workflow_comment": "数字需核对来源"})
    assert sent_back.status_code == 302
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT
    assert "数字需核对来源" in editor.get(change_url(finding)).content.decode()
    assert mail.outbox[-1].to == ["editor@example.org"] and "数字需核对来源" in mail.outbox[-1].body


def test_an_item_in_review_is_locked_for_editors(editor):
    finding = draft_in_seed_chapter()
    post_form(editor, change_url(finding), {"_submit_review": ""})
    page = editor.get(change_url(finding)).content.decode()
    assert 'name="_save"' not in page
    response = editor.post(change_url(finding), {"title_zh_hans": "偷改"})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.title_zh_hans != "偷改"


def test_an_editor_cannot_publish_even_by_forging_the_form(editor):
    finding = draft_in_seed_chapter()
    page = editor.get(change_url(finding)).content.decode()
    assert 'value="published"' not in page and 'value="archived"' not in page
    post_form(editor, change_url(finding), {"status": Status.PUBLISHED, "_approve": ""})
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
