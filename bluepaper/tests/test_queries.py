"""Every public page runs a fixed number of SQL queries, however much content exists."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bluepaper.models import Challenge, Chapter, Finding
from bluepaper.tests.factories import FindingFactory
from core.cache import schedule_horizon
from indicators.models import Indicator, Region
from indicators.tests.factories import ObservationFactory, RegionFactory
from policies.models import Strategy
from policies.tests.factories import ActionFactory, StrategyFactory

pytestmark = pytest.mark.django_db

# The most queries any public page may run; the test below proves they do not grow.
MOST_QUERIES = 12


def page_urls():
    """One page of each type, chosen among the objects that the growth below enlarges."""
    chapter = Chapter.objects.published().select_related("report").first()
    indicator = Indicator.objects.published().first()
    region = Region.objects.published().first()
    finding = Finding.objects.published().filter(chapter=chapter).first()
    strategy = Strategy.objects.published().first()
    return {
        "home": "/",
        "report": chapter.report.get_absolute_url(),
        "chapter": chapter.get_absolute_url(),
        "finding": finding.get_absolute_url(),
        "finding-parallel": finding.get_absolute_url() + "parallel/",
        "challenge": Challenge.objects.published().first().get_absolute_url(),
        "strategy": strategy.get_absolute_url(),
        "strategy-parallel": strategy.get_absolute_url() + "parallel/",
        "challenge-list": "/challenges/",
        "strategy-list": "/strategies/",
        "indicator": indicator.get_absolute_url(),
        "indicator-findings": reverse("indicators:indicator-findings", kwargs={"slug": indicator.slug}),
        "indicator-list": "/indicators/",
        "region": region.get_absolute_url(),
        "region-findings": reverse("indicators:region-findings", kwargs={"slug": region.slug}),
        "region-list": "/regions/",
        "feeds": "/feeds/",
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_content(factor=10):
    """Add `factor` times more of everything, all linked to the pages being measured."""
    chapter = Chapter.objects.published().first()
    finding = Finding.objects.published().filter(chapter=chapter).first()
    indicator = Indicator.objects.published().first()
    region = Region.objects.published().first()
    challenge = Challenge.objects.published().first()
    strategy = Strategy.objects.published().first()
    for _ in range(factor):
        new_region = RegionFactory()
        observations = [ObservationFactory(indicator=indicator, region=r) for r in (region, new_region)]
        extra = FindingFactory(chapter=chapter, featured=True)
        extra.observations.add(*observations)
        extra.indicators.add(indicator)
        extra.regions.add(region, new_region)
        finding.observations.add(*observations)
        finding.regions.add(new_region)
        challenge.evidence.add(extra)
        strategy.findings.add(extra)
        strategy.challenges.add(challenge)
        new_strategy = StrategyFactory(chapter=chapter)
        new_strategy.challenges.add(challenge)
        new_strategy.findings.add(finding)
        ActionFactory(strategy=strategy)


@override_settings(CONTENT_STAMP_SECONDS=60)
def test_query_counts_do_not_grow_with_content(client):
    # The seed's challenges cite no evidence (none that its source supports): give the measured
    # one a finding, so that "before" already runs the evidence queries that growth multiplies.
    Challenge.objects.published().first().evidence.add(FindingFactory(chapter=Chapter.objects.first()))
    urls = page_urls()
    # As in production: the content stamp is read once a second, and the schedule once per
    # content change, per process, not once per page.
    schedule_horizon()
    before = {name: count_queries(client, url) for name, url in urls.items()}
    grow_content()
    after = {name: count_queries(client, url) for name, url in urls.items()}
    assert after == before
    assert max(before.values()) <= MOST_QUERIES, before
