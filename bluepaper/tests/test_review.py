"""Review that can't be bypassed: an editor's change to anything public waits for a publisher,
by every admin route (the reproductions S2, S3, S4, S7, S8 and E7 of the December review)."""

import pytest
from django.core import mail
from django.test import Client

from bluepaper.models import Challenge, Chapter, Finding, Report
from core.locking import state_token
from core.models import PendingChange
from core.publishing import Status
from core.tests.admin_forms import csrf_token, form_values, post_form
from indicators.models import Indicator, Observation, Region, Source
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def admin_url(obj, view="change"):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/{view}/"


def public_html(obj):
    return Client().get(obj.get_absolute_url(), follow=True).content.decode()


def test_an_editors_change_to_a_published_finding_waits_for_approval(editor, publisher, mails):
    publisher.user.email = "publisher@example.org"
    publisher.user.save()
    finding = Finding.objects.published().first()
    before = public_html(finding)
    with mails():
        response = post_form(
            editor, admin_url(finding), {"title_zh_hans": "编辑提议的新标题", "workflow_comment": "改标题"}
        )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.title_zh_hans != "编辑提议的新标题"
    assert "编辑提议的新标题" not in public_html(finding) and public_html(finding) == before
    change = PendingChange.objects.get()
    assert change.data == {"title_zh_hans": "编辑提议的新标题"} and change.note == "改标题"
    assert mail.outbox[-1].to == ["publisher@example.org"]

    review = publisher.get(f"/admin/core/pendingchange/{change.pk}/change/")
    assert "编辑提议的新标题" in review.content.decode()
    publisher.post(
        review.request["PATH_INFO"], {"_approve": "", "comment": "", "csrfmiddlewaretoken": csrf_token(review)}
    )
    finding.refresh_from_db()
    assert finding.title_zh_hans == "编辑提议的新标题"
    assert "编辑提议的新标题" in public_html(finding)
    assert finding.versions.count() == 2  # the approval published version 2


def test_a_change_sent_back_keeps_the_public_page_and_tells_the_editor_why(editor, publisher, mails):
    editor.user.email = "editor@example.org"
    editor.user.save()
    finding = Finding.objects.published().first()
    post_form(editor, admin_url(finding), {"summary_zh_hans": "一个不准确的摘要。"})
    change = PendingChange.objects.get()
    review = publisher.get(f"/admin/core/pendingchange/{change.pk}/change/")
    path = review.request["PATH_INFO"]
    publisher.post(path, {"_send_back": "", "comment": "", "csrfmiddlewaretoken": csrf_token(review)})
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING  # a reason is required
    with mails():
        publisher.post(path, {"_send_back": "", "comment": "摘要与来源不符", "csrfmiddlewaretoken": csrf_token(review)})
    change.refresh_from_db()
    assert change.state == PendingChange.State.RETURNED
    assert "摘要与来源不符" in mail.outbox[-1].body and mail.outbox[-1].to == ["editor@example.org"]
    assert "摘要与来源不符" in editor.get(admin_url(finding)).content.decode()
    finding.refresh_from_db()
    assert finding.summary_zh_hans != "一个不准确的摘要。"


def test_while_a_change_awaits_review_the_item_is_read_only_for_editors(editor):
    finding = Finding.objects.published().first()
    post_form(editor, admin_url(finding), {"title_en": "First proposal"})
    assert 'name="_save"' not in editor.get(admin_url(finding)).content.decode()
    assert editor.post(admin_url(finding), {"title_en": "Second"}).status_code == 403


def test_s2_an_editor_cannot_republish_by_restoring_a_published_version(editor, publisher):
    finding = Finding.objects.published().first()
    post_form(publisher, admin_url(finding), {"status": Status.DRAFT})
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT
    published_version = finding.history.filter(status=Status.PUBLISHED).order_by("history_date").first()
    restore_url = f"{admin_url(finding, 'history')}{published_version.history_id}/restore/"
    page = editor.get(restore_url)
    assert page.status_code == 200
    editor.post(restore_url, {"csrfmiddlewaretoken": csrf_token(page)})
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT
    assert Client().get(f"/findings/{finding.key}/").status_code in (404, 410)


