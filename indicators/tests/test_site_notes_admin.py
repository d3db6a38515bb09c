"""Site notes go through the admin's one write path: editors submit, publishers publish, versions recorded."""

import pytest

from core.publishing import Status
from core.tests.admin_forms import post_form
from indicators.models import Indicator, SiteNote

pytestmark = pytest.mark.django_db

ADD = "/admin/indicators/sitenote/add/"


def test_an_editor_writes_a_site_note_that_stays_off_the_site_until_a_publisher_approves(editor, publisher, client):
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    response = post_form(
        editor,
        ADD,
        {
            "text_zh_hans": "本站测试注。",
            "text_en": "A site test note.",
            "basis_zh_hans": "本站测试依据。",
            "basis_en": "A test basis.",
            "indicators": [str(indicator.pk)],
            "_submit_review": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    note = SiteNote.objects.get(text_en="A site test note.")
    assert note.status == Status.REVIEW
    assert "A site test note." not in client.get(f"/en{indicator.get_absolute_url()}").content.decode()

    change = f"/admin/indicators/sitenote/{note.pk}/change/"
    assert post_form(publisher, change, {"_approve": ""}).status_code == 302
    note.refresh_from_db()
    assert note.status == Status.PUBLISHED
    html = client.get(f"/en{indicator.get_absolute_url()}").content.decode()
    assert "A site test note." in html and "Site note" in html and "A test basis." in html
    assert note.history.count() >= 2
    assert list(note.history.latest().indicators.values_list("indicator_id", flat=True)) == [indicator.pk]


def test_an_editor_cannot_publish_a_site_note(editor):
    response = post_form(editor, ADD, {"text_zh_hans": "注", "basis_zh_hans": "依据", "status": "published"})
    note = SiteNote.objects.filter(text_zh_hans="注").first()
    assert note is None or note.status != Status.PUBLISHED, response.status_code
