"""Open Graph and Twitter card tags on every public page; the site's own share image."""

import re
from html import unescape
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client

from bluepaper.models import Challenge, Finding
from bluepaper.tests.factories import ChallengeFactory, FindingFactory
from bluepaper.tests.public_pages import all_public_page_urls
from core import citations
from core.publishing import Status
from core.qr import qr_svg
from policies.models import Strategy
from policies.tests.factories import StrategyFactory
from website.templatetags import sharing

pytestmark = pytest.mark.django_db

REQUIRED = [
    'property="og:image"',
    'property="og:image:type" content="image/png"',
    'property="og:image:width" content="1200"',
    'property="og:image:height" content="630"',
    'property="og:image:alt"',
    'name="twitter:card" content="summary_large_image"',
    'name="twitter:title"',
    'name="twitter:description"',
    'name="twitter:image"',
    'name="twitter:image:alt"',
]


def meta(html, key):
    """The content of the meta tag whose property or name is `key`."""
    return re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html).group(1)


def test_every_public_page_has_the_share_tags_once_and_its_image_answers():
    client, images = Client(), set()
    for url in all_public_page_urls():
        html = client.get(url).content.decode()
        for tag in REQUIRED:
            assert html.count(tag) == 1, (url, tag)
        assert meta(html, "twitter:title") == meta(html, "og:title"), url
        assert meta(html, "twitter:description") == meta(html, "og:description"), url
        image = meta(html, "og:image")
        assert image == meta(html, "twitter:image") and image.startswith(settings.SITE_URL + "/"), url
        assert meta(html, "og:image:alt"), url
        images.add(image.removeprefix(settings.SITE_URL))
    for path in images:
        response = client.get(path)
        assert (response.status_code, response["Content-Type"]) == (200, "image/png"), path


def test_a_finding_page_points_to_its_own_share_image():
    finding = Finding.objects.get(key="e9gs4")
    html = Client().get(f"/en{finding.get_absolute_url()}").content.decode()
    assert meta(html, "og:image") == f"{settings.SITE_URL}/en/findings/e9gs4/share.png"
    assert "82.1% (expected)" in meta(html, "og:image:alt")


def test_other_pages_use_the_sites_image_in_their_language():
    assert meta(Client().get("/regions/").content.decode(), "og:image") == f"{settings.SITE_URL}/share.png"
    assert meta(Client().get("/en/regions/").content.decode(), "og:image") == f"{settings.SITE_URL}/en/share.png"


def test_a_draft_is_never_named_in_any_share_tag():
    draft = FindingFactory(status=Status.DRAFT, published_at=None, title_zh_hans="草稿标记", title_en="DRAFT-MARK")
    for url in all_public_page_urls():
        head = Client().get(url).content.decode().split("</head>")[0]
        assert draft.key not in head and "DRAFT-MARK" not in head and "草稿标记" not in head, url


@pytest.mark.parametrize("kind", ["challenge", "strategy"])
def test_challenge_and_strategy_pages_have_their_own_share_image_and_qr_code(kind):
    model = Challenge if kind == "challenge" else Strategy
    item = model.objects.published().first()
    path, client = item.get_absolute_url(), Client()  # the Chinese path, before a request switches language
    html = client.get(f"/en{path}").content.decode()
    image = meta(html, "og:image").removeprefix(settings.SITE_URL)
    assert image == f"/en{path}share.png"
    assert item.title_en in meta(html, "og:image:alt")
    assert client.get(image)["Content-Type"] == "image/png"
    assert client.get(f"{path}qr.svg").content == qr_svg(settings.SITE_URL + path)


@pytest.mark.parametrize("factory", [ChallengeFactory, StrategyFactory])
def test_a_draft_challenge_or_strategy_has_no_share_image(factory):
    draft = factory(status=Status.DRAFT, published_at=None)
    for suffix in ("share.png", "qr.svg"):
        assert Client().get(f"{draft.get_absolute_url()}{suffix}").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_page_draws_its_citation_and_share_details_once_for_head_and_body(prefix):
    """The citation meta tags and the "Cite this" box, the share meta tags and the share box: one
    drawing each per page, in the page's language, and the head says what the body says."""
    with (
        mock.patch.object(citations, "describe", wraps=citations.describe) as describe,
        mock.patch.object(sharing, "_share_info", wraps=sharing._share_info) as share_info,
    ):
        html = Client().get(prefix + "/findings/k5uj8/high-speed-rail-network/").content.decode()
    assert describe.call_count == 1
    assert share_info.call_count == 1
    head, body = html.split("</head>")
    title = unescape(re.search(r'<meta name="citation_title" content="([^"]+)"', head).group(1))
    assert title in unescape(re.sub(r"<[^>]+>", "", body))
    image = re.search(r'<meta property="og:image" content="([^"]+)"', head).group(1)
    assert image.removeprefix(settings.SITE_URL) in body  # the share box offers the same image
    assert ("Cite this" in body) == (prefix == "/en")
