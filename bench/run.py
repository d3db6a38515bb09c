"""`make bench`: the site in production mode on 100x the seed, measured with wrk, side by side.

In one run: a fresh database (SQLite in a temporary folder; PostgreSQL too when
BENCH_DATABASE_URL names a database whose name contains "bench", recreated from empty), migrated,
the seed loaded, SQL queries per page counted, the synthetic data set added
(`make_synthetic`), queries counted again; then two gunicorn instances as `make run` starts them
(one with PAGE_CACHE=off, which turns the page cache off: "uncached"; one as production:
"cached"), a trivial Django view returning each page's bytes, and Debian's nginx serving
those bytes as a file and, as a micro-cache, proxying the cached instance. wrk loads each in
turn; server CPU per request comes from /proc. Results: bench/results/<time>.json and
latest.json, and the "Latest run" section of docs/performance.md.

Environment: BENCH_SECONDS (per row, 10), BENCH_LONG_SECONDS (the 64-connection run, 60),
BENCH_SCALE (100), BENCH_PORT (first of five ports, 8141), BENCH_DATABASE_URL, BENCH_REDIS_URL.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess  # noqa: S404 - runs manage.py and git, fixed local programs
import sys
import tempfile
import time
from pathlib import Path

from . import report, servers
from .databases import fresh_postgres, sqlite_url
from .pages import LOADED
from .procstat import cpu_seconds
from .wrk import WRK, parse_wrk, run_wrk

ROOT = servers.ROOT
INSTALL_HINT = "sudo apt-get install -y wrk nginx-light  (Debian's packages; make bench installs nothing)"


def settings_from_env():
    """The run's parameters, from the environment (documented above)."""
    return {
        "seconds": int(os.environ.get("BENCH_SECONDS", "10")),
        "long_seconds": int(os.environ.get("BENCH_LONG_SECONDS", "60")),
        "scale": int(os.environ.get("BENCH_SCALE", "100")),
        "port": int(os.environ.get("BENCH_PORT", "8141")),
        "threads": 2,
        "connections": 16,
        "long_connections": 64,
        "workers": 2,
        "cache": "redis" if os.environ.get("BENCH_REDIS_URL") else "local memory",
    }


def check_tools():
    """Fail clearly, before any work, when wrk or nginx is missing."""
    missing = [tool for tool in (WRK, servers.NGINX) if not Path(tool).exists()]
    if missing:
        raise SystemExit(f"make bench needs {' and '.join(missing)}: {INSTALL_HINT}")


def site_env(database_url, port, secret, **extra):
    """The environment of `make run`'s production mode, on the bench database."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="bluepaper.settings.bench",
        SECRET_KEY=secret,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SERVE_MEDIA="on",
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return {**env, **extra}


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def count_queries(env):
    """{page: SQL queries} of an uncached request, counted in-process (bench/queries.py)."""
    env = {**env, "PAGE_CACHE": "off"}
    command = [sys.executable, "-m", "bench.queries"]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return report.json_line(output)


def prepare_database(env, scale):
    """Migrate, load the seed, count queries; add the synthetic data set, count again."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed", "-v0")
    seed_only = count_queries(env)
    manage(env, "make_synthetic", "--scale", str(scale))
    return {"1x": seed_only, f"{scale}x": count_queries(env)}


def settled_cpu(pids, *, quiet=0.02, seconds=30):
    """The CPU seconds of `pids` once they are idle: requests wrk left behind are finished first,
    so that their time is not charged to the next run's requests."""
    previous = sum(cpu_seconds(pid) for pid in pids)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = sum(cpu_seconds(pid) for pid in pids)
        if current - previous <= quiet:
            return current
        previous = current
    return previous


def measure(page, variant, url, pids, log, *, threads, connections, seconds):
    """One wrk run against `url`, with the CPU the server processes `pids` spent per request.

    CPU and requests are both read with the servers idle, before and after: the CPU is divided by
    the requests the front server logged, those wrk left in flight at the end included, so that
    a slow page's unfinished requests do not inflate its cost.
    """
    run_wrk(url, threads=1, connections=2, seconds=1)  # warm up: caches, connections, first requests
    cpu_before, served_before = settled_cpu(pids), servers.served(log)
    figures = parse_wrk(run_wrk(url, threads=threads, connections=connections, seconds=seconds))
    spent, served = settled_cpu(pids) - cpu_before, servers.served(log) - served_before
    cpu_ms = round(spent * 1000 / served, 3) if served else None
    print(f"  {page:<10} {variant:<18} {cpu_ms} ms CPU/request, {figures['req_per_s']:.0f} req/s", flush=True)
    return {"page": page, "variant": variant, "url": url, "server_cpu_ms_per_request": cpu_ms, "served": served,
            **figures}  # fmt: skip


