"""Site-wide response hygiene (review S11): Permissions-Policy, no public manifest, canonical URL."""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

from bluepaper.models import Finding
from bluepaper.settings import base as base_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "/no-such-page/", "/admin/login/", "/static/css/site.css", "/healthz"],
)
def test_every_response_denies_device_features(client, path):
    response = client.get(path)
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature


@pytest.fixture
def collected(settings, tmp_path):
    """Run collectstatic with the production storage into a folder of the test's own."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": base_settings.STORAGES["staticfiles"]}
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_MANIFEST_ROOT = tmp_path / "manifest"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STATIC_ROOT.mkdir()
    # As left by a collectstatic from before the manifest moved out.
    (settings.STATIC_ROOT / "staticfiles.json").write_text('{"paths": {}}')
    call_command("collectstatic", "--noinput", verbosity=0)
    return tmp_path


def test_the_static_files_manifest_is_not_served(collected):
    assert (collected / "manifest" / "staticfiles.json").exists()
    assert not list((collected / "static").glob("staticfiles.json*"))
    assert Client().get("/static/staticfiles.json").status_code == 404
    # The manifest still does its work: pages name the hashed files, and WhiteNoise serves them.
    hashed = staticfiles_storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", hashed)
    assert Client().get(hashed).status_code == 200


def head_links(html):
    """The absolute URLs a page gives search engines and link previews."""
    return re.findall(r'<link rel="(?:canonical|alternate)"[^>]* href="([^"]+)"', html) + re.findall(
        r'<meta property="og:url" content="([^"]+)"', html
    )


@pytest.mark.parametrize("host", ["127.0.0.1:6666", "evil.example", "evil.example:8443"])
def test_the_canonical_url_comes_from_the_site_url_never_the_host_header(settings, host):
    settings.SITE_URL = "https://bluepaper.example.org"
    html = Client(HTTP_HOST=host).get("/en/").content.decode()
    links = head_links(html)
    assert "https://bluepaper.example.org/en/" in links
    # canonical, the Chinese, x-default and English alternates, og:url, the findings and corrections feeds
    assert len(links) == 7
    assert all(link.startswith("https://bluepaper.example.org/") for link in links)
    assert host.split(":")[0] not in html


def test_a_findings_permalinks_come_from_the_site_url(settings):
    settings.SITE_URL = "https://bluepaper.example.org"
    finding = Finding.objects.published().first()
    html = Client(HTTP_HOST="evil.example:6666").get(finding.get_absolute_url()).content.decode()
    assert f"https://bluepaper.example.org/findings/{finding.key}/" in html
    assert "evil.example" not in html and "6666" not in html
