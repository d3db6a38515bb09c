"""The bench's ratios, targets and the docs section it rewrites."""

from bench.report import END, START, ratios, targets_met, write_docs


def row(page, variant, cpu, rps):
    return {
        "page": page,
        "variant": variant,
        "server_cpu_ms_per_request": cpu,
        "req_per_s": rps,
        "errors": 0,
        "requests": 100,
        "latency_ms": {"p50": 1.0, "p99": 2.0},
    }


MEASURED = {
    "rows": [
        row("finding", "uncached", 6.0, 300.0),
        row("finding", "cached", 0.6, 1800.0),
        row("finding", "trivial view", 0.5, 2000.0),
        row("finding", "nginx static", 0.03, 38000.0),
        row("finding", "nginx micro-cache", 0.05, 20000.0),
    ],
    "long_run": {"requests": 5000, "errors": 0, "latency_ms": {"p99": 90.0}},
}
QUERIES = {"1x": {"finding": 9, "home": 8}, "100x": {"finding": 9, "home": 9}}


def test_ratios_are_the_ones_the_issue_names():
    figures = ratios(MEASURED, QUERIES, 100)
    assert figures["cached_over_trivial_req_per_s"] == {"finding": 0.9}
    assert figures["uncached_over_trivial_cpu"] == {"finding": 12.0}
    assert figures["micro_cache_over_nginx_static_req_per_s"] == 0.526
    assert figures["uncached_finding_cpu_ms"] == 6.0
    assert figures["queries_same_at_1x_and_scale"] == {"finding": True, "home": False}
    met = targets_met(figures)
    assert met["cached pages >= 0.8x the trivial view (req/s)"]
    assert not met["nginx micro-cache >= 0.8x nginx static (req/s)"]
    assert not met["queries per page the same at 1x and 100x"]


def test_each_page_is_compared_with_the_trivial_view_returning_its_own_bytes():
    rows = [
        *MEASURED["rows"],
        row("api-list", "uncached", 200.0, 10.0),
        row("api-list", "cached", 0.7, 1500.0),
        row("api-list", "trivial view", 0.7, 1600.0),  # bigger bytes: slower than the finding's
    ]
    figures = ratios({**MEASURED, "rows": rows}, QUERIES, 100)
    assert figures["cached_over_trivial_req_per_s"] == {"finding": 0.9, "api-list": 0.938}
    assert figures["uncached_over_trivial_cpu"]["api-list"] == 285.714


def test_only_the_section_between_the_markers_is_rewritten(tmp_path):
    page = tmp_path / "performance.md"
    page.write_text(f"# Before\nhand-written\n{START}\nold run\n{END}\nafter\n")
    data = {
        "started_at": "2026-12-02T12:00:00Z",
        "command": "make bench",
        "machine": {
            "commit": "abcdef1234567",
            "uncommitted_changes": False,
            "cores": 2,
            "cpu_model": "CPU",
            "load_average": [1.0, 1.0, 1.0],
        },
        "options": {
            "scale": 100,
            "threads": 2,
            "connections": 16,
            "seconds": 10,
            "workers": 2,
            "cache": "local memory",
            "long_connections": 64,
            "long_seconds": 60,
        },
        "databases": {"sqlite": {"queries": QUERIES, **MEASURED, "ratios": ratios(MEASURED, QUERIES, 100)}},
    }
    data["databases"]["sqlite"]["targets_met"] = targets_met(data["databases"]["sqlite"]["ratios"])
    write_docs(data, page)
    text = page.read_text()
    assert text.startswith("# Before\nhand-written\n")
    assert text.endswith(f"{END}\nafter\n")
    assert "old run" not in text
    assert "| finding | nginx static | 0.03 | 38,000 |" in text
