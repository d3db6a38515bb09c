"""What one uncached page costs in-process: Python calls and CPU per request, `python -m bench.render_cost PATH…`.

Run with the settings and database to measure against, page cache off (PAGE_CACHE=off), as
`make bench`'s uncached instance runs. The call count (cProfile) does not depend on what else the
machine is doing, so it compares two versions of the code where wrk's CPU figures, on a shared
machine, move by a third from run to run; the CPU time (`time.process_time`) is the mean of
`--requests` requests after a warm-up. Prints one JSON line per path.

`--breakdown` adds where the time goes, in wall-clock ms per request: each template's own
rendering time (without the templates it includes); the ORM running the page's queries (compiling
each to SQL, the database driver executing it and handing back rows; making model objects from
the rows is not in it); of that, the driver alone; and the rest (building querysets, making model
objects, the view's own work, the middleware).
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


@contextmanager
def template_timer(own_seconds: Counter):
    """Add each template's own rendering time to `own_seconds[name]`, its includes' time left out."""
    from django.template.base import Template

    render = Template._render
    includes = []  # per template being rendered: the time spent in the templates it includes

    def timed(template, context):
        start = time.perf_counter()
        includes.append(0.0)
        try:
            return render(template, context)
        finally:
            spent, included = time.perf_counter() - start, includes.pop()
            own_seconds[template.origin.template_name] += spent - included
            if includes:
                includes[-1] += spent

    Template._render = timed
    try:
        yield
    finally:
        Template._render = render


@contextmanager
def sql_timer(totals: Counter):
    """Count the queries run, the seconds the ORM spends compiling and running them ("orm") and the
    seconds the database driver spends executing them ("driver"), in `totals`."""
    from django.db import connection
    from django.db.models.sql.compiler import SQLCompiler

    execute_sql = SQLCompiler.execute_sql

    def compiled_and_run(compiler, *args, **kwargs):
        start = time.perf_counter()
        try:
            return execute_sql(compiler, *args, **kwargs)
        finally:
            totals["orm"] += time.perf_counter() - start

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            totals["driver"] += time.perf_counter() - start
            totals["queries"] += 1

    SQLCompiler.execute_sql = compiled_and_run
    try:
        with connection.execute_wrapper(timed):
            yield
    finally:
        SQLCompiler.execute_sql = execute_sql


def breakdown(client, path, requests=50, top=8) -> dict:
    """Where an uncached request's time goes, in ms per request (wall clock, in-process)."""
    own_seconds, sql = Counter(), Counter()
    with template_timer(own_seconds), sql_timer(sql):
        start = time.perf_counter()
        for _ in range(requests):
            client.get(path)
        total = time.perf_counter() - start
    templates = sum(own_seconds.values())

    def ms(seconds):
        return round(seconds * 1000 / requests, 2)

    return {
        "total_ms": ms(total),
        "templates_ms": ms(templates),
        "sql_queries": sql["queries"] // requests,
        "orm_queries_ms": ms(sql["orm"]),
        "of_which_driver_ms": ms(sql["driver"]),
        "rest_ms": ms(total - templates - sql["orm"]),
        "top_templates_ms": {name: ms(seconds) for name, seconds in own_seconds.most_common(top)},
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
