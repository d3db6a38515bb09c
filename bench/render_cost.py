"""What one uncached page costs in-process: Python calls and CPU per request, `python -m bench.render_cost PATH…`.

Run with the settings and database to measure against, page cache off (PAGE_CACHE=off), as
`make bench`'s uncached instance runs. The call count (cProfile) does not depend on what else the
machine is doing, so it compares two versions of the code where wrk's CPU figures, on a shared
machine, move by a third from run to run; the CPU time (`time.process_time`) is the mean of
`--requests` requests after a warm-up. Prints one JSON line per path.

`--breakdown` adds where the time goes, in wall-clock ms per request: each template's own
rendering time (without the templates it includes or the queries run while it renders); the ORM
running the page's queries (compiling each to SQL, the database driver executing it and handing
back rows; making model objects from the rows is not in it); of that, the driver alone; and the
rest (building querysets, making model objects, the view's own work, the middleware).
"""

import argparse
import cProfile
import json
import os
import pstats
import time
from collections import Counter
from contextlib import contextmanager

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluepaper.settings.bench")

WARM_UP = 5


def calls_per_request(client, path, requests=10) -> int:
    """Python function calls (cProfile's count) per request for `path`."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        client.get(path)
    profile.disable()
    return pstats.Stats(profile).total_calls // requests


def cpu_ms_per_request(client, path, requests) -> float:
    start = time.process_time()
    for _ in range(requests):
        client.get(path)
    return (time.process_time() - start) * 1000 / requests


def measure(client, path, requests=200) -> dict:
    """{"path", "status", "calls", "cpu_ms"} for `path`, after a warm-up (a worker's first requests)."""
    for _ in range(WARM_UP):
        response = client.get(path)
    return {
        "path": path,
        "status": response.status_code,
        "calls": calls_per_request(client, path),
        "cpu_ms": round(cpu_ms_per_request(client, path, requests), 2),
    }


class OwnTimes:
    """Seconds spent in each kind of work, each counted once: a template's time leaves out the
    templates it includes and the queries run while it renders, which count as ORM time."""

    def __init__(self):
        self.seconds = Counter()  # by label: a template's name, or ORM
        self.queries = 0
        self.driver_seconds = 0.0
        self._children = []  # per timed call in progress: the seconds spent in timed calls inside it

    def timed(self, label, call, *args, **kwargs):
        start = time.perf_counter()
        self._children.append(0.0)
        try:
            return call(*args, **kwargs)
        finally:
            spent, inside = time.perf_counter() - start, self._children.pop()
            self.seconds[label] += spent - inside
            if self._children:
                self._children[-1] += spent

    def driver(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.driver_seconds += time.perf_counter() - start
            self.queries += 1


ORM = "(ORM)"


@contextmanager
def timing(own: OwnTimes):
    """Time every template rendered and every query the ORM compiles and runs, into `own`."""
    from django.db import connection
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.base import Template

    render, execute_sql = Template._render, SQLCompiler.execute_sql
    Template._render = lambda template, context: own.timed(template.origin.template_name, render, template, context)
    SQLCompiler.execute_sql = lambda compiler, *args, **kwargs: own.timed(ORM, execute_sql, compiler, *args, **kwargs)
    try:
        with connection.execute_wrapper(own.driver):
            yield
    finally:
        Template._render, SQLCompiler.execute_sql = render, execute_sql


def breakdown(client, path, requests=50, top=8) -> dict:
    """Where an uncached request's time goes, in ms per request (wall clock, in-process)."""
    own = OwnTimes()
    with timing(own):
        start = time.perf_counter()
        for _ in range(requests):
            client.get(path)
        total = time.perf_counter() - start
    orm = own.seconds.pop(ORM, 0.0)
    templates = sum(own.seconds.values())

    def ms(seconds):
        return round(seconds * 1000 / requests, 2)

    return {
        "total_ms": ms(total),
        "templates_ms": ms(templates),
        "sql_queries": own.queries // requests,
        "orm_queries_ms": ms(orm),
        "of_which_driver_ms": ms(own.driver_seconds),
        "rest_ms": ms(total - templates - orm),
        "top_templates_ms": {name: ms(seconds) for name, seconds in own.seconds.most_common(top)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--breakdown", action="store_true", help="add where the time goes (templates, SQL, rest)")
    options = parser.parse_args(argv)
    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.CONTENT_STAMP_SECONDS = 3600  # read once a second in production, not per page (bench/queries.py)
    client = Client(HTTP_HOST="127.0.0.1")
    for path in options.paths:
        found = measure(client, path, options.requests)
        if options.breakdown:
            found["breakdown"] = breakdown(client, path, options.requests)
        print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
