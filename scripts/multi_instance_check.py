"""Check the deployment recipe: nginx in front of two instances, a publication seen everywhere.

Run by `make multi-instance-check` (and CI). On a fresh PostgreSQL database and a dedicated Redis
database it starts two gunicorn instances, A and B, exactly as docs/deployment/bluepaper@.service
starts them, and Debian's nginx with docs/deployment/nginx-site.conf rendered for this run. Then:

- a request id set by nginx reaches the application and both access logs;
- static files are served by nginx (immutable for hashed names, gzip), media refuses non-images;
- a page the application marks cacheable is a HIT the second time through nginx; one it does not
  mark, or a response that sets a cookie, never is; a request with a session cookie bypasses;
- a publisher logs in to the admin on A and changes a published finding's title, and the new title
  shows within 2 seconds on the finding page, its chapter page and the home page, both through B
  directly and through nginx — each page having been requested (and so cached, wherever caching
  applies) before the change, so that a stale copy anywhere fails the check.

Exit status 0 when every check passes, 1 otherwise. Processes, database and Redis keys are removed
on every exit. Needs: PostgreSQL on PGHOST:PGPORT (user postgres), Redis, /usr/sbin/nginx.
"""

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deployment"
PYTHON = ROOT / ".venv" / "bin" / "python"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
PG = {"host": os.environ.get("PGHOST", "127.0.0.1"), "port": os.environ.get("PGPORT", "5432"), "user": "postgres"}
REDIS_URL = os.environ.get("CHECK_REDIS_URL", "redis://127.0.0.1:6379/9")  # a database of its own
PORTS = dict(
    zip(("A", "B", "nginx"), map(int, os.environ.get("CHECK_PORTS", "8151,8152,8153").split(",")), strict=True)
)
VISIBLE_WITHIN = 2.0  # seconds, the promise
POLL_EVERY = 0.1
# X-Cache-Status values of an answer that came from nginx's cache. With a lifetime of a second, the
# copy may have expired by the second request: nginx then answers with it while it refreshes it.
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}
STARTUP_LIMIT = 40.0

started = time.monotonic()
failures: list[str] = []


def log(message):
    print(f"[{time.monotonic() - started:6.1f}s] {message}", flush=True)


def check(condition, message):
    """Record one check: a line in the log, and a failure unless `condition` holds."""
    log(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)
    return condition


# HTTP ---------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to look at, not to follow


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name) or ""


def fetch(port, path, data=None, headers=None, cookies=None):
    """One request to 127.0.0.1:port, no redirects followed; `cookies` (a dict) is sent and updated."""
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            response = Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        response = Response(error.code, error.headers, error.read())
    if cookies is not None:
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    if port == PORTS["nginx"] and response.header("Set-Cookie") and response.header("X-Cache-Status") in FROM_CACHE:
        check(False, f"nginx served a cached response that sets a cookie: {path}")
    return response


# Admin forms, read as a browser reads them ----------------------------------------------------


class FormFields(HTMLParser):
    """The values a browser submits for a form before any click (as core/tests/admin_forms.py)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name, kind = attrs.get("name"), attrs.get("type")
        if tag == "input" and name and kind not in {"submit", "button", "file", "image"}:
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.values.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data.removeprefix("\n") if not self._textarea[1] else data


def form_values(html):
    """The fields of the admin page's content form (its first form is the language switch)."""
    parts = html.split("<form", 2)
    parser = FormFields()
    parser.feed("<form" + parts[-1] if len(parts) > 2 else html)
    values = {}
    for name, value in parser.values:
        values.setdefault(name, []).append(value)
    return values


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("the admin form carries no CSRF token")
    return match.group(1)


# Setting up: database, configuration, processes ----------------------------------------------


