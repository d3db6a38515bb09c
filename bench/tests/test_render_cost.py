"""`python -m bench.render_cost`: the calls and CPU one uncached page costs, in-process."""

import pytest

from bench.render_cost import measure

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
