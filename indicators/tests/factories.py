"""Test data for the data models: published by default, drafts on request."""

from decimal import Decimal

import factory
from django.utils import timezone

from core.publishing import Status
from indicators.models import Indicator, Observation, Region, Source


def letters(n: int) -> str:
    """A sequence number spelt in letters, between Qs (0 → QAQ, 26 → QBAQ).

    Names and titles state no number: a finding's may state none its figures don't back
    (bluepaper/consistency.py), and 报告20 would be found inside 京津冀发展报告2025 by a test
    that checks a name does not show. The Qs keep one name from being the start of another's.
    """
    spelt = ""
    while True:
        n, digit = divmod(n, 26)
        spelt = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + spelt
        if n == 0:
            return f"Q{spelt}Q"


class PublishedFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))

    class Meta:
        abstract = True


class SourceFactory(factory.django.DjangoModelFactory):
    title_zh_hans = factory.Sequence(lambda n: f"来源文件{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Source document {letters(n)}")
    publisher_zh_hans = "出版方"
    publisher_en = "Publisher"

    class Meta:
        model = Source


class RegionFactory(PublishedFactory):
    name_zh_hans = factory.Sequence(lambda n: f"地区{letters(n)}")
    name_en = factory.Sequence(lambda n: f"Region {letters(n)}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    order = 100

    class Meta:
        model = Region


class IndicatorFactory(PublishedFactory):
    name_zh_hans = factory.Sequence(lambda n: f"指标{letters(n)}")
    name_en = factory.Sequence(lambda n: f"Indicator {letters(n)}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    unit_zh_hans = "个"
    unit_en = "units"
    order = 100

    class Meta:
        model = Indicator


class ObservationFactory(PublishedFactory):
    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SubFactory(RegionFactory)
    period_kind = "year"
    period_year = factory.Sequence(lambda n: 2000 + n % 25)
    value = factory.Sequence(lambda n: Decimal(1000 + n))
    source = factory.SubFactory(SourceFactory)
    locator = "[1]"

    class Meta:
        model = Observation
