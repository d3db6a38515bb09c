"""`make backup` and `make restore`: the round trip gives back every row and every upload, exactly."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from bluepaper.models import Finding
from core.backup import MANIFEST, content_dump

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_content_types():
    """A restore recreates the content types; the test's rollback brings the old ones back."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "chart.webp").write_bytes(b"RIFF\x00\x01webp bytes")
    return settings.MEDIA_ROOT


def backup(tmp_path):
    call_command("backup", folder=str(tmp_path / "backups"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return max((tmp_path / "backups").iterdir())


def restore(folder):
    if connection.vendor == "postgresql":
        # The test's own edits run in the same transaction as the restore (a real restore starts
        # afresh): PostgreSQL won't TRUNCATE rows with constraint checks still pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("restore", str(folder), interactive=False, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_round_trip_is_identical(tmp_path, media):
    first = backup(tmp_path)
    finding = Finding.objects.published().first()
    Finding.objects.filter(pk=finding.pk).update(title_zh_hans="被改坏的标题")
    Finding.objects.exclude(pk=finding.pk).first().delete()
    (media / "images" / "chart.webp").write_bytes(b"overwritten")
    (media / "stray.png").write_bytes(b"added after the backup")

    restore(first)

    assert Finding.objects.get(pk=finding.pk).title_zh_hans == finding.title_zh_hans
    assert (media / "images" / "chart.webp").read_bytes() == b"RIFF\x00\x01webp bytes"
    assert not (media / "stray.png").exists()
    second = backup(tmp_path)
    assert content_dump(second) == content_dump(first)
    assert len(content_dump(first)) > 100  # the seed and its history, not an empty dump


def test_times_come_back_to_the_microsecond(tmp_path, media):
    """Django's JSON keeps milliseconds: 10:00:00.000123 came back as 10:00:00, and a dump of it differed."""
    finding = Finding.objects.published().first()
    stored = datetime.datetime(2025, 7, 21, 10, 0, 0, 123, tzinfo=datetime.UTC)
    Finding.objects.filter(pk=finding.pk).update(updated_at=stored)
    first = backup(tmp_path)
    Finding.objects.filter(pk=finding.pk).update(updated_at=stored.replace(microsecond=0))

    restore(first)

    assert Finding.objects.get(pk=finding.pk).updated_at == stored
    assert content_dump(backup(tmp_path)) == content_dump(first)


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path, media):
    folder = backup(tmp_path)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["checksums"]["content.json.gz"] = "0" * 64
    (folder / MANIFEST).write_text(json.dumps(manifest))
    count = Finding.objects.count()
    Finding.objects.filter(pk=Finding.objects.first().pk).update(title_zh_hans="备份之后的修改")

    with pytest.raises(CommandError, match="content.json.gz is missing or damaged"):
        restore(folder)

    assert Finding.objects.count() == count
    assert Finding.objects.filter(title_zh_hans="备份之后的修改").exists()


def test_a_backup_from_other_migrations_is_refused(tmp_path, media):
    folder = backup(tmp_path)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["migrations"].append("bluepaper.9999_from_the_future")
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="other migrations"):
        restore(folder)


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        restore(tmp_path)
