"""Count the SQL queries each page runs, in-process (Django's test client): `python -m bench.queries`.

Run with the settings and database to count against; prints {page: queries} as JSON. Each page
is requested twice and the second request counted: the first pays for one-off work (a worker's
first request), which is not a page's cost.
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluepaper.settings.bench")


def count(client, connection, path):
    """The queries of a second request for `path` (which must answer 200)."""
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(captured)


def main():
    django.setup()
    from django.conf import settings
    from django.db import connection

    # The content stamp and schedule are read once per CONTENT_STAMP_SECONDS per process, not per
    # page: counting them would make a page's count depend on when the clock ticked.
    settings.CONTENT_STAMP_SECONDS = 3600
    from django.test import Client

    from bench.pages import COUNTED

    client = Client(HTTP_HOST="127.0.0.1")
    print(json.dumps({name: count(client, connection, path) for name, path in COUNTED.items()}))


if __name__ == "__main__":
    main()
