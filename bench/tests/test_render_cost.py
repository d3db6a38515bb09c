"""`python -m bench.render_cost`: the calls and CPU one uncached page costs, in-process."""

import time

import pytest

from bench.render_cost import ORM, OwnTimes, breakdown, measure

pytestmark = pytest.mark.django_db


def test_a_page_reports_its_status_calls_and_cpu(client):
    found = measure(client, "/findings/k5uj8/high-speed-rail-network/", requests=3)
    assert found["status"] == 200
    assert found["calls"] > 1000 and found["cpu_ms"] > 0


def test_the_call_count_barely_moves_between_runs(client):
    """Unlike CPU time on a shared machine: within 1% (caches filling account for a few calls)."""
    path = "/indicators/high-speed-rail-mileage/"
    first, second = (measure(client, path, requests=3)["calls"] for _ in range(2))
    assert abs(first - second) <= first / 100


def test_the_breakdown_splits_a_page_into_templates_queries_and_the_rest(client):
    client.get("/findings/k5uj8/high-speed-rail-network/")  # a worker's first request pays for one-off work
    found = breakdown(client, "/findings/k5uj8/high-speed-rail-network/", requests=2)
    assert found["sql_queries"] > 0 and found["templates_ms"] > 0
    assert 0 < found["of_which_driver_ms"] <= found["orm_queries_ms"]
    parts = found["templates_ms"] + found["orm_queries_ms"] + found["rest_ms"]
    assert abs(parts - found["total_ms"]) <= 0.05  # rounding of three parts
    assert "bluepaper/includes/finding_article.html" in found["top_templates_ms"]


def test_a_view_without_templates_or_the_orm_is_all_rest(client):
    found = breakdown(client, "/healthz", requests=2)  # its SELECT 1 goes to the driver, not through the ORM
    assert found["templates_ms"] == 0 and found["orm_queries_ms"] == 0 and found["top_templates_ms"] == {}
    assert found["rest_ms"] == found["total_ms"] > 0


def test_the_timers_leave_django_as_they_found_it(client):
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.base import Template

    render, execute_sql = Template._render, SQLCompiler.execute_sql
    breakdown(client, "/findings/k5uj8/high-speed-rail-network/", requests=1)
    assert (Template._render, SQLCompiler.execute_sql) == (render, execute_sql)


def test_time_is_counted_once_in_the_innermost_timed_call():
    """A query run while a template renders is ORM time, not the template's; an include is its own."""
    own = OwnTimes()
    own.timed("page.html", lambda: own.timed(ORM, time.sleep, 0.02) or own.timed("include.html", time.sleep, 0.02))
    assert own.seconds[ORM] >= 0.02 and own.seconds["include.html"] >= 0.02
    assert own.seconds["page.html"] < 0.01
