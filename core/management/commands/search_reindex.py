"""Rebuild the search index from the stored content (e.g. after a restore or a bulk edit)."""

from django.core.management.base import BaseCommand

from core.search import search_reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of every searchable object, in every language."

    def handle(self, *args, **options):
        count = search_reindex_all()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
