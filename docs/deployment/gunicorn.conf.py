"""gunicorn settings for one Blue Paper instance (`gunicorn --config <this file>`).

Each instance is started by bluepaper@<port>.service with `--bind 127.0.0.1:<port>`; nginx
balances between them (nginx-site.conf). scripts/multi_instance_check.py starts its instances
with this file too, so these settings are the ones CI exercises.
"""

import multiprocessing
import os

# Sync workers: a page is CPU-bound rendering with short database queries, and a stuck worker is
# killed by the timeout instead of holding others up. The usual 2 × cores + 1 per machine; with
# several instances on one machine, share that number between them (GUNICORN_WORKERS).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A request that takes 30 s is broken: the worker is replaced and the reader gets nginx's 502/504.
timeout = 30
graceful_timeout = 30
# Replace a worker now and then, so that a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# The control socket (gunicorn 24+) is not used, and would be one more file to secure.
control_socket_disable = True
# Only nginx on this machine talks to gunicorn: trust its X-Forwarded-Proto, no one else's.
forwarded_allow_ips = "127.0.0.1"

# Both logs to the journal (stdout/stderr). The access line carries the request id the
# application sent back (nginx's id when nginx set one): the same id as nginx's access log and
# every application log line of that request.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s [%(t)s] "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
