"""Test data for strategies."""

import factory

from bluepaper.tests.factories import ChapterFactory
from indicators.tests.factories import PublishedFactory, letters
from policies.models import Action, Strategy


class StrategyFactory(PublishedFactory):
    chapter = factory.SubFactory(ChapterFactory)
    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    title_zh_hans = factory.Sequence(lambda n: f"策略{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Strategy {letters(n)}")

    class Meta:
        model = Strategy


class ActionFactory(factory.django.DjangoModelFactory):
    strategy = factory.SubFactory(StrategyFactory)
    text_zh_hans = "行动"
    text_en = "Action"

    class Meta:
        model = Action
