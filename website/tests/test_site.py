"""The site-wide pages live in website/ and answer at the same public paths as before."""

import re

import pytest
from django.urls import reverse

from bluepaper.models import Finding
from website import previews, views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "view"),
    [
        ("/", views.home),
        ("/en/", views.home),
        ("/search/", views.search_page),
        ("/en/search/", views.search_page),
        ("/preview/bluepaper/finding/1/", previews.preview),
        ("/healthz", views.healthz),
    ],
)
def test_site_wide_paths_are_unchanged_and_served_by_website(client, path, view):
    assert client.get(path).resolver_match.func is view


def test_url_names_live_in_the_website_namespace():
    assert reverse("website:home") == "/"
    assert reverse("website:search") == "/search/"
    assert reverse("website:preview", args=["bluepaper", "finding", 1]) == "/preview/bluepaper/finding/1/"


def home_link(html):
    """The navigation's link to the home page."""
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.search(r'<a href="/"[^>]*>', nav).group(0)


def test_the_navigation_marks_home_as_the_page_and_the_report_as_its_section(client):
    assert 'aria-current="page"' in home_link(client.get("/").content.decode())
    finding = Finding.objects.published().first()
    section = home_link(client.get(finding.get_absolute_url()).content.decode())
    assert 'class="is-current"' in section and "aria-current" not in section
    assert "current" not in home_link(client.get("/search/?q=2624").content.decode())
