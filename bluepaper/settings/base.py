"""Settings shared by every environment; `dev`, `prod` and `test` refine them.

Nothing secret lives here: the secret key, hosts, database and cache come from the
environment (see `.env.example`).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from core.field_labels import localized_verbose_name

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    # modeltranslation patches admin forms, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml template (website/sitemaps.py)
    "corsheaders",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own origin
    "simple_history",
    "import_export",
    "axes",
    "core",
    "indicators",
    "bluepaper",
    "policies",
    "website",  # the wiring on top: site-wide views, template tags and commands (no models)
]

MIDDLEWARE = [
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that its process_exception is among the last asked: a database outage is a 503.
    "core.resilience.DatabaseUnavailableMiddleware",
    # Before WhiteNoise, so that static files get the header too.
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before CommonMiddleware, as its documentation asks
    # 304s for the ETag and Last-Modified that the page cache sets, on cached answers too.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, whose language is part of the key; before everything else, so that a
    # cached page skips it (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.GoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bluepaper.urls"
WSGI_APPLICATION = "bluepaper.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# The embedded default is a SQLite file beside the code; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# JSON fixtures and backups keep times to the microsecond, as the database does (core/serialization.py).
SERIALIZATION_MODULES = {"json": "core.serialization"}


def cache_from_env():
    """Use the shared Redis cache when REDIS_URL is set, else a per-process memory cache."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return {
            "default": {
                # Django's Redis cache, except that Redis being down is a miss, not an error.
                "BACKEND": "core.resilience.ResilientRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "bluepaper",
                # A Redis that hangs must not hang the pages: give up quickly and read the database.
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


CACHES = cache_from_env()

# The page cache (core/page_cache.py, decision 0038): rendered public pages kept until content
# changes. PAGE_CACHE=off serves every page fresh (the benchmark's "uncached" rows).
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "on") != "off"
PAGE_CACHE_SECONDS = 600  # a key is never read again once content changes: this only frees memory
PAGE_MAX_AGE = 60  # what browsers and shared caches may keep without asking again
PAGE_STALE_SECONDS = 60  # and then show while they revalidate
CONTENT_STAMP_SECONDS = 0.25  # how long a process trusts the content stamp it read (core/cache.py)
# The schedule (last and next publication times) is read again when the stamp moves or the next
# time comes; this is a backstop for rows changed around the write path (core/cache.py).
SCHEDULE_HORIZON_SECONDS = 300

# Where search's word segmenter (jieba) keeps its prepared dictionary between runs (core/segmenter.py).
SEARCH_CACHE_DIR = os.environ.get("SEARCH_CACHE_DIR", str(BASE_DIR / ".cache" / "jieba"))

# Login throttling (django-axes; docs/decisions/0011-login-throttling.md). Axes' backend comes
# first and refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address pause that account, from that address,
# for 15 minutes: guessing is slow, and a colleague in the same office is not locked out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The pause runs from the fifth failure; trying again during it does not make it longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# The admin's login page again, saying why and for how long, in the editor's language.
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
# Axes' own admin pages are English only; `manage.py axes_reset_username NAME` unlocks an account.
AXES_ENABLE_ADMIN = False
# The client's address: REMOTE_ADDR when nothing stands in front (make run). Behind a proxy,
# prod.py reads the header the proxy sets (TRUSTED_PROXY_HEADER; docs/deployment/README.md).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese is the default and has no URL prefix; English lives under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
# The project's catalogue first; then Django's own strings reworded in the polite register (您).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
# An English reader sees the Chinese text, marked as such, rather than nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)
# Editors read "标题（中文）" / "Title (English)", not "title [zh-hans]".
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = localized_verbose_name

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The list of static files that collectstatic writes for Django alone: outside STATIC_ROOT, so
# WhiteNoise does not publish it (core/storage.py).
STATIC_MANIFEST_ROOT = BASE_DIR / "staticfiles-manifest"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Serve MEDIA_URL from MEDIA_ROOT through Django: on for `make run` (no nginx in front) and in
# development; a real deployment leaves it off and lets nginx serve the media folder.
SERVE_MEDIA = False

# Uploaded images (core/images.py): checked by content, bounded in bytes and in pixels.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
# Uploaded files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE (form fields only), so a large
# image reaches the form and is refused there with its size; files above the memory threshold
# are streamed to a temporary file, never held in memory. nginx caps the request body in front.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Content Security Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page of the site uses a device or a powerful browser feature: deny them all, to the site and
# to anything embedded in it (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Versions are restored with core.history.version_restore (cross-links included), not with
# django-simple-history's revert form, which restores fields but not many-to-many links.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The public API (docs/decisions/0019-public-api.md): read-only and anonymous, so no session,
# no CSRF and no login; JSON or CSV; filters, pages and errors the same on every resource.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "core.api.renderers.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.renderers.ContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PublicApiSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,  # figures are exact decimals, never floats
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Blue Paper API",
    "DESCRIPTION": (
        "The published content of the Beijing–Tianjin–Hebei Development Report, read-only. "
        "Text is in Simplified Chinese unless `?lang=en` or an `Accept-Language: en` header asks for "
        "English. Lists take filters, `search`, `ordering`, `page` and `page_size` (at most 200), and "
        "`?format=csv` gives a CSV file. Data licence: CC BY 4.0; every figure names its source."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": False,
}
# Any origin may read the API; nothing else on the site is shared across origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language", "Content-Disposition", "Retry-After"]

# Data import and export in the admin (django-import-export; docs/decisions/0005-data-import.md).
# Without these codes any staff member could import; the observation admin also asks "change".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True  # all or nothing
# The uploaded file waits between the preview and the confirmation, which another instance may
# serve: in the shared cache when there is one, else in this machine's temporary folder.
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "import_export.tmp_storages.CacheStorage"
    if os.environ.get("REDIS_URL")
    else "import_export.tmp_storages.TempFolderStorage"
)

# The site's own compilation of data is offered under this licence (PRODUCT.md).
DATA_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
SITE_NAME = _("Beijing–Tianjin–Hebei Development Report")
# Who citations name (core/citations.py): the report's authors are not named in the source, so
# the corporate author is the report's research group, and the publisher the site's editors
# (docs/decisions/0029-cite-this.md). Both languages, as each language's citations name them.
CITATION = {
    # The source does not name the blue paper's authors: the pages are this site's own text, so the
    # site is named as their author and publisher (docs/decisions/0029-cite-this.md).
    "author": {"zh-hans": "京津冀发展报告网站", "en": "Beijing–Tianjin–Hebei Development Report website"},
    "publisher": {"zh-hans": "京津冀发展报告网站", "en": "Beijing–Tianjin–Hebei Development Report website"},
}
# Scheme, host and port of the public site, for canonical and permanent links: never taken from
# a request's Host header, which a client chooses. Production sets it from the environment.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Workflow e-mail (core/notifications.py): printed on the console unless a deployment
# configures SMTP (prod.py reads EMAIL_HOST and friends from the environment).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Blue Paper <noreply@localhost>")

# One JSON object per line, each with the id of the request it belongs to (core/request_id.py),
# for log collectors; LOG_FORMAT=text gives plain lines for reading in a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