def measure_all(ports, procs, logs, options):
    """Every row of the table, then the long run."""
    load = {"threads": options["threads"], "connections": options["connections"], "seconds": options["seconds"]}
    finding = LOADED["finding"]
    plan = [(page, variant, ports[variant], path, [variant]) for variant in ("uncached", "cached")
            for page, path in LOADED.items()]  # fmt: skip
    plan += [(page, "trivial view", ports["trivial"], path, ["trivial"]) for page, path in LOADED.items()]
    plan += [
        ("finding", "nginx static", ports["static"], finding, ["nginx"]),
        ("finding", "nginx micro-cache", ports["proxy"], finding, ["nginx", "cached"]),
    ]
    rows = [
        measure(page, variant, f"http://127.0.0.1:{port}{path}", [procs[name].pid for name in names],
                logs[names[0]], **load)
        for page, variant, port, path, names in plan
    ]  # fmt: skip
    long = {**load, "connections": options["long_connections"], "seconds": options["long_seconds"]}
    url = f"http://127.0.0.1:{ports['cached']}{finding}"
    return rows, measure("finding", "cached", url, [procs["cached"].pid], logs["cached"], **long)


def headers_seen(ports):
    """How the cached instance lets caches keep the finding page, and what nginx's micro-cache did."""
    path = LOADED["finding"]
    return {
        "cached instance": servers.caching_headers(f"http://127.0.0.1:{ports['cached']}{path}"),
        "nginx micro-cache": servers.caching_headers(f"http://127.0.0.1:{ports['proxy']}{path}"),
    }


def trivial_pages(site, folder: Path) -> Path:
    """Each measured page's bytes and content type, as the trivial view serves them (bench/trivial_wsgi.py)."""
    folder.mkdir(exist_ok=True)
    pages = {}
    for name, path in LOADED.items():
        body, content_type = servers.fetch_with_type(f"{site}{path}")
        folder.joinpath(f"{name}.body").write_bytes(body)
        pages[path] = {"file": f"{name}.body", "content_type": content_type}
    folder.joinpath("pages.json").write_text(json.dumps(pages))
    return folder


def serve_and_measure(env_for, tmp, options):
    """Start the five servers, measure, and stop them whatever happens."""
    base = options["port"]
    ports = {"uncached": base, "cached": base + 1, "trivial": base + 2, "static": base + 3, "proxy": base + 4}
    procs = {}
    logs = {name: tmp / f"{name}-access.log" for name in ("uncached", "cached", "trivial", "nginx")}
    try:
        procs["uncached"] = servers.start_gunicorn(
            "bluepaper.wsgi", base, env_for(PAGE_CACHE="off"), tmp / "uncached.log", logs["uncached"]
        )
        procs["cached"] = servers.start_gunicorn(
            "bluepaper.wsgi", base + 1, env_for(), tmp / "cached.log", logs["cached"]
        )
        for variant in ("uncached", "cached"):
            servers.wait_until_up(f"http://127.0.0.1:{ports[variant]}/healthz", procs[variant])
        body = servers.fetch(f"http://127.0.0.1:{base}{LOADED['finding']}")
        (tmp / "www").mkdir(exist_ok=True)
        (tmp / "www" / "finding.html").write_bytes(body)
        trivial_env = env_for(BENCH_TRIVIAL_PAGES=str(trivial_pages(f"http://127.0.0.1:{base}", tmp / "trivial")))
        procs["trivial"] = servers.start_gunicorn(
            "bench.trivial_wsgi:application", base + 2, trivial_env, tmp / "trivial.log", logs["trivial"]
        )
        procs["nginx"] = servers.start_nginx(tmp, static_port=base + 3, proxy_port=base + 4, app_port=base + 1)
        servers.wait_until_up(f"http://127.0.0.1:{ports['trivial']}/", procs["trivial"])
        servers.wait_until_up(f"http://127.0.0.1:{ports['static']}/", procs["nginx"])
        rows, long_run = measure_all(ports, procs, logs, options)
        return {"finding_page_bytes": len(body), "headers": headers_seen(ports), "rows": rows, "long_run": long_run}
    finally:
        for process in procs.values():
            servers.stop(process)


def bench_database(label, database_url, tmp, options, secret):
    """The whole bench on one database."""
    print(f"Database: {label}", flush=True)
    env = site_env(database_url, options["port"], secret)
    queries = prepare_database(env, options["scale"])

    def env_for(**extra):
        return site_env(database_url, options["port"] + 1, secret, **extra)

    measured = serve_and_measure(env_for, tmp, options)
    return {"queries": queries, **measured, "ratios": report.ratios(measured, queries, options["scale"])}


def databases(tmp):
    """(label, URL) of each database to bench: SQLite always, PostgreSQL when asked for."""
    found = [("sqlite", sqlite_url(tmp / "bench.sqlite3"))]
    if os.environ.get("BENCH_DATABASE_URL"):
        found.append(("postgresql", fresh_postgres(os.environ["BENCH_DATABASE_URL"])))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-docs", action="store_true", help="Write the JSON only, not docs/performance.md.")
    args = parser.parse_args(argv)
    check_tools()
    options = settings_from_env()
    secret = secrets.token_urlsafe(50)
    tmp = Path(tempfile.mkdtemp(prefix="bp-bench-"))
    tmp.chmod(0o755)  # nginx's workers read the page file as its configured user
    started = report.now()
    try:
        manage(site_env("sqlite://:memory:", options["port"], secret), "collectstatic", "--noinput", "-v0")
        results = {label: bench_database(label, url, tmp, options, secret) for label, url in databases(tmp)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    data = report.document(results, options, started)
    path = report.write_json(data, ROOT / "bench" / "results")
    if not args.no_docs:
        report.write_docs(data, ROOT / "docs" / "performance.md")
    print(f"Wrote {path.relative_to(ROOT)} and bench/results/latest.json.")


if __name__ == "__main__":
    main()
