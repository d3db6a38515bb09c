"""A trivial Django view for `make bench`: the same bytes as the finding page, with no work behind them.

It runs through the site's own settings, request handler and every middleware, so that it is
the floor a page of the site cannot go below: Django itself. The bytes come from the file
named by BENCH_TRIVIAL_BODY (the finding page, fetched by bench/run.py).
"""

import os
from pathlib import Path

import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import re_path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluepaper.settings.bench")
BODY = Path(os.environ["BENCH_TRIVIAL_BODY"]).read_bytes()


def trivial(request):
    """Answer any path with the fixed bytes."""
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


django.setup(set_prefix=False)

from bluepaper import urls as site_urls  # noqa: E402 - the apps load in django.setup()

# The one route answers every path; the site's routes follow so that middleware and templates
# that reverse a URL (the admin's, for one) still can.
urlpatterns = [re_path(r"", trivial), *site_urls.urlpatterns]
settings.ROOT_URLCONF = __name__
application = WSGIHandler()