def run(command, env=None, **kwargs):
    """Run a setup command; its output goes to the log only when it fails."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def pg_args():
    return ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]


def instance_env(database, workdir):
    """The environment of /etc/bluepaper/env for this run, written in that file's format too."""
    values = {
        "DJANGO_SETTINGS_MODULE": "bluepaper.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORTS['nginx']}",
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}",
        "REDIS_URL": REDIS_URL,
        "TRUSTED_PROXY_HEADER": "X-Real-IP",
        "GUNICORN_WORKERS": "2",
        "LOG_FORMAT": "json",
    }
    (workdir / "env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return {**os.environ, **values}


def flush_redis():
    import redis  # the client Django's Redis cache uses, in the project's virtualenv

    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()


def prepare(env):
    """Migrate and load the seed; collect the static files meanwhile (they need no database)."""
    with ThreadPoolExecutor(1) as pool:
        static = pool.submit(run, [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
        for step in (["migrate", "--noinput", "-v0"], ["load_seed"]):
            run([PYTHON, "manage.py", *step], env=env)
            log(f"manage.py {' '.join(step)}")
        static.result()
        log("manage.py collectstatic")


SETUP_SNIPPET = """
import json
from django.contrib.auth.models import Group, User
from django.utils import translation
from bluepaper.models import Finding
user = User.objects.create_user({username!r}, password={password!r}, is_staff=True)
user.groups.add(Group.objects.get(name="Publishers"))
finding = Finding.objects.published().select_related("chapter").order_by("pk").first()
with translation.override("zh-hans"):
    pages = {{"finding": finding.get_absolute_url(), "chapter": finding.chapter.get_absolute_url(), "home": "/"}}
print(json.dumps({{"pk": finding.pk, "pages": pages}}))
"""


def create_publisher(env, username, password):
    """A publisher account for this run, and the published finding it will change."""
    code = SETUP_SNIPPET.format(username=username, password=password)
    output = run([PYTHON, "manage.py", "shell", "-c", code], env=env)
    return json.loads(output.strip().splitlines()[-1])


def render(template, values):
    text = template.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    leftover = re.search(r"@[A-Z_]+@", text)
    if leftover:
        raise RuntimeError(f"{template.name}: {leftover.group()} was not filled in")
    return text


NGINX_MAIN = """# The test's own nginx.conf: the site file is the recipe's, unchanged but for paths and ports.
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/logs/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
    include {work}/conf/nginx-site.conf;
}}
"""


def write_nginx_conf(work):
    """Render the recipe's nginx files for this run; return the main configuration file."""
    conf = work / "conf"
    conf.mkdir()
    values = {"APP_ROOT": ROOT, "CACHE_DIR": work / "cache", "LOG_DIR": work / "logs", "CONF_DIR": conf,
              "LISTEN": f"127.0.0.1:{PORTS['nginx']}", "SERVER_NAME": "127.0.0.1 localhost",
              "PORT_A": PORTS["A"], "PORT_B": PORTS["B"]}  # fmt: skip
    for name in ("nginx-site.conf", "nginx-proxy.conf", "nginx-media.conf"):
        (conf / name).write_text(render(DEPLOY / name, values))
    main = conf / "nginx.conf"
    main.write_text(NGINX_MAIN.format(work=work))
    return main


def unit_command(port):
    """The ExecStart line of bluepaper@.service, for instance `port` of this checkout."""
    unit = render(DEPLOY / "bluepaper@.service", {"APP_ROOT": ROOT})
    line = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart=").replace("%i", str(port)))


class Processes:
    """The servers this run starts, each in its own process group, all stopped at the end."""

    def __init__(self, work):
        self.work, self.running = work, []

    def start(self, name, command, env=None):
        output = open(self.work / "logs" / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
        self.running.append((name, process, output))
        log(f"started {name} (pid {process.pid}): {shlex.join(map(str, command))}")

    def stop_all(self):
        for _, process, _ in self.running:  # all at once: each finishes its requests meanwhile
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process, output in reversed(self.running):
            if process.poll() is None:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            output.close()
            log(f"stopped {name}")

    def dead(self):
        return [name for name, process, _ in self.running if process.poll() is not None]


def wait_healthy(processes):
    deadline = time.monotonic() + STARTUP_LIMIT
    pending = dict(PORTS)
    while pending and time.monotonic() < deadline and not processes.dead():
        for name, port in list(pending.items()):
            try:
                if fetch(port, "/healthz").status == 200:
                    log(f"{name} is healthy on port {port}")
                    del pending[name]
            except OSError:
                pass
        time.sleep(0.2)
    if pending:
        raise RuntimeError(f"not healthy after {STARTUP_LIMIT:.0f}s: {', '.join(pending)} (dead: {processes.dead()})")


# The checks -----------------------------------------------------------------------------------


def wait_for(predicate, limit=2.0):
    deadline = time.monotonic() + limit
    while not predicate() and time.monotonic() < deadline:
        time.sleep(POLL_EVERY)
    return predicate()


def check_request_id(work):
    """nginx's id for a request is the application's: in the response and in both access logs."""
    rid = fetch(PORTS["nginx"], "/healthz").header("X-Request-ID")
    check(re.fullmatch(r"[0-9a-f]{32}", rid) is not None, f"nginx's request id reaches the application ({rid})")
    logs = work / "logs"
    in_nginx = wait_for(lambda: f"rid={rid}" in (logs / "bluepaper-access.log").read_text())
    check(in_nginx, "nginx's access log names the request id")
    in_app = wait_for(lambda: any(f"rid={rid}" in (logs / f"{n}.log").read_text() for n in ("A", "B")))
    check(in_app, "gunicorn's access log names the same request id")


def check_files(home_html):
    """Static files from STATIC_ROOT through nginx; /media/ serves images only."""
    match = re.search(r'/static/[^"\']+\.[0-9a-f]{12}\.css', home_html)
    if not check(match is not None, "the home page links a hashed stylesheet"):
        return
    css = fetch(PORTS["nginx"], match.group(), headers={"Accept-Encoding": "gzip"})
    check(css.status == 200 and "immutable" in css.header("Cache-Control"),
          f"{match.group()}: 200, {css.header('Cache-Control')}")  # fmt: skip
    check(css.header("Content-Encoding") == "gzip", "a stylesheet is sent gzipped to a client that accepts it")
    check(fetch(PORTS["nginx"], "/media/x.html").status == 404, "/media/x.html: 404 (images only)")


def app_allows_caching(response):
    """Whether the application lets a shared cache keep this response (nginx's reading of it)."""
    control = response.header("Cache-Control").lower()
    if response.header("Set-Cookie") or re.search(r"\b(private|no-store|no-cache)\b", control):
        return False
    ages = re.findall(r"\b(?:s-maxage|max-age)=(\d+)", control)
    if ages:
        return int(ages[0]) > 0
    return bool(response.header("Expires"))


def check_micro_cache(path):
    """Twice through nginx: the second comes from the cache exactly when the application allows it."""
    first = fetch(PORTS["nginx"], path)
    second = fetch(PORTS["nginx"], path)
    status = second.header("X-Cache-Status")
    if app_allows_caching(first):
        check(status in FROM_CACHE, f"{path}: cacheable ({first.header('Cache-Control')}), second request {status}")
    else:
        reason = first.header("Cache-Control") or "no Cache-Control"
        check(status not in FROM_CACHE, f"{path}: not cacheable ({reason}), second request {status or 'not cached'}")
    return app_allows_caching(first)


def check_personal_requests(path):
    """A request carrying a session or CSRF cookie is never answered from, or stored in, the cache."""
    for cookie in ("sessionid", "csrftoken"):
        status = fetch(PORTS["nginx"], path, headers={"Cookie": f"{cookie}=x"}).header("X-Cache-Status")
        check(status == "BYPASS", f"{path} with a {cookie} cookie: {status}")
    login = [fetch(PORTS["nginx"], "/admin/login/") for _ in range(2)]
    check("csrftoken" in login[1].header("Set-Cookie") and login[1].header("X-Cache-Status") not in FROM_CACHE,
          "/admin/login/ (sets a cookie) is never cached")  # fmt: skip


def log_in(port, username, password):
    """Log in to the admin as a browser does; return the session's cookies."""
    cookies = {}
    page = fetch(port, "/admin/login/", cookies=cookies)
    data = {"username": username, "password": password, "next": "/admin/", "csrfmiddlewaretoken": csrf_token(page.text)}
    answer = fetch(port, "/admin/login/", data=data, cookies=cookies)
    if answer.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login on {port} failed: {answer.status}")
    return cookies


def change_title(port, cookies, pk, marker):
    """Open the finding's change form on `port`, add `marker` to both titles, press Save."""
    url = f"/admin/bluepaper/finding/{pk}/change/"
    page = fetch(port, url, cookies=cookies)
    data = form_values(page.text)
    for field in ("title_zh_hans", "title_en"):
        data[field] = [f"{data[field][0]} {marker}"]
    data.update(csrfmiddlewaretoken=[csrf_token(page.text)], _save=["Save"])
    answer = fetch(port, url, data=data, cookies=cookies, headers={"Referer": f"http://127.0.0.1:{port}{url}"})
    if answer.status != 302:
        errors = re.findall(r'class="errorlist[^"]*">(.*?)</ul>', answer.text, re.S)
        raise RuntimeError(f"the change form was refused ({answer.status}): {errors}")


def time_until_visible(port, path, marker, since):
    """Seconds from `since` until `path` on `port` shows `marker`, polling; None if not in time."""
    while True:
        if marker in fetch(port, path).text:
            return time.monotonic() - since
        if time.monotonic() - since > VISIBLE_WITHIN:
            return None
        time.sleep(POLL_EVERY)


def check_publication(pages, publish, marker):
    """Pages read before the change (so cached wherever they may be) show it within 2 s after."""
    targets = [(route, name, path) for route in ("B", "nginx") for name, path in pages.items()]
    for route, name, path in targets:
        for _ in range(2):  # twice: through nginx the second may come from its cache
            before = fetch(PORTS[route], path)
        check(before.status == 200 and marker not in before.text, f"before: {route} {name} {path} {before.status}")
    since = publish()
    with ThreadPoolExecutor(len(targets)) as pool:
        waits = pool.map(lambda t: time_until_visible(PORTS[t[0]], t[2], marker, since), targets)
        measured = {f"{route} {name}": seconds for (route, name, _), seconds in zip(targets, waits, strict=True)}
    for target, seconds in measured.items():
        shown = f"{seconds * 1000:.0f} ms" if seconds is not None else f"not within {VISIBLE_WITHIN:.0f} s"
        check(seconds is not None, f"after: {target} shows the change: {shown}")
    return measured


def run_checks(work, setup):
    check_request_id(work)
    home = fetch(PORTS["nginx"], "/")
    check_files(home.text)
    cacheable = [check_micro_cache(path) for path in [*setup["pages"].values(), "/api/v1/findings/"]]
    check(any(cacheable), "at least one response the application marks cacheable (the micro-cache is exercised)")
    check_personal_requests("/api/v1/findings/")
    marker = "check" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
    cookies = log_in(PORTS["A"], setup["username"], setup["password"])
    log(f"logged in to the admin on A as {setup['username']}")

    def publish():
        began = time.monotonic()
        change_title(PORTS["A"], cookies, setup["pk"], marker)
        log(f"title of finding {setup['pk']} changed through A's admin form in {time.monotonic() - began:.2f}s")
        return time.monotonic()

    return check_publication(setup["pages"], publish, marker)


def main():
    for tool in (NGINX, "createdb", "dropdb"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (Debian packages nginx, postgresql-client)")
    database = f"bp_multi_{secrets.token_hex(4)}"
    work = Path(tempfile.mkdtemp(prefix="bluepaper-multi-"))
    work.chmod(0o755)  # nginx's workers may run as another user
    for folder in ("logs", "tmp", "cache"):
        (work / folder).mkdir()
    processes = Processes(work)
    measured = None
    try:
        run(["createdb", *pg_args(), database])
        log(f"created database {database}; Redis {REDIS_URL}")
        env = instance_env(database, work)
        flush_redis()
        prepare(env)
        username, password = "multi-check-publisher", secrets.token_urlsafe(16)
        setup = {**create_publisher(env, username, password), "username": username, "password": password}
        conf = write_nginx_conf(work)
        run([NGINX, "-t", "-q", "-p", work, "-c", conf])
        for name in ("A", "B"):
            processes.start(name, unit_command(PORTS[name]), env=env)
        processes.start("nginx", [NGINX, "-p", work, "-c", conf, "-g", "daemon off;"])
        wait_healthy(processes)
        measured = run_checks(work, setup)
    except Exception as error:  # noqa: BLE001 - reported, then everything is cleaned up
        failures.append(f"{type(error).__name__}: {error}")
        log(f"FAIL  {type(error).__name__}: {error}")
    finally:
        processes.stop_all()
        if failures:
            show_logs(work)
        cleanup(database, work)
    return report(measured)


def show_logs(work):
    for path in sorted((work / "logs").glob("*.log")):
        lines = path.read_text(errors="replace").splitlines()[-15:]
        print(f"--- last lines of {path.name}", *lines, sep="\n")


def cleanup(database, work):
    subprocess.run(["dropdb", *pg_args(), "--if-exists", "--force", database], capture_output=True)
    try:
        flush_redis()
    except Exception as error:  # noqa: BLE001 - Redis may be what failed
        log(f"could not empty {REDIS_URL}: {error}")
    shutil.rmtree(work, ignore_errors=True)
    log(f"dropped {database}, emptied {REDIS_URL}, removed {work}")


def report(measured):
    if measured:
        shown = {k: (round(v * 1000) if v is not None else None) for k, v in measured.items()}
        print("milliseconds until visible:", json.dumps(shown))
    if failures:
        print(f"multi-instance check FAILED ({len(failures)}):", *failures, sep="\n  ")
        return 1
    print(f"multi-instance check passed in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
