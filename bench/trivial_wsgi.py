"""A trivial Django view for `make bench`: the same bytes as each measured page, with no work behind them.

It runs through the site's own settings, request handler and every middleware, so that it is
the floor a page of the site cannot go below: Django itself. The bytes come from the folder named
by BENCH_TRIVIAL_PAGES: `pages.json` maps each measured path to the file holding that page's body
and its content type (fetched by bench/run.py); any other path gets the first page's.
"""

import json
import os
from pathlib import Path

import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import re_path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluepaper.settings.bench")
FOLDER = Path(os.environ["BENCH_TRIVIAL_PAGES"])
PAGES = {
    path: (FOLDER.joinpath(page["file"]).read_bytes(), page["content_type"])
    for path, page in json.loads(FOLDER.joinpath("pages.json").read_text()).items()
}
FIRST = next(iter(PAGES.values()))


def trivial(request):
    """Answer a measured path with that page's bytes, any other with the first page's."""
    body, content_type = PAGES.get(request.get_full_path(), FIRST)
    return HttpResponse(body, content_type=content_type)


django.setup(set_prefix=False)

from bluepaper import urls as site_urls  # noqa: E402 - the apps load in django.setup()

# The one route answers every path; the site's routes follow so that middleware and templates
# that reverse a URL (the admin's, for one) still can.
urlpatterns = [re_path(r"", trivial), *site_urls.urlpatterns]
settings.ROOT_URLCONF = __name__
application = WSGIHandler()