def test_an_editors_restore_of_a_public_item_is_a_proposal(editor, publisher):
    finding = Finding.objects.published().first()
    original = finding.title_zh_hans
    post_form(publisher, admin_url(finding), {"title_zh_hans": "出版者的新标题"})
    first = finding.history.order_by("history_date").first()
    restore_url = f"{admin_url(finding, 'history')}{first.history_id}/restore/"
    page = editor.get(restore_url)
    editor.post(restore_url, {"csrfmiddlewaretoken": csrf_token(page)})
    finding.refresh_from_db()
    assert finding.title_zh_hans == "出版者的新标题"
    assert PendingChange.objects.get().data["title_zh_hans"] == original


def test_s3_an_editors_change_to_a_source_in_use_goes_to_review(editor):
    source = Source.objects.get(pk=1)
    finding = Finding.objects.published().filter(source=source).first() or Finding.objects.published().first()
    response = post_form(editor, admin_url(source), {"url": "https://evil.example/"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.url != "https://evil.example/"
    assert "evil.example" not in public_html(finding)
    assert PendingChange.objects.get().data == {"url": "https://evil.example/"}


def test_s4_an_editor_cannot_publish_an_inline_row(editor):
    indicator = Indicator.objects.create(name_zh_hans="草稿指标", name_en="Draft indicator", slug="draft-indicator")
    page = editor.get(admin_url(indicator))
    assert 'name="observations-0-status"' not in page.content.decode()
    data = form_values(page.content.decode())
    data.update({
        "observations-0-region": ["1"], "observations-0-period_kind": ["year"], "observations-0-period_year": ["2024"],
        "observations-0-value": ["1"], "observations-0-qualifier": ["exact"], "observations-0-status": ["published"],
        "csrfmiddlewaretoken": [csrf_token(page)],
    })  # fmt: skip
    assert editor.post(admin_url(indicator), data).status_code == 302
    assert list(indicator.observations.values_list("status", flat=True)) == [Status.DRAFT]


def test_s7_a_stale_form_is_refused_with_both_versions_and_nothing_is_lost(publisher):
    finding = Finding.objects.published().first()
    tab_one, tab_two = publisher.get(admin_url(finding)), publisher.get(admin_url(finding))
    data_one, data_two = form_values(tab_one.content.decode()), form_values(tab_two.content.decode())
    data_one.update(summary_zh_hans=["第一个标签页的摘要。"], csrfmiddlewaretoken=[csrf_token(tab_one)])
    assert publisher.post(admin_url(finding), data_one).status_code == 302
    data_two.update(body_zh_hans=["第二个标签页的正文。"], csrfmiddlewaretoken=[csrf_token(tab_two)])
    conflict = publisher.post(admin_url(finding), data_two)
    assert conflict.status_code == 200
    html = conflict.content.decode()
    assert "第一个标签页的摘要。" in html and "第二个标签页的正文。" in html and "edit-conflict" in html
    finding.refresh_from_db()
    assert finding.summary_zh_hans == "第一个标签页的摘要。" and finding.body_zh_hans != "第二个标签页的正文。"
    # Having seen both, saving again keeps the second tab's version, deliberately.
    again = form_values(html)
    again["csrfmiddlewaretoken"] = [csrf_token(conflict)]
    assert publisher.post(admin_url(finding), again).status_code == 302
    finding.refresh_from_db()
    assert finding.body_zh_hans == "第二个标签页的正文。"


def test_s8_rows_that_have_been_public_are_not_deleted_through_inlines(publisher):
    strategy = Strategy.objects.published().first()
    indicator = Indicator.objects.published().filter(observations__findings__isnull=False).first()
    observation = indicator.observations.order_by("pk").first()
    page = publisher.get(admin_url(indicator))
    rows = form_values(page.content.decode())
    position = rows["observations-0-id"].index(str(observation.pk)) if "observations-0-id" in rows else 0
    response = post_form(publisher, admin_url(indicator), {f"observations-{position}-DELETE": "on"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Observation.objects.filter(pk=observation.pk).exists()
    report = Chapter.objects.published().first().report
    response = post_form(publisher, admin_url(report), {"chapters-0-DELETE": "on"})
    assert response.status_code == 200
    assert Chapter.objects.published().count() == Chapter.objects.filter(status=Status.PUBLISHED).count()
    assert strategy.pk


def test_e7_a_published_correction_note_cannot_be_deleted(publisher):
    finding = Finding.objects.published().first()
    finding.change_notes.create(text_zh_hans="更正：数字有误。", text_en="Correction.")
    page = publisher.get(admin_url(finding)).content.decode()
    assert 'name="change_notes-0-DELETE"' not in page


EDITOR_ACTIONS = ["submit_for_review", "publish_selected", "unpublish_selected", "archive_selected", "delete_selected"]


def live_objects():
    """One published object of every publishable type, and the shared source."""
    models = [Report, Chapter, Finding, Challenge, Strategy, Indicator, Observation, Region]
    return [model.objects.published().order_by("pk").first() for model in models] + [Source.objects.get(pk=1)]


def test_an_editor_tries_every_admin_route_and_nothing_public_changes(editor):
    objects = live_objects()
    tokens = {(type(obj), obj.pk): state_token(type(obj), obj.pk) for obj in objects}
    pages = {obj.get_absolute_url(): public_html(obj) for obj in objects if hasattr(obj, "get_absolute_url")}
    for obj in objects:
        change = admin_url(obj)
        page = editor.get(change)
        if page.status_code == 200 and 'name="_save"' in page.content.decode():
            # A change to a text field, a forged status and publish button, in one post.
            text_field = next(name for name in form_values(page.content.decode()) if name.endswith("_zh_hans"))
            post_form(editor, change, {text_field: "编辑的改动", "status": "published", "_approve": ""})
        opts = obj._meta
        changelist = f"/admin/{opts.app_label}/{opts.model_name}/"
        listing = editor.get(changelist)
        for action in EDITOR_ACTIONS:
            editor.post(changelist, {"action": action, "_selected_action": [obj.pk], "post": "yes",
                                     "csrfmiddlewaretoken": listing.cookies["csrftoken"].value})  # fmt: skip
        editor.post(
            admin_url(obj, "delete"), {"post": "yes", "csrfmiddlewaretoken": listing.cookies["csrftoken"].value}
        )
        for record in obj.history.all():
            restore = f"{admin_url(obj, 'history')}{record.history_id}/restore/"
            editor.post(restore, {"csrfmiddlewaretoken": listing.cookies["csrftoken"].value})
    for obj in objects:
        assert state_token(type(obj), obj.pk) == tokens[(type(obj), obj.pk)], obj
    for url, html in pages.items():
        assert Client().get(url, follow=True).content.decode() == html, url
    assert PendingChange.objects.filter(state=PendingChange.State.PENDING).exists()


def test_the_admin_home_counts_the_changes_awaiting_review(editor, publisher):
    finding = Finding.objects.published().first()
    post_form(editor, admin_url(finding), {"title_en": "A proposal"})
    home = publisher.get("/admin/").content.decode()
    assert "/admin/core/pendingchange/?state__exact=pending" in home
    assert ">1 " in home.split("/admin/core/pendingchange/?state__exact=pending", 1)[1][:40]


def test_a_pending_change_is_named_by_the_item_as_it_stands(editor):
    finding = Finding.objects.published().first()
    post_form(editor, admin_url(finding), {"title_zh_hans": "提议的新标题"})
    assert PendingChange.objects.get().object_repr in (finding.title_zh_hans, finding.title_en)
