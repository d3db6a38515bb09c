"""Production: DEBUG off, configuration from the environment, refuse to start without it.

TLS-only settings switch on with HTTPS=on, so that `make run` can serve plain HTTP on
loopback while a real deployment behind nginx gets secure cookies, redirects and HSTS.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def require_env(name):
    """Return an environment variable, or refuse to start without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (see .env.example).")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]


def env_flag(name):
    """Whether an on/off environment variable is on."""
    return os.environ.get(name, "").strip().lower() in {"1", "on", "true", "yes"}


def site_url():
    """The public origin: SITE_URL, else the first allowed host (over HTTPS when HTTPS is on)."""
    url = os.environ.get("SITE_URL", "").strip().rstrip("/")
    if not url and ALLOWED_HOSTS[0].startswith((".", "*")):
        raise ImproperlyConfigured("Set SITE_URL: the first allowed host is a pattern, not a host.")
    if not url:
        url = f"{'https' if env_flag('HTTPS') else 'http'}://{ALLOWED_HOSTS[0]}"
    if not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured("SITE_URL must start with https:// or http:// (see .env.example).")
    return url


SITE_URL = site_url()

# `make run` sets SERVE_MEDIA=on; behind nginx, nginx serves the media folder instead.
SERVE_MEDIA = env_flag("SERVE_MEDIA")

# Behind nginx every request comes from nginx's address: the client's is in the header nginx sets
# (X-Real-IP, overwritten on every request so a client cannot choose it). Login throttling
# counts failures per account and client address (docs/deployment/README.md).
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "").strip()
if TRUSTED_PROXY_HEADER:
    meta_name = "HTTP_" + TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    AXES_IPWARE_META_PRECEDENCE_ORDER = (meta_name, "REMOTE_ADDR")

if env_flag("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Workflow e-mail: SMTP when the environment names a server, else the console (`make run`).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS") or EMAIL_PORT == 587
