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


def menu_link(html, href):
    """The navigation's link to `href`."""
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.search(rf'<a href="{href}"[^>]*>', nav).group(0)


def test_the_navigation_marks_home_as_the_page_and_the_report_as_a_findings_section(client):
    assert 'aria-current="page"' in menu_link(client.get("/").content.decode(), "/")
    finding = Finding.objects.published().first()
    html = client.get(finding.get_absolute_url()).content.decode()
    assert "aria-current" not in menu_link(html, "/")  # a finding is not the home page (readers' review)
    assert 'aria-current="true"' in menu_link(html, finding.chapter.report.get_absolute_url())
    assert (
        "aria-current"
        not in client.get("/search/?q=2624").content.decode().split('<nav class="site-nav"')[1].split("</nav>")[0]
    )
