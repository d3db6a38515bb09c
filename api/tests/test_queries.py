"""Every list in the API runs a fixed number of SQL queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bluepaper.models import ChangeNote, Chapter, Finding
from bluepaper.tests.factories import ChallengeFactory, ChapterFactory, ReportFactory
from bluepaper.tests.test_queries import grow_content
from core.tests.api_client import api_get
from indicators.tests.factories import IndicatorFactory, ObservationFactory, SourceFactory
from policies.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

LISTS = ["reports", "chapters", "findings", "challenges", "strategies", "indicators", "observations", "regions",
         "sources"]  # fmt: skip
MOST_QUERIES = 12


def count_queries(client, path, **params):
    """The queries a list runs, and how many objects it answered with (CSV: rows)."""
    with CaptureQueriesContext(connection) as queries:
        response = api_get(client, path, **params)
    assert response.status_code == 200, response.content
    if params.get("format") == "csv":
        return len(queries), response.content.count(b"\n") - 1
    return len(queries), len(response.json()["results"])


@pytest.fixture
def more_of_everything():
    """At least ten of each kind, each linked to others, so that a long page differs from a short one."""
    grow_content(factor=10)
    chapter = Chapter.objects.published().first()
    for finding in Finding.objects.published():
        ChangeNote.objects.create(finding=finding, text_zh_hans="更正。")
    for _ in range(10):
        ChapterFactory(report=ReportFactory())
        ChallengeFactory(chapter=chapter).evidence.add(*Finding.objects.published()[:3])
        ObservationFactory(indicator=IndicatorFactory(), source=SourceFactory())
        ActionFactory(strategy=chapter.strategies.first())


def test_list_queries_do_not_grow_with_the_page_size(client, more_of_everything):
    counts = {}
    for resource in LISTS:
        short, short_length = count_queries(client, f"{resource}/", page_size=1)
        long, long_length = count_queries(client, f"{resource}/", page_size=200)
        csv, csv_length = count_queries(client, f"{resource}/", page_size=200, format="csv")
        assert (short_length, long_length >= 10, csv_length >= long_length) == (1, True, True), resource
        counts[resource] = (short, long, csv)
    assert all(short == long == csv for short, long, csv in counts.values()), counts
    assert max(short for short, _, _ in counts.values()) <= MOST_QUERIES, counts
