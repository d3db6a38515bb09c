"""Back up and restore the whole site: every database row and every uploaded file.

A backup is a folder: `content.json.gz` (Django's `dumpdata` with natural keys, so that it
loads into any database Django supports), `media.tar.gz` (the uploads), and `manifest.json`
(checksums and the migrations the content belongs to). Restoring checks all of it before
touching anything, replaces the database content in one transaction, and swaps the media folder
only once the database is restored: a bad backup is refused and loses nothing.
"""

import gzip
import hashlib
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

CONTENT, MEDIA, MANIFEST = "content.json.gz", "media.tar.gz", "manifest.json"
# Rebuilt by Django on migrate (content types, permissions), or worth nothing once restored
# (logged-in sessions, login attempts that lock out an address, the page cache's content stamp).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "core.contentstamp"]


class BackupError(Exception):
    """The backup can't be restored; nothing was changed."""


def backup_create(*, folder: Path) -> Path:
    """Write a backup of the database and the media files into a new folder under `folder`."""
    target = Path(folder) / timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    target.mkdir(parents=True)
    try:
        _write(target)
    except BaseException:
        shutil.rmtree(target)  # no half-written backup that looks like a good one
        raise
    return target


def _write(target):
    call_command(
        "dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
        output=str(target / CONTENT), verbosity=0,
    )  # fmt: skip
    with tarfile.open(target / MEDIA, "w:gz") as archive:
        for path in sorted(_media_files()):
            archive.add(path, arcname=str(path.relative_to(settings.MEDIA_ROOT)))
    manifest = {
        "created": timezone.now().isoformat(),
        "database": connections[DEFAULT_DB_ALIAS].vendor,
        "migrations": _applied_migrations(),
        "checksums": {name: _sha256(target / name) for name in (CONTENT, MEDIA)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def backup_restore(*, folder: Path) -> None:
    """Replace the database content and the media files with the backup in `folder`."""
    folder = Path(folder)
    _check(folder)
    with tempfile.TemporaryDirectory(dir=Path(settings.MEDIA_ROOT).parent) as unpacked:
        with tarfile.open(folder / MEDIA) as archive:
            archive.extractall(unpacked, filter="data")  # refuses absolute paths and "..": no escape
        # The backup holds the versions already: loading links must not record new ones.
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(folder / CONTENT), verbosity=0)
        _swap_media(Path(unpacked))


def content_dump(folder: Path) -> list:
    """The backup's database content, decompressed and parsed (to compare two backups)."""
    with gzip.open(Path(folder) / CONTENT, "rt", encoding="utf-8") as content:
        return json.load(content)


def _check(folder):
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(manifest_path.read_text())
    for name, expected in manifest["checksums"].items():
        if not (folder / name).is_file() or _sha256(folder / name) != expected:
            raise BackupError(f"{name} is missing or damaged (its checksum does not match the manifest).")
    if manifest["migrations"] != _applied_migrations():
        raise BackupError(
            "The backup was made with other migrations than this database has: "
            "restore it with the version of the site that made it, or migrate to match."
        )


def _swap_media(unpacked):
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    shutil.copytree(unpacked, media)


def _media_files():
    media = Path(settings.MEDIA_ROOT)
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def _applied_migrations():
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
