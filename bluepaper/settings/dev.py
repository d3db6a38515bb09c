"""Local development: `make dev` (runserver) with DEBUG on."""

import os

from .base import *  # noqa: F403

DEBUG = True
# A development-only key; production refuses to start without its own (see prod.py).
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
# A copy, not an edit: base's STORAGES stays what production uses.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# Plain log lines for a terminal (production and CI keep JSON); LOG_FORMAT=json overrides.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "text")  # noqa: F405
