"""The test suite: fast hashing, no manifest, the database from DATABASE_URL if set."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A copy, not an edit: base's STORAGES stays what production uses.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Serve static files from the app folders directly; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite sends the API thousands of requests from one address; the throttle test sets its own rate.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
# Tests change rows directly and check pages at once: the page cache and the content stamp's
# one-second memory are switched on by the tests that exercise them (core/tests/test_page_cache.py).
PAGE_CACHE_ENABLED = False
CONTENT_STAMP_SECONDS = 0
SCHEDULE_HORIZON_SECONDS = 0  # factories write around the write path, which moves the stamp
