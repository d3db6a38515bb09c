"""The oEmbed endpoint (oembed.com): this site's finding and indicator pages as `rich` iframes, in
the page's language; JSON only; errors as JSON naming the parameter; nothing unpublished."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client

from bluepaper.models import Finding
from bluepaper.services import finding_publish_version
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from indicators.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

RAIL = "k5uj8"
SITE = settings.SITE_URL


def oembed(url=None, **params):
    query = {**({"url": url} if url is not None else {}), **params}
    return Client().get("/oembed/", query)


def iframe_src(html):
    return re.search(r'<iframe src="([^"]+)"', html).group(1)


@pytest.mark.parametrize(
    ("url", "src", "title"),
    [
        (f"{SITE}/findings/{RAIL}/", f"{SITE}/embed/findings/{RAIL}/?v=1", "2624公里"),
        (f"{SITE}/en/findings/{RAIL}/high-speed-rail-network/", f"{SITE}/en/embed/findings/{RAIL}/?v=1", "2,624 km"),
        (f"{SITE}/en/findings/{RAIL}/v1/?utm_source=x#figures", f"{SITE}/en/embed/findings/{RAIL}/?v=1", "2,624 km"),
        (f"{SITE}/indicators/high-speed-rail-mileage/", f"{SITE}/embed/indicators/high-speed-rail-mileage/",
         "高速铁路"),
        (f"{SITE}/en/indicators/high-speed-rail-mileage/", f"{SITE}/en/embed/indicators/high-speed-rail-mileage/",
         "High-speed rail"),
    ],
)  # fmt: skip
def test_a_page_of_this_site_answers_a_rich_iframe_in_the_page_s_language(url, src, title):
    response = oembed(url, format="json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == "1.0" and body["type"] == "rich"
    assert iframe_src(body["html"]) == src
    assert title in body["title"]
    assert unescape(re.search(r'title="([^"]+)"', body["html"]).group(1)) == body["title"]
    assert 'loading="lazy"' in body["html"]
    assert isinstance(body["width"], int) and isinstance(body["height"], int)
    assert f'width="{body["width"]}" height="{body["height"]}"' in body["html"]
    for name in ("provider_name", "provider_url", "author_name"):
        assert body[name]
    assert body["provider_url"].startswith(SITE)


def test_the_answer_follows_the_page_url_whichever_prefix_the_endpoint_has():
    english = Client().get("/oembed/", {"url": f"{SITE}/en/findings/{RAIL}/"}).json()
    chinese = Client().get("/en/oembed/", {"url": f"{SITE}/findings/{RAIL}/"}).json()
    assert "km" in english["title"] and "公里" in chinese["title"]
    assert english["provider_url"] == f"{SITE}/en/" and chinese["provider_url"] == f"{SITE}/"


def test_the_iframe_pins_the_current_version_or_the_version_asked_for():
    finding = Finding.objects.get(key=RAIL)
    Finding.objects.filter(pk=finding.pk).update(title_en="Corrected title")
    finding_publish_version(finding=Finding.objects.get(pk=finding.pk))
    assert iframe_src(oembed(f"{SITE}/en/findings/{RAIL}/").json()["html"]).endswith("?v=2")
    assert iframe_src(oembed(f"{SITE}/en/findings/{RAIL}/v1/").json()["html"]).endswith("?v=1")
    assert oembed(f"{SITE}/en/findings/{RAIL}/v3/").status_code == 404


def test_maxwidth_and_maxheight_bound_the_frame():
    body = oembed(f"{SITE}/en/indicators/high-speed-rail-mileage/", maxwidth="320", maxheight="300").json()
    assert body["width"] <= 320 and body["height"] <= 300
    wide = oembed(f"{SITE}/en/indicators/high-speed-rail-mileage/", maxwidth="5000").json()
    assert wide["width"] == 640


@pytest.mark.parametrize("name", ["maxwidth", "maxheight"])
@pytest.mark.parametrize("value", ["abc", "-5", "0", "12.5", "50"])
def test_a_bad_size_is_a_400_naming_it(name, value):
    response = oembed(f"{SITE}/findings/{RAIL}/", **{name: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


@pytest.mark.parametrize("params", [{}, {"url": ""}, {"url": "  "}, {"format": "json"}])
def test_a_missing_url_is_a_400_naming_the_parameter(params):
    response = Client().get("/oembed/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and list(body["errors"]) == ["url"]


@pytest.mark.parametrize("fmt", ["xml", "XML", "html"])
def test_only_json_is_offered_other_formats_are_501(fmt):
    response = oembed(f"{SITE}/findings/{RAIL}/", format=fmt)
    assert response.status_code == 501
    assert response.json()["status"] == 501


@pytest.mark.parametrize(
    "url",
    [
        f"https://example.com/findings/{RAIL}/",  # another site
        f"{SITE}.evil.example/findings/{RAIL}/",
        f"ftp://127.0.0.1:8000/findings/{RAIL}/",
        f"{SITE}/findings/nosuch/",
        f"{SITE}/",  # a page of the site that has no embed
        f"{SITE}/reports/2025/",
        f"{SITE}/embed/findings/{RAIL}/",
        f"{SITE}/admin/",
        f"{SITE}/nowhere/at/all/",
        "not a url at all",
        "/findings/k5uj8/",  # not absolute: whose site?
        f"{SITE}/fr/findings/{RAIL}/",
    ],
)  # fmt: skip
def test_a_url_that_is_not_one_of_this_site_s_finding_or_indicator_pages_is_404(url):
    response = oembed(url)
    assert response.status_code == 404
    assert response.json()["status"] == 404


@pytest.mark.parametrize(
    "state",
    [{"status": Status.DRAFT, "published_at": None}, {"status": Status.ARCHIVED, "published_at": None}],
)
def test_an_unpublished_finding_or_indicator_is_404(state):
    finding = FindingFactory(**state)
    indicator = IndicatorFactory(**state)
    for path in (f"/findings/{finding.key}/", finding.get_absolute_url(), indicator.get_absolute_url()):
        response = oembed(f"{SITE}{path}")
        assert response.status_code == 404
        assert finding.title_en not in response.content.decode()


def test_an_archived_finding_once_public_is_404_too():
    finding = Finding.objects.get(key=RAIL)
    finding.status = Status.ARCHIVED
    finding.save()
    assert oembed(f"{SITE}/findings/{RAIL}/").status_code == 404
    assert oembed(f"{SITE}/findings/{RAIL}/v1/").status_code == 404


def test_the_endpoint_may_not_be_framed_and_sets_no_cookie():
    response = oembed(f"{SITE}/findings/{RAIL}/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert not response.cookies
