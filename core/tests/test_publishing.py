"""The one publishing mechanism: status, publish time, and public parents."""

from unittest import mock

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


def test_a_queryset_built_before_a_publish_time_shows_the_item_once_the_time_has_come(client):
    """`published()` reads the clock when the query runs, so the finding page's querysets, built
    once per process (`built_once`), show a scheduled finding from its time on, with no write."""
    go_live = timezone.now() + timezone.timedelta(hours=1)
    scheduled = FindingFactory(published_at=go_live)
    built = Finding.objects.published()
    assert client.get(scheduled.get_absolute_url()).status_code == 404  # the page's querysets are built now

    with mock.patch("django.utils.timezone.now", return_value=go_live + timezone.timedelta(seconds=1)):
        assert built.filter(pk=scheduled.pk).exists()
        assert client.get(scheduled.get_absolute_url()).status_code == 200

    assert not built.filter(pk=scheduled.pk).exists()
