"""Print what each public page weighs (website/page_weight.py), on this database and with N times more.

`manage.py page_weights --scale 100` weighs every page type in both languages on the database as it
is, then adds the synthetic data set of `make bench` inside a transaction, weighs again and rolls the
transaction back: nothing it adds is ever committed. Like `make_synthetic`, it adds content only to
a database named for benchmarking unless `--force`. Pages are rendered fresh (no page cache).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client, override_settings

from website.page_weight import LIMIT, in_both_languages, page_paths, weigh

from .make_synthetic import is_bench_database


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


class Command(BaseCommand):
    help = "Print each public page's weight (HTML + CSS + scripts + images, KB) on this database and at --scale."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Also weigh with this many times the seed (0: no).")
        parser.add_argument("--force", action="store_true", help="Add the synthetic set to any database.")

    def handle(self, *args, scale, force, **options):
        if scale and not (force or is_bench_database()):
            raise CommandError(
                "--scale adds synthetic content: use a database whose name contains 'bench', or --force."
            )
        with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
            columns = {"1x": self.weights()}
            if scale:
                columns[f"{scale}x"] = self.weights_at(scale)
        self.print_table(columns)

    def weights(self):
        client = Client()
        return {name: weigh(client, path) for name, path in in_both_languages(page_paths()).items()}

    def weights_at(self, scale):
        with transaction.atomic():
            call_command("make_synthetic", scale=scale, force=True, verbosity=0)
            weights = self.weights()
            transaction.set_rollback(True)
        return weights

    def print_table(self, columns):
        header = ["page", *(f"{name} KB transferred (uncompressed; all gzipped)" for name in columns)]
        self.stdout.write("| " + " | ".join(header) + " |")
        self.stdout.write("|" + "---|" * len(header))
        first = next(iter(columns.values()))
        for name in first:
            cells = []
            for weights in columns.values():
                weight = weights.get(name)
                mark = "" if weight is None or weight.transferred < LIMIT else " **over**"
                cells.append(
                    "–"
                    if weight is None
                    else f"{kb(weight.transferred)} ({kb(weight.total)}; {kb(weight.gzipped)}){mark}"
                )
            self.stdout.write(f"| {name} `{first[name].path}` | " + " | ".join(cells) + " |")
