"""Bulk loads leave the query planner statistics about what they loaded (core/planner.py)."""

import pytest
from django.core.management import call_command
from django.db import connection


def analysed_tables() -> set[str]:
    """The tables the database holds planner statistics for."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchall():
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            cursor.execute("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema()")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_loading_the_seed_analyses_the_tables_it_filled():
    call_command("load_seed", verbosity=0)
    assert {"indicators_observation", "bluepaper_finding", "bluepaper_finding_observations"} <= analysed_tables()
