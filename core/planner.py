"""The database's statistics for its query planner, refreshed after content arrives in bulk.

Without statistics SQLite takes an equality on any indexed column as selective: to find a
finding's two observations it walked the `status` index through every published observation
(1.4 ms for that one query on 100x the seed, 0.09 ms after ANALYZE). PostgreSQL's autovacuum
analyses by itself, but only a while after a bulk load. So whatever loads content in bulk
(the seed, a restore, the synthetic bench set) asks for fresh statistics at once.
"""

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    """Run ANALYZE: the same statement on SQLite and PostgreSQL."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
