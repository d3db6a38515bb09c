"""Back up the database and the uploaded files: `make backup` (see core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from core.backup import backup_create


class Command(BaseCommand):
    help = "Write a backup of every database row and every uploaded file into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default="backups", help="Where to create the backup's folder.")

    def handle(self, *args, folder, **options):
        target = backup_create(folder=Path(folder))
        self.stdout.write(f"Backup written to {target}")
        self.stdout.write(f"Restore it with: make restore BACKUP={target}")
