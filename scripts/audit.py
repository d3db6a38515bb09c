"""`make audit`: Lighthouse on the production-mode site, in both languages (docs/audit.md).

It serves the seed content as `make run` does (production settings, gunicorn, WhiteNoise) on a
database of its own in a temporary folder, runs Lighthouse 12 (npm, pinned in package-lock.json;
mobile, its default) with Debian's Chromium against the home page, a finding, an indicator, a
strategy and the search page under / and /en/, stops the server, then prints the four scores
(performance, accessibility, best practices, SEO), writes them to bench/results/audit.json and
a summary, with every audit that cost a point, into docs/audit.md.

AUDIT_PORT (default 8010) chooses the port; CHROME_PATH the browser (default /usr/bin/chromium).
"""

import json
import os
import secrets
import subprocess  # noqa: S404 - runs fixed local programs
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.servers import start_gunicorn, wait_until_up  # gunicorn as `make run` starts it

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results" / "audit.json"
SUMMARY = ROOT / "docs" / "audit.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
START, END = "<!-- audit:start -->", "<!-- audit:end -->"

# The paths that depend on the seed's keys and slugs, asked of the database once it is loaded.
PATHS_SCRIPT = """
import json
from bluepaper.models import Finding
from indicators.models import Indicator
from policies.models import Strategy
finding = Finding.objects.published().filter(indicators__slug="resident-population").first()
print(json.dumps({
    "home": "/",
    "finding": finding.get_absolute_url(),
    "indicator": Indicator.objects.published().get(slug="resident-population").get_absolute_url(),
    "strategy": Strategy.objects.published().order_by("number").first().get_absolute_url(),
    "search": "/search/",
}))
"""


def site_env(tmp: Path, port: int) -> dict:
    """`make run`'s production environment, on a database in `tmp`."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="bluepaper.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp / 'audit.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SERVE_MEDIA="on",
    )
    return env


def manage(env, *args, capture=False):
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=capture, text=True)  # noqa: S603
    return done.stdout


ATTEMPTS = 3  # Lighthouse sometimes fails to record a page load's trace ("NO_NAVSTART: run again")


def lighthouse(url, out: Path) -> dict:
    """One Lighthouse run (mobile); its JSON report. A run that fails is tried again, as
    Lighthouse's own message asks; the third failure stops the audit."""
    chrome_flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags}"]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=240)  # noqa: S603
            break
        except subprocess.CalledProcessError:
            if attempt == ATTEMPTS:
                raise
            print(f"Lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS}); running it again", flush=True)
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    """The four scores and, per category, the audits that scored below 1."""
    categories = report["categories"]
    scores = {name: categories[name]["score"] for name in CATEGORIES}
    flagged = {}
    for name in CATEGORIES:
        refs = [ref["id"] for ref in categories[name]["auditRefs"] if ref.get("weight", 0) > 0]
        low = [report["audits"][ref] for ref in refs if is_below_one(report["audits"][ref].get("score"))]
        if low:
            flagged[name] = [f"{audit['id']}: {audit['title']}{first_detail(audit)}" for audit in low]
    return {"scores": scores, "flagged": flagged, "lighthouse": report["lighthouseVersion"]}


def first_detail(audit):
    """The first item an audit names (a URL, a console message), to say what to fix."""
    items = (audit.get("details") or {}).get("items") or [{}]
    item = items[0]
    where = item.get("url") or (item.get("sourceLocation") or {}).get("url") or ""
    what = item.get("description") or ""
    return f" ({what} {where})".replace("( ", "(").replace(" )", ")") if what or where else ""


def is_below_one(score):
    return score is not None and score < 1  # None: an audit that only informs


def audit_pages(base, paths, tmp):
    results = []
    for language, prefix in (("zh-Hans", ""), ("en", "/en")):
        for page, path in paths.items():
            url = f"{base}{prefix}{path}"
            summary = summarise(lighthouse(url, tmp / f"{page}-{language}.json"))
            results.append({"page": page, "language": language, "path": f"{prefix}{path}", **summary})
            print(f"{page:10} {language:8}", "  ".join(f"{c} {summary['scores'][c]:.2f}" for c in CATEGORIES))
    return results


def markdown(results, when):
    lines = [START, f"Last run: {when} UTC, Lighthouse {results[0]['lighthouse']} (mobile), Chromium "
             f"{chromium_version()}, `make audit`.", "",
             "| page | language | path | performance | accessibility | best practices | SEO |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in results:
        scores = " | ".join(f"{r['scores'][c]:.2f}" for c in CATEGORIES)
        lines.append(f"| {r['page']} | {r['language']} | `{r['path']}` | {scores} |")
    flagged = [(r, category, items) for r in results for category, items in r["flagged"].items()]
    lines += ["", "What cost a point:" if flagged else "Nothing cost a point.", ""]
    for r, category, items in flagged:
        lines.append(f"- {r['page']} ({r['language']}), {category}: " + "; ".join(items))
    return "\n".join([*lines, END])


def chromium_version():
    path = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    try:
        return subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout.split()[1]  # noqa: S603
    except (OSError, IndexError):
        return "unknown"


def write_summary(text):
    current = SUMMARY.read_text(encoding="utf-8") if SUMMARY.exists() else f"# Lighthouse audit\n\n{START}\n{END}\n"
    before, _, rest = current.partition(START)
    _, _, after = rest.partition(END)
    SUMMARY.write_text(before + text + after, encoding="utf-8")


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` (make audit does).")
    port = int(os.environ.get("AUDIT_PORT", "8010"))
    with tempfile.TemporaryDirectory(prefix="bluepaper-audit-") as folder:
        tmp = Path(folder)
        env = site_env(tmp, port)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_seed", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        paths = json.loads(manage(env, "shell", "-c", PATHS_SCRIPT, capture=True).strip().splitlines()[-1])
        server = start_gunicorn("bluepaper.wsgi", port, env, tmp / "gunicorn.log", tmp / "access.log")
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
            results = audit_pages(f"http://127.0.0.1:{port}", paths, tmp)
        finally:
            server.terminate()
            server.wait(timeout=30)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    RESULTS.write_text(json.dumps({"when": when, "results": results}, indent=2, ensure_ascii=False) + "\n")
    write_summary(markdown(results, when))
    print(f"Wrote {RESULTS.relative_to(ROOT)} and {SUMMARY.relative_to(ROOT)}.")
    perfect = all(score == 1 for r in results for score in r["scores"].values())
    print("Every score is 1.00." if perfect else "Not every score is 1.00: see docs/audit.md.")


if __name__ == "__main__":
    main()
