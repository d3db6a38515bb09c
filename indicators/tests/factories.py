"""Test data for the data models: published by default, drafts on request."""

from decimal import Decimal

import factory
from django.utils import timezone

from core.publishing import Status
from indicators.models import Indicator, Observation, Region, Source


class PublishedFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))

    class Meta:
        abstract = True


class SourceFactory(factory.django.DjangoModelFactory):
    title_zh_hans = factory.Sequence(lambda n: f"来源文件{n}")
    title_en = factory.Sequence(lambda n: f"Source document {n}")
    publisher_zh_hans = "出版方"
    publisher_en = "Publisher"

    class Meta:
        model = Source


class RegionFactory(PublishedFactory):
    name_zh_hans = factory.Sequence(lambda n: f"地区{n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    order = 100

    class Meta:
        model = Region


class IndicatorFactory(PublishedFactory):
    name_zh_hans = factory.Sequence(lambda n: f"指标{n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
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
