"""/sitemap.xml lists every published page in both languages and nothing else; /robots.txt points to it."""

import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bluepaper.models import Challenge, Chapter, Finding, Report
from bluepaper.tests.factories import ChallengeFactory, ChapterFactory, FindingFactory
from core.publishing import Status
from indicators.models import Indicator, Region
from indicators.tests.factories import IndicatorFactory, RegionFactory
from policies.models import Strategy
from policies.tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LIST_PAGES = ["website:home", "indicators:indicator-list", "indicators:region-list", "policies:strategy-list",
              "bluepaper:challenge-list", "website:feeds"]  # fmt: skip
MODELS = [Report, Chapter, Finding, Challenge, Strategy, Indicator, Region]


def expected_urls():
    """Every published page in every language, computed from the database through `published()`."""
    urls = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls |= {reverse(name) for name in LIST_PAGES}
            for model in MODELS:
                urls |= {item.get_absolute_url() for item in model.objects.published()}
    return {f"{settings.SITE_URL}{url}" for url in urls}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response; raises if not well formed


def locations(root):
    return [url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)]


def test_the_sitemap_lists_every_published_page_in_both_languages_once(client):
    listed = locations(sitemap(client))
    assert len(listed) == len(set(listed))
    assert set(listed) == expected_urls()
    assert f"{settings.SITE_URL}/findings/k5uj8/high-speed-rail-network/" in listed
    assert f"{settings.SITE_URL}/en/indicators/high-speed-rail-mileage/" in listed


def test_each_url_has_a_lastmod_and_its_alternates_in_both_languages(client):
    for url in sitemap(client).findall("sm:url", NS):
        assert url.findtext("sm:lastmod", namespaces=NS)
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        assert set(links) == {"zh-hans", "en", "x-default"}
        assert links["en"] == links["zh-hans"].replace(settings.SITE_URL, f"{settings.SITE_URL}/en", 1)
        assert links["x-default"] == links["zh-hans"]
        assert url.findtext("sm:loc", namespaces=NS) in (links["en"], links["zh-hans"])


def test_a_findings_lastmod_follows_its_last_change(client):
    finding = Finding.objects.get(key="k5uj8")
    finding.updated_at = timezone.now() - timezone.timedelta(days=400)
    Finding.objects.filter(pk=finding.pk).update(updated_at=finding.updated_at)
    url = f"{settings.SITE_URL}/findings/k5uj8/high-speed-rail-network/"
    entry = next(u for u in sitemap(client).findall("sm:url", NS) if u.findtext("sm:loc", namespaces=NS) == url)
    # The day it changed in the site's time zone (Beijing): from 16:00 UTC that is the next day's date.
    assert entry.findtext("sm:lastmod", namespaces=NS) == timezone.localdate(finding.updated_at).isoformat()


def test_nothing_unpublished_is_listed(client):
    chapter = Chapter.objects.published().first()
    later = timezone.now() + timezone.timedelta(days=3)
    hidden = []
    for status, published_at in ((Status.DRAFT, None), (Status.REVIEW, None), (Status.ARCHIVED, timezone.now()),
                                 (Status.PUBLISHED, later)):  # fmt: skip
        fields = {"status": status, "published_at": published_at}
        hidden += [FindingFactory(chapter=chapter, **fields), ChallengeFactory(chapter=chapter, **fields),
                   StrategyFactory(chapter=chapter, **fields), IndicatorFactory(**fields), RegionFactory(**fields),
                   ChapterFactory(report=chapter.report, **fields)]  # fmt: skip
    draft_chapter = ChapterFactory(report=chapter.report, status=Status.DRAFT, published_at=None)
    hidden.append(FindingFactory(chapter=draft_chapter))  # public itself, but its chapter is not
    listed = set(locations(sitemap(client)))
    assert listed == expected_urls()
    for item in hidden:
        for code in ("zh-hans", "en"):
            with translation.override(code):
                assert f"{settings.SITE_URL}{item.get_absolute_url()}" not in listed, item


def test_a_scheduled_page_is_listed_once_its_time_has_come(client):
    later = timezone.now() + timezone.timedelta(hours=2)
    finding = FindingFactory(chapter=Chapter.objects.published().first(), published_at=later)
    url = f"{settings.SITE_URL}{finding.get_absolute_url()}"
    assert url not in locations(sitemap(client))
    with mock.patch("django.utils.timezone.now", return_value=finding.published_at + timezone.timedelta(minutes=1)):
        assert url in locations(sitemap(client))


def test_sitemap_addresses_come_from_site_url_not_the_host_header(client, settings):
    settings.SITE_URL = "https://bluepaper.example.org"
    listed = locations(sitemap(client))
    assert listed and all(url.startswith("https://bluepaper.example.org/") for url in listed)


def test_the_sitemap_runs_a_fixed_number_of_queries(client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            sitemap(client)
        return len(captured)

    before = count()
    FindingFactory.create_batch(10, chapter=Chapter.objects.published().first())
    IndicatorFactory.create_batch(5)
    assert count() == before


def test_robots_txt_allows_the_site_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://bluepaper.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/admin/", "/preview/", "/search/?", "/en/admin/", "/en/preview/", "/en/search/?"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /search/" not in lines  # the search page itself may be found; its results not
    assert "Sitemap: https://bluepaper.example.org/sitemap.xml" in lines
    assert client.get("/en/robots.txt").status_code == 404  # one file for both languages, at the root


# Discovery ---------------------------------------------------------------------------------


def atom_links(html):
    return [line for line in html.splitlines() if 'type="application/atom+xml"' in line]


@pytest.mark.parametrize(("prefix", "language"), [("", "zh-hans"), ("/en", "en")])
def test_every_page_points_to_the_feeds_in_its_language(client, prefix, language):
    for path in ("/", "/strategies/", "/findings/k5uj8/high-speed-rail-network/"):
        links = atom_links(client.get(f"{prefix}{path}").content.decode())
        assert any(f'href="{settings.SITE_URL}{prefix}/feeds/findings/"' in link for link in links), path
        assert any(f'href="{settings.SITE_URL}{prefix}/feeds/corrections/"' in link for link in links), path
        assert not any("/feeds/indicators/" in link for link in links), path


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_an_indicator_page_points_to_its_own_feed_and_the_footer_to_the_feeds_page(client, prefix):
    html = client.get(f"{prefix}/indicators/high-speed-rail-mileage/").content.decode()
    feed = f'href="{settings.SITE_URL}{prefix}/feeds/indicators/high-speed-rail-mileage/"'
    assert any(feed in link for link in atom_links(html))
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'href="{prefix}/feeds/"' in footer


def test_the_feeds_page_lists_every_feed(client):
    html = client.get("/en/feeds/").content.decode()
    assert 'href="/en/feeds/findings/"' in html and 'href="/en/feeds/corrections/"' in html
    for indicator in Indicator.objects.published():
        assert f'href="/en/feeds/indicators/{indicator.slug}/"' in html


# Caching -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/sitemap.xml", "/feeds/findings/", "/en/feeds/corrections/",
                                 "/feeds/indicators/high-speed-rail-mileage/"])  # fmt: skip
def test_feeds_and_sitemap_may_be_cached_and_answer_304_to_a_reader_who_has_them(client, url):
    response = client.get(url)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_an_unpublished_finding_changes_the_etag_though_no_date_moves(client):
    before = client.get("/feeds/findings/")["ETag"]
    Finding.objects.filter(key="k5uj8").update(status=Status.DRAFT)  # no newer date anywhere
    response = client.get("/feeds/findings/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response["ETag"] != before
