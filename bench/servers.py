"""The servers `make bench` loads: gunicorn as `make run` starts it, and Debian's nginx."""

import getpass
import subprocess  # noqa: S404 - starts fixed local programs
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX = "/usr/sbin/nginx"


def start_gunicorn(app, port, env, log, access_log):
    """gunicorn as `make run` starts it (2 sync workers, no control socket, an access log); the master's Popen.

    The access log counts the requests the server finished (`served`)."""
    command = [
        str(GUNICORN),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--no-control-socket",
        "--error-logfile",
        str(log),
        "--access-logfile",
        str(access_log),
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


NGINX_CONF = """\
# Written by bench/servers.py for one `make bench` run; everything it writes stays in {tmp}.
user {user};
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/nginx-access.log;  # counts the requests served; unbuffered, as production logs
    client_body_temp_path {tmp}/nginx-temp/body;
    proxy_temp_path {tmp}/nginx-temp/proxy;
    fastcgi_temp_path {tmp}/nginx-temp/fastcgi;
    uwsgi_temp_path {tmp}/nginx-temp/uwsgi;
    scgi_temp_path {tmp}/nginx-temp/scgi;
    proxy_cache_path {tmp}/nginx-cache keys_zone=micro:10m;
    # The finding page's bytes as a file.
    server {{
        listen 127.0.0.1:{static_port};
        root {tmp}/www;
        default_type text/html;
        location / {{ try_files /finding.html =404; }}
    }}
    # A micro-cache in front of the cached app server: it keeps what the app's Cache-Control allows.
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host 127.0.0.1;
            proxy_cache micro;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            add_header X-Cache-Status $upstream_cache_status;
        }}
    }}
}}
"""


def start_nginx(tmp: Path, *, static_port, proxy_port, app_port):
    """Debian's nginx, in the foreground, configured and confined to `tmp`; the master's Popen."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / "nginx-temp" / name).mkdir(parents=True, exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            tmp=tmp, user=getpass.getuser(), static_port=static_port, proxy_port=proxy_port, app_port=app_port
        )
    )
    command = [NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def fetch(url, timeout=10) -> bytes:
    """The body of a 200 answer for `url` (raise otherwise)."""
    return fetch_with_type(url, timeout)[0]


def fetch_with_type(url, timeout=10) -> tuple[bytes, str]:
    """The body and content type of a 200 answer for `url` (raise otherwise)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a local http:// URL
        return response.read(), response.headers["Content-Type"]


def caching_headers(url) -> dict:
    """The headers of `url`'s answer that say how caches may keep it."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local http:// URL
        names = ("Cache-Control", "ETag", "Last-Modified", "Vary", "X-Cache-Status")
        return {name: response.headers[name] for name in names if response.headers[name] is not None}


def served(access_log: Path) -> int:
    """How many requests a server has logged as finished."""
    if not access_log.exists():
        return 0
    with access_log.open("rb") as lines:
        return sum(1 for _line in lines)


def wait_until_up(url, process, seconds=60):
    """Wait until `url` answers 200; fail if the server ends or takes longer than `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server for {url} ended with status {process.returncode}; see its log.")
        try:
            fetch(url, timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s.")


def stop(process):
    """End a server we started, and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
