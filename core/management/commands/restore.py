"""Restore a backup made by `backup`: `make restore BACKUP=backups/<folder>` (see core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore
from core.cache import content_changed
from core.planner import refresh_planner_statistics


class Command(BaseCommand):
    help = "Replace the database content and the uploaded files with a backup. Checks it first."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup's folder, as `backup` printed it.")
        parser.add_argument("--noinput", action="store_false", dest="interactive", help="Do not ask to confirm.")

    def handle(self, *args, folder, interactive, **options):
        if interactive and input(f"Replace ALL content and uploads with {folder}? Type 'yes': ") != "yes":
            raise CommandError("Nothing restored.")
        try:
            backup_restore(folder=Path(folder))
        except BackupError as error:
            raise CommandError(f"Nothing restored: {error}") from error
        refresh_planner_statistics()
        content_changed()  # every cached page now shows what was restored
        self.stdout.write(f"Restored {folder}.")
        # Django rebuilt the content types during the restore, perhaps under other ids, and running
        # app servers keep the old ids in memory until they restart.
        self.stdout.write("Restart the app servers now (systemctl restart 'bluepaper@*').")
