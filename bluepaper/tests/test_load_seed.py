"""`load_seed` on a database loaded earlier: it brings the seed's objects up to the fixtures,
keeps and reports what editors changed, and a second run changes nothing.

The database "loaded earlier" is the seed as it stood before the December 2026 content review
(`seed_before_review.json`: the objects the review changed, as they were), written the way the
earlier `load_seed` wrote them, with its "Seed content" version.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from bluepaper.models import Challenge, Finding, FindingVersion
from bluepaper.services import finding_publish_version
from core.history import record_version
from core.seed import ADDED_REASON, content_of, read_fixture
from core.tests.admin_forms import post_form
from indicators.models import SiteNote
from policies.models import Action

pytestmark = pytest.mark.django_db

BEFORE_REVIEW = Path(__file__).with_name("seed_before_review.json")


def load_old_seed():
    """Make the database what the earlier seed left: its values, links, versions as published.

    It had no site notes: the population caveat was the indicator's caveat and the finding's prose.
    """
    SiteNote.objects.all().delete()
    for item in serializers.deserialize("json", BEFORE_REVIEW.read_text(encoding="utf-8")):
        item.object.skip_history_when_saving = True
        item.save()
        del item.object.skip_history_when_saving
        record_version(item.object, reason=ADDED_REASON)
    for finding in Finding.objects.all():
        finding_publish_version(finding=finding)


def load_seed(*args):
    out = StringIO()
    call_command("load_seed", *args, stdout=out)
    return out.getvalue()


def seed_entries():
    return [entry for name in ("indicators", "bluepaper", "policies")
            for entry in read_fixture(settings.FIXTURE_DIRS[0] / f"{name}.json")]  # fmt: skip


def differing_from_seed():
    """The seed objects whose live content is not what the fixtures say, or that are missing."""
    differing = []
    for entry in seed_entries():
        live = entry.model._default_manager.filter(pk=entry.item.object.pk).first()
        if live is None or content_of(live, entry.fields, entry.links) != entry.content():
            differing.append((entry.model._meta.label_lower, entry.item.object.pk))
    return differing


def history_size():
    return sum(entry.model.history.count() for entry in seed_entries()) + FindingVersion.objects.count()


def test_a_fresh_seed_is_already_up_to_date():
    assert differing_from_seed() == []
    assert load_seed().strip().endswith("0 added, 0 updated, 0 kept, 0 removed, 55 unchanged.")


def test_a_database_loaded_with_the_old_seed_is_brought_to_the_new_text():
    load_old_seed()
    assert len(differing_from_seed()) == 26
    assert not SiteNote.objects.exists()
    assert Challenge.objects.get(slug="collaborative-impact").evidence.count() == 2

    output = load_seed()

    assert differing_from_seed() == []
    assert "Updated   bluepaper.finding 2: " in output
    assert "Removed   policies.action 3: 推动科研与生产无缝衔接" in output
    assert output.strip().endswith("1 added, 25 updated, 0 kept, 1 removed, 29 unchanged.")
    assert "Added     indicators.sitenote 1: " in output
    # The links the seed dropped are gone: the source calls these achievements, not evidence.
    assert not Challenge.objects.get(slug="collaborative-impact").evidence.exists()
    assert not Challenge.objects.get(slug="regional-imbalance").evidence.exists()
    assert not Action.objects.filter(pk=3).exists()


def test_each_update_is_a_version_with_its_reason_and_a_changed_finding_is_republished():
    load_old_seed()
    finding = Finding.objects.get(key="h4tq9")
    versions = finding.versions.count()
    load_seed()
    assert finding.history.latest().history_change_reason == "Updated from the seed"
    assert finding.versions.count() == versions + 1
    stored = finding.versions.latest("number").html_zh_hans
    assert "超过3200家一般制造业企业退出北京" in re.sub(r"<[^>]+>", "", stored)  # its figures are spans
    unchanged = Finding.objects.get(key="m6yv3")
    assert unchanged.history.latest().history_change_reason == ADDED_REASON


def test_what_an_editor_changed_in_the_admin_is_kept_and_reported(publisher):
    load_old_seed()
    challenge = Challenge.objects.get(slug="collaborative-impact")
    response = post_form(
        publisher, f"/admin/bluepaper/challenge/{challenge.pk}/change/", {"description_en": "An editor's words."}
    )
    assert response.status_code == 302, response.content.decode()[:500]

    output = load_seed()

    challenge.refresh_from_db()
    assert challenge.description_en == "An editor's words."
    # Kept whole: the editor's links stay too, and the old title the editor left as it was.
    assert challenge.evidence.count() == 2
    assert challenge.title_en.startswith("Weak collaborative impact")
    assert f"Kept      bluepaper.challenge {challenge.pk}: " in output
    assert "(changed by an editor)" in output
    assert output.strip().endswith("1 added, 24 updated, 1 kept, 1 removed, 29 unchanged.")
    assert not Challenge.objects.get(slug="regional-imbalance").evidence.exists()


def test_a_second_run_changes_nothing(publisher):
    load_old_seed()
    finding = Finding.objects.get(key="w3nd6")
    post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"title_en": "An editor's title"})
    load_seed()
    before = history_size()

    output = load_seed()

    assert history_size() == before
    assert output.strip().endswith("0 added, 0 updated, 1 kept, 0 removed, 54 unchanged.")
    assert "Updated" not in output and "Removed" not in output


def test_a_dry_run_reports_and_writes_nothing():
    load_old_seed()
    before = history_size()
    output = load_seed("--dry-run")
    assert "dry run: nothing written" in output and "25 updated" in output
    assert history_size() == before
    assert len(differing_from_seed()) == 26


def test_an_object_the_seed_never_wrote_is_kept():
    finding = Finding.objects.get(key="h4tq9")
    finding.history.all().delete()
    Finding.objects.filter(pk=finding.pk).update(summary_en="Older text, no seed version")
    output = load_seed()
    finding.refresh_from_db()
    assert finding.summary_en == "Older text, no seed version"
    assert "(not written by the seed)" in output
