"""What one uncached page costs in-process: Python calls and CPU per request, `python -m bench.render_cost PATH…`.

Run with the settings and database to measure against, page cache off (PAGE_CACHE=off), as
`make bench`'s uncached instance runs. The call count (cProfile) does not depend on what else the
machine is doing, so it compares two versions of the code where wrk's CPU figures, on a shared
machine, move by a third from run to run; the CPU time (`time.process_time`) is the mean of
`--requests` requests after a warm-up. Prints one JSON line per path.
"""

import argparse
import cProfile
import json
import os
import pstats
import time

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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args(argv)
    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.CONTENT_STAMP_SECONDS = 3600  # read once a second in production, not per page (bench/queries.py)
    client = Client(HTTP_HOST="127.0.0.1")
    for path in options.paths:
        print(json.dumps(measure(client, path, options.requests), ensure_ascii=False))


if __name__ == "__main__":
    main()
