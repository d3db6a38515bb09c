"""Every edit is a version; any version can be restored; each publication keeps its own URL."""

import pytest
from django.test import Client
from django.utils.html import escape

from bluepaper.models import Finding
from core.history import record_version, untracked_in_diffs
from core.tests.admin_forms import post_form
from indicators.models import Indicator, Observation, Region

pytestmark = pytest.mark.django_db


def snapshot(finding):
    finding.refresh_from_db()
    return {
        "fields": {
            name: getattr(finding, name)
            for name in (
                "title_zh_hans",
                "title_en",
                "summary_zh_hans",
                "summary_en",
                "body_zh_hans",
                "body_en",
                "slug",
                "locator",
                "featured",
                "status",
            )
        },  # fmt: skip
        "observations": set(finding.observations.values_list("pk", flat=True)),
        "indicators": set(finding.indicators.values_list("pk", flat=True)),
        "regions": set(finding.regions.values_list("pk", flat=True)),
    }


def edit(client, finding, n):
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    other_observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    changes = {
        "title_zh_hans": f"第{n}次修改的标题", "title_en": f"Title after edit {n}",
        "summary_en": f"Summary {n}", "body_zh_hans": f"正文{n}", "featured": [],
        "observations": [str(other_observation.pk)],
        "indicators": [str(Indicator.objects.get(slug="high-speed-rail-mileage").pk)],
        "regions": [str(Region.objects.get(slug="hebei").pk)],
    }  # fmt: skip
    response = post_form(client, url, changes)
    assert response.status_code == 302, response.content.decode()[:500]


def test_three_edits_then_restoring_version_one_brings_everything_back(publisher):
    finding = Finding.objects.published().get(indicators__slug="resident-population")
    original = snapshot(finding)
    first = finding.history.earliest()
    for n in (1, 2, 3):
        edit(publisher, finding, n)
    assert snapshot(finding) != original
    versions_before = finding.history.count()

    history_page = publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    restore_url = f"/admin/bluepaper/finding/{finding.pk}/history/{first.history_id}/restore/"
    assert restore_url in history_page
    confirmation = publisher.get(restore_url)
    assert "Title after edit 3" in confirmation.content.decode()  # the field-by-field difference
    response = publisher.post(restore_url, {"csrfmiddlewaretoken": confirmation.cookies["csrftoken"].value})
    assert response.status_code == 302

    assert snapshot(finding) == original
    assert finding.history.count() > versions_before  # the restore is itself a version


def test_each_publication_keeps_its_exact_text_at_its_version_url(publisher):
    finding = Finding.objects.published().get(indicators__slug="resident-population")
    first_title = escape(finding.title_en)
    v1 = f"/en/findings/{finding.key}/v1/"
    assert first_title in Client().get(v1).content.decode()

    edit(publisher, finding, 1)
    edit(publisher, finding, 2)
    old = Client().get(v1).content.decode()
    assert first_title in old and "12.935 million" in old
    assert "Title after edit" not in old
    assert f'href="/en/findings/{finding.key}/"' in old  # notice links to the current version
    assert "A newer version" in old
    newest = finding.versions.order_by("-number").first()
    assert newest.number == 3
    assert "Title after edit 2" in Client().get(f"/en/findings/{finding.key}/v3/").content.decode()
    assert Client().get(f"/en/findings/{finding.key}/v4/").status_code == 404


def test_saving_without_a_change_adds_no_published_version(publisher):
    finding = Finding.objects.published().first()
    count = finding.versions.count()
    post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {})
    assert finding.versions.count() == count


def test_a_correction_note_shows_with_the_update_date(publisher):
    finding = Finding.objects.published().first()
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(
        publisher, url,
        {"change_notes-TOTAL_FORMS": "1", "change_notes-0-date": "2026-11-20",
         "change_notes-0-text_zh_hans": "更正了数据来源的段落编号。",
         "change_notes-0-text_en": "Corrected the paragraph reference of the source."},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:800]
    english = Client().get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    assert "Updated" in english and "2026-11-20" in english
    assert "Corrected the paragraph reference of the source." in english
    chinese = Client().get(f"/findings/{finding.key}/{finding.slug}/").content.decode()
    assert "更正了数据来源的段落编号。" in chinese


def test_browser_line_ends_are_not_recorded_as_changes(publisher):
    finding = Finding.objects.published().first()
    original = f"{finding.body_en}\n\nA second paragraph."
    Finding.objects.filter(pk=finding.pk).update(body_en=original)  # a body of two paragraphs, as stored
    record_version(Finding.objects.get(pk=finding.pk))
    stored = finding.history.latest()
    post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"body_en": original.replace("\n", "\r\n")})
    finding.refresh_from_db()
    assert finding.body_en == original
    hidden = untracked_in_diffs(Finding)  # modeltranslation's mirror columns follow the admin's language
    assert not finding.history.latest().diff_against(stored, excluded_fields=hidden).changed_fields


def test_versions_of_a_finding_whose_chapter_is_unpublished_are_not_public():
    finding = Finding.objects.published().select_related("chapter").first()
    assert Client().get(f"/findings/{finding.key}/v1/").status_code == 200
    finding.chapter.status = "draft"
    finding.chapter.save()
    assert Client().get(f"/findings/{finding.key}/v1/").status_code == 404
