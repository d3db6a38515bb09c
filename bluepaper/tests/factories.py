"""Test data for the report models: published by default, drafts on request."""

import factory

from bluepaper.models import Challenge, Chapter, Finding, Report
from indicators.tests.factories import PublishedFactory, letters


class ReportFactory(PublishedFactory):
    year = factory.Sequence(lambda n: 2100 + n)
    title_zh_hans = factory.Sequence(lambda n: f"报告{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Report {letters(n)}")

    class Meta:
        model = Report


class ChapterFactory(PublishedFactory):
    report = factory.SubFactory(ReportFactory)
    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"chapter-{n}")
    title_zh_hans = factory.Sequence(lambda n: f"章节{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Chapter {letters(n)}")

    class Meta:
        model = Chapter


class FindingFactory(PublishedFactory):
    chapter = factory.SubFactory(ChapterFactory)
    slug = factory.Sequence(lambda n: f"finding-{n}")
    title_zh_hans = factory.Sequence(lambda n: f"发现{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Finding {letters(n)}")
    summary_zh_hans = "摘要。"
    summary_en = "Summary."
    order = 100

    class Meta:
        model = Finding


class ChallengeFactory(PublishedFactory):
    chapter = factory.SubFactory(ChapterFactory)
    slug = factory.Sequence(lambda n: f"challenge-{n}")
    title_zh_hans = factory.Sequence(lambda n: f"挑战{letters(n)}")
    title_en = factory.Sequence(lambda n: f"Challenge {letters(n)}")
    order = 100

    class Meta:
        model = Challenge
