"""The one publishing mechanism: status, publish time, and public parents."""

import pytest
from django.utils import timezone

from bluepaper.models import Finding
from bluepaper.tests.factories import ChapterFactory, FindingFactory, ReportFactory
from core.publishing import Status

pytestmark = pytest.mark.django_db


def test_published_keeps_only_public_findings():
    public = FindingFactory()
    draft = FindingFactory(status=Status.DRAFT, published_at=None)
    future = FindingFactory(published_at=timezone.now() + timezone.timedelta(hours=1))
    keys = set(Finding.objects.published().values_list("key", flat=True))
    assert public.key in keys
    assert draft.key not in keys
    assert future.key not in keys


def test_a_finding_under_a_draft_chapter_or_report_is_not_public():
    draft_chapter = ChapterFactory(status=Status.DRAFT)
    draft_report_chapter = ChapterFactory(report=ReportFactory(status=Status.DRAFT))
    hidden = [FindingFactory(chapter=draft_chapter), FindingFactory(chapter=draft_report_chapter)]
    public = set(Finding.objects.published())
    assert not public & set(hidden)


def test_publishing_without_a_time_stamps_now():
    finding = FindingFactory(status=Status.DRAFT, published_at=None)
    finding.status = Status.PUBLISHED
    finding.save()
    assert finding.published_at is not None
    assert finding.published_at <= timezone.now()
    assert finding.is_public
