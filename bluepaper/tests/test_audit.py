"""The admin shows who changed what, and when: per object (versions) and across every model."""

import pytest

from bluepaper.models import Finding
from core.tests.admin_forms import logged_in_client, post_form

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_which_field(publisher):
    finding = Finding.objects.published().first()
    post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"title_en": "Audited new title"})
    history = publisher.get(f"/admin/bluepaper/finding/{finding.pk}/history/").content.decode()
    assert "publisher" in history
    assert "<dt>Title (English)</dt>" in history and "Audited new title" in history  # field, old → new


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_the_audit_trail_lists_changes_in_every_model(publisher, group):
    client = logged_in_client("someone", group)
    finding = Finding.objects.published().first()
    post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"title_en": "Audited again"})
    trail = client.get("/admin/admin/logentry/")
    assert trail.status_code == 200
    html = trail.content.decode()
    assert "publisher" in html and "Audited again" in html  # who, and the object as it was named
    assert "Title (English)" in html
    assert "/admin/admin/logentry/add/" not in html
