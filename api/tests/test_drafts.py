"""Nothing unpublished shows through the API: no endpoint, filter, nested object or link.

Every API address reachable from the root is walked in both languages and both formats, with
one unpublished object of each kind cross-linked to public ones (bluepaper/tests/test_drafts.py).
"""

import re
from collections import deque

import pytest
from django.utils import timezone

from bluepaper.models import Challenge, Chapter, Finding
from bluepaper.tests.factories import FindingFactory
from bluepaper.tests.test_drafts import MARK, feed_and_sitemap_urls, unpublished_everything  # noqa: F401 - a fixture
from core.publishing import Status
from core.tests.api_client import API, api_get, error_names, values
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = pytest.mark.django_db

API_URL = re.compile(r'"(http://testserver/api/v1/[^"?#]*)')
DRAFT_VALUE = "987654321"  # the draft figure of a public indicator


def assert_nothing_unpublished(response, url):
    assert response.status_code == 200, url
    body = response.content.decode("utf-8-sig")
    assert MARK not in body, url
    assert DRAFT_VALUE not in body and "98765.4321" not in body, url


def walk(client):
    """Visit every API address linked from the root, once; return how many."""
    seen, queue = set(), deque([f"http://testserver{API}"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        for params in ({"page_size": 200, "lang": "en"}, {"page_size": 200, "format": "csv"}):
            assert_nothing_unpublished(client.get(url, params), url)
        response = client.get(url, {"page_size": 200})
        assert_nothing_unpublished(response, url)
        queue.extend(API_URL.findall(response.content.decode()))
    return len(seen)


@pytest.fixture
def archived_and_scheduled():
    """An archived finding and a scheduled one, linked to everything a finding can link to."""
    chapter = Chapter.objects.published().first()
    findings = [
        FindingFactory(chapter=chapter, status=Status.ARCHIVED, title_zh_hans=MARK, title_en=MARK),
        FindingFactory(chapter=chapter, published_at=timezone.now() + timezone.timedelta(hours=1), title_en=MARK),
    ]
    for finding in findings:
        finding.regions.add(*Region.objects.published())
        finding.indicators.add(*Indicator.objects.published())
        finding.observations.add(*Indicator.objects.published().first().observations.all())
        finding.strategies.add(*Strategy.objects.published())
        finding.challenges.add(*Challenge.objects.published())
    return findings


def test_no_api_address_shows_anything_unpublished(client, unpublished_everything, archived_and_scheduled):  # noqa: F811
    assert walk(client) > 50


def test_feeds_and_sitemap_hide_archived_and_scheduled(client, unpublished_everything, archived_and_scheduled):  # noqa: F811
    """The other machine-read surfaces (website/feeds.py, sitemaps.py), with the same linked findings."""
    for url in feed_and_sitemap_urls():
        body = client.get(url).content.decode()
        assert MARK not in body, url
        assert not any(f"/findings/{finding.key}/" in body for finding in archived_and_scheduled), url


def test_unpublished_findings_have_no_api_address(client, unpublished_everything, archived_and_scheduled):  # noqa: F811
    hidden = [unpublished_everything["finding"], unpublished_everything["scheduled"], *archived_and_scheduled]
    hidden += list(Finding.objects.filter(status__in=[Status.REVIEW, Status.ARCHIVED]))
    for finding in hidden:
        response = api_get(client, f"findings/{finding.key}/")
        assert MARK not in response.content.decode() and finding.title_zh_hans not in response.content.decode()
        # An archived finding answers 410 Gone, as its page does; the others are unknown.
        assert response.status_code == (410 if finding.status == Status.ARCHIVED else 404), finding.status
    assert api_get(client, f"strategies/{unpublished_everything['strategy'].slug}/").status_code == 404


def test_no_filter_result_shows_anything_unpublished(client, unpublished_everything, archived_and_scheduled):  # noqa: F811
    region = Region.objects.published().first()
    indicator = Indicator.objects.published().first()
    strategy = Strategy.objects.published().first()
    chapter = Chapter.objects.published().first()
    since = (timezone.now() - timezone.timedelta(days=2)).isoformat()
    searches = [
        ("findings/", {"region": region.slug, "indicator": indicator.slug}),
        ("findings/", {"strategy": strategy.slug, "chapter": chapter.pk, "report": chapter.report.year}),
        ("findings/", {"updated_since": since}),
        ("findings/", {"search": MARK}),
        ("observations/", {"indicator": indicator.slug, "region": region.slug}),
        ("observations/", {"search": "654321"}),
        ("indicators/", {"region": region.slug}),
        ("regions/", {"indicator": indicator.slug}),
        ("strategies/", {"challenge": Challenge.objects.published().first().slug}),
        ("challenges/", {"strategy": strategy.slug}),
        ("chapters/", {"report": chapter.report.year}),
    ]
    for path, params in searches:
        for language in ("zh-hans", "en"):
            assert_nothing_unpublished(api_get(client, path, lang=language, **params), path)
    assert values(client, "findings/", "key", search=MARK) == []


def test_unpublished_objects_are_not_filter_values(client, unpublished_everything, archived_and_scheduled):  # noqa: F811
    draft_indicator = Indicator.objects.get(status=Status.DRAFT, name_en=MARK)
    draft_region = Region.objects.get(status=Status.DRAFT)
    draft_chapter = Chapter.objects.get(status=Status.DRAFT)
    assert error_names(api_get(client, "observations/", indicator=draft_indicator.slug)) == {"indicator"}
    assert error_names(api_get(client, "findings/", region=draft_region.slug)) == {"region"}
    assert error_names(api_get(client, "findings/", chapter=draft_chapter.pk)) == {"chapter"}
    assert error_names(api_get(client, "findings/", strategy=unpublished_everything["strategy"].slug)) == {"strategy"}
    archived = archived_and_scheduled[0]
    assert error_names(api_get(client, "strategies/", finding=archived.key)) == {"finding"}
