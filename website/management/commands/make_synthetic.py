"""Add a synthetic data set N times the seed, for benchmarking (website/synthetic.py).

It writes only into a database named for it (its name or file name contains "bench", as
`make bench` makes them), unless `--force`: synthetic findings on a real site would be
published to readers at once.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.planner import refresh_planner_statistics
from indicators.models import Region
from website.synthetic import SLUG, make_synthetic


def is_bench_database() -> bool:
    """Whether the default database's name (or SQLite file name) says it is for benchmarking."""
    return "bench" in Path(str(connection.settings_dict["NAME"])).name.lower()


class Command(BaseCommand):
    help = "Add published synthetic content, SCALE times the seed's, marked 「合成」/[synthetic], for `make bench`."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100, help="How many times the seed's content (100).")
        parser.add_argument(
            "--force", action="store_true", help="Write even though the database's name does not contain 'bench'."
        )

    def handle(self, *args, scale, force, verbosity=1, **options):
        if not (force or is_bench_database()):
            raise CommandError(
                f"Refusing to add synthetic content to {connection.settings_dict['NAME']}: it would be public at "
                "once. Use a database whose name contains 'bench' (make bench does), or --force."
            )
        if Region.objects.filter(slug__startswith=SLUG).exists():
            raise CommandError("This database has synthetic content already; start from a fresh one.")
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        started = time.monotonic()
        generated = make_synthetic(scale=scale)
        refresh_planner_statistics()
        if verbosity:
            counts = ", ".join(f"{count} {name}" for name, count in sorted(generated.counts.items()))
            self.stdout.write(f"Added {counts} in {time.monotonic() - started:.1f} s.")
