"""The results of `make bench`: ratios against the issue's targets, JSON, and docs/performance.md."""

import json
import os
import platform
import subprocess  # noqa: S404 - asks git for the commit
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench:latest:start -->", "<!-- bench:latest:end -->"
TARGETS = {
    "cached_over_trivial_req_per_s": 0.8,  # at least, for every page
    "micro_cache_over_nginx_static_req_per_s": 0.8,  # at least
    "uncached_finding_cpu_ms": 8.0,  # at most
    "long_run_errors": 0,  # exactly
}


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_line(output: str):
    """The JSON object on the last line of a command's output (warnings may come before it)."""
    return json.loads(output.strip().splitlines()[-1])


def row(rows, page, variant):
    return next(r for r in rows if r["page"] == page and r["variant"] == variant)


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def ratios(measured, queries, scale):
    """The figures issue 11 names, from one database's rows."""
    rows = measured["rows"]
    static = row(rows, "finding", "nginx static")
    pages = [r["page"] for r in rows if r["variant"] == "cached"]
    # Each page against the trivial view returning that page's own bytes.
    trivial = {p: row(rows, p, "trivial view") for p in pages}
    return {
        "cached_over_trivial_req_per_s": {
            p: ratio(row(rows, p, "cached")["req_per_s"], trivial[p]["req_per_s"]) for p in pages
        },
        "uncached_over_trivial_cpu": {
            p: ratio(row(rows, p, "uncached")["server_cpu_ms_per_request"], trivial[p]["server_cpu_ms_per_request"])
            for p in pages
        },
        "micro_cache_over_nginx_static_req_per_s": ratio(
            row(rows, "finding", "nginx micro-cache")["req_per_s"], static["req_per_s"]
        ),
        "uncached_finding_cpu_ms": row(rows, "finding", "uncached")["server_cpu_ms_per_request"],
        "long_run_errors": measured["long_run"]["errors"],
        "queries_same_at_1x_and_scale": {p: queries["1x"][p] == queries[f"{scale}x"][p] for p in queries["1x"]},
    }


def targets_met(figures):
    """Whether each of the issue's targets is met by one database's ratios."""
    cached = [value for value in figures["cached_over_trivial_req_per_s"].values() if value is not None]
    micro = figures["micro_cache_over_nginx_static_req_per_s"]
    cpu = figures["uncached_finding_cpu_ms"]
    return {
        "cached pages >= 0.8x the trivial view (req/s)": bool(cached) and min(cached) >= 0.8,
        "nginx micro-cache >= 0.8x nginx static (req/s)": micro is not None and micro >= 0.8,
        "uncached finding <= 8 ms server CPU": cpu is not None and cpu <= 8.0,
        "64 connections, zero errors": figures["long_run_errors"] == 0,
        "queries per page the same at 1x and 100x": all(figures["queries_same_at_1x_and_scale"].values()),
    }


def machine():
    cpu_model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: S607
    dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout)  # noqa: S607
    return {
        "cores": os.cpu_count(),
        "cpu_model": cpu_model,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "commit": commit,
        "uncommitted_changes": dirty,
    }


def document(results, options, started):
    for figures in results.values():
        figures["targets_met"] = targets_met(figures["ratios"])
    return {
        "command": "make bench",
        "started_at": started,
        "finished_at": now(),
        "machine": machine(),
        "options": options,
        "databases": results,
    }


def write_json(data, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path = folder / f"{data['started_at'].replace(':', '')}.json"
    path.write_text(text)
    (folder / "latest.json").write_text(text)
    return path


# Markdown ----------------------------------------------------------------------------------


def cell(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def rows_table(rows):
    lines = [
        "| page | variant | server CPU per request (ms) | req/s | p50 (ms) | p99 (ms) | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lat = r["latency_ms"]
        lines.append(
            f"| {r['page']} | {r['variant']} | {cell(r['server_cpu_ms_per_request'], 2)} | "
            f"{cell(r['req_per_s'], 0)} | {cell(lat.get('p50'))} | {cell(lat.get('p99'))} | {r['errors']} |"
        )
    return lines


def queries_table(queries):
    scales = list(queries)
    lines = [f"| page | {' | '.join(scales)} |", "|---|" + "---|" * len(scales)]
    lines += [f"| {page} | {' | '.join(str(queries[s][page]) for s in scales)} |" for page in queries[scales[0]]]
    return lines


def database_section(label, figures, options):
    long_run, found = figures["long_run"], figures["ratios"]
    ratio_lines = [
        "- cached page req/s ÷ trivial view req/s: "
        + ", ".join(f"{p} {cell(v, 2)}" for p, v in found["cached_over_trivial_req_per_s"].items()),
        f"- nginx micro-cache ÷ nginx static (req/s): {cell(found['micro_cache_over_nginx_static_req_per_s'], 3)}",
        f"- uncached finding: {cell(found['uncached_finding_cpu_ms'], 2)} ms server CPU",
        f"- {options['long_connections']} connections for {options['long_seconds']} s on the finding page "
        f"(cached instance): {long_run['requests']:,} requests, {long_run['errors']} errors, "
        f"p99 {cell(long_run['latency_ms'].get('p99'))} ms",
        *(
            f"- finding page headers, {where}: " + (", ".join(f"`{k}: {v}`" for k, v in seen.items()) or "none")
            for where, seen in figures.get("headers", {}).items()
        ),
    ]
    targets = [f"- {'met' if met else '**not met**'}: {name}" for name, met in figures["targets_met"].items()]
    return [
        f"### {label}",
        "",
        *rows_table(figures["rows"]),
        "",
        "SQL queries per page (uncached):",
        "",
        *queries_table(figures["queries"]),
        "",
        *ratio_lines,
        "",
        "Targets (issue 11):",
        "",
        *targets,
        "",
    ]


def markdown(data):
    m, o = data["machine"], data["options"]
    dirty = " (with uncommitted changes)" if m["uncommitted_changes"] else ""
    lines = [
        f"Run {data['started_at']} on commit `{m['commit'][:10]}`{dirty}: "
        f"{m['cores']} cores ({m['cpu_model']}), load average {', '.join(f'{x:.1f}' for x in m['load_average'])} "
        f"at the start; data set {o['scale']}× the seed; wrk -t{o['threads']} -c{o['connections']} -d{o['seconds']}s; "
        f"gunicorn {o['workers']} sync workers; page cache in {o['cache']}. "
        f"Command: `{data['command']}`; figures: `bench/results/latest.json`.",
        "",
    ]
    for label, figures in data["databases"].items():
        lines += database_section(label, figures, o)
    return "\n".join(lines)


def write_docs(data, path: Path):
    """Replace what lies between the markers in docs/performance.md with this run's summary."""
    text = path.read_text()
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{markdown(data)}\n{END}{tail}")
