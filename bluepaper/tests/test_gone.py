"""The 410 page shows only what readers once saw (review S5); everything else archived is a 404.

Each case is set up through the admin's archive action, as a publisher does it, and read through
HTTP in both languages, for every content type with a public page.
"""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from bluepaper.models import Finding, FindingVersion
from bluepaper.tests.factories import ChallengeFactory, ChapterFactory, FindingFactory, ReportFactory
from core.publishing import Status
from core.tests.admin_forms import csrf_token
from indicators.tests.factories import IndicatorFactory, RegionFactory
from policies.tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

IN_2030 = datetime(2030, 1, 1, tzinfo=UTC)
IN_REVIEW = {"status": Status.REVIEW, "published_at": None}
SCHEDULED = {"status": Status.PUBLISHED, "published_at": IN_2030}

# Every type with a page of its own: (factory, admin path, its parent's field and admin path).
TYPES = {
    "report": (ReportFactory, "bluepaper/report", None),
    "chapter": (ChapterFactory, "bluepaper/chapter", ("report", "bluepaper/report")),
    "finding": (FindingFactory, "bluepaper/finding", ("chapter", "bluepaper/chapter")),
    "challenge": (ChallengeFactory, "bluepaper/challenge", ("chapter", "bluepaper/chapter")),
    "strategy": (StrategyFactory, "policies/strategy", ("chapter", "bluepaper/chapter")),
    "indicator": (IndicatorFactory, "indicators/indicator", None),
    "region": (RegionFactory, "indicators/region", None),
}
CHILD_TYPES = [name for name, (_, _, parent) in TYPES.items() if parent]


def archive(client, admin_path, pk):
    """Archive one item with the admin's action, as a publisher does."""
    token = csrf_token(client.get(f"/admin/{admin_path}/"))
    data = {"action": "archive_selected", "_selected_action": [pk], "csrfmiddlewaretoken": token}
    response = client.post(f"/admin/{admin_path}/", data)
    assert response.status_code == 302


def names(item):
    """The item's title or name in both languages: what a 410 page would reveal."""
    field = "title" if hasattr(item, "title") else "name"
    return [getattr(item, f"{field}_zh_hans"), getattr(item, f"{field}_en")]


def pages(item):
    url = item.get_absolute_url()
    return [url, f"/en{url}"]


def assert_not_found_and_unnamed(item):
    for path in pages(item):
        response = Client().get(path)
        assert response.status_code == 404, path
        html = response.content.decode()
        assert not any(name in html for name in names(item)), path


def assert_gone_and_named(item):
    for path in pages(item):
        response = Client().get(path)
        assert response.status_code == 410, path
        assert any(name in response.content.decode() for name in names(item)), path


@pytest.mark.parametrize("kind", TYPES)
def test_an_item_archived_straight_from_review_is_not_found(publisher, kind):
    factory, admin_path, _ = TYPES[kind]
    item = factory(**IN_REVIEW)
    archive(publisher, admin_path, item.pk)
    assert_not_found_and_unnamed(item)


@pytest.mark.parametrize("kind", TYPES)
def test_an_item_archived_while_scheduled_is_not_found(publisher, kind):
    factory, admin_path, _ = TYPES[kind]
    item = factory(**SCHEDULED)
    archive(publisher, admin_path, item.pk)
    assert_not_found_and_unnamed(item)


@pytest.mark.parametrize("kind", TYPES)
def test_an_item_readers_saw_is_gone_once_archived(publisher, kind):
    factory, admin_path, _ = TYPES[kind]
    item = factory()
    assert Client().get(item.get_absolute_url()).status_code == 200
    archive(publisher, admin_path, item.pk)
    assert_gone_and_named(item)


@pytest.mark.parametrize("state", [IN_REVIEW, SCHEDULED], ids=["in-review", "scheduled-for-2030"])
@pytest.mark.parametrize("kind", CHILD_TYPES)
def test_an_item_never_public_inside_an_archived_parent_is_not_found(publisher, kind, state):
    factory, _, (parent_field, parent_admin_path) = TYPES[kind]
    item = factory(**state)
    archive(publisher, parent_admin_path, getattr(item, parent_field).pk)
    assert_not_found_and_unnamed(item)


@pytest.mark.parametrize("kind", CHILD_TYPES)
def test_a_public_item_inside_an_archived_parent_is_gone(publisher, kind):
    factory, _, (parent_field, parent_admin_path) = TYPES[kind]
    item = factory()
    archive(publisher, parent_admin_path, getattr(item, parent_field).pk)
    assert_gone_and_named(item)


@pytest.mark.parametrize("kind", CHILD_TYPES)
def test_an_item_published_after_its_parent_was_archived_is_not_found(publisher, kind):
    factory, _, (parent_field, parent_admin_path) = TYPES[kind]
    parent = getattr(factory(), parent_field)
    archive(publisher, parent_admin_path, parent.pk)
    late = factory(**{parent_field: parent, "published_at": timezone.now()})
    assert_not_found_and_unnamed(late)


@pytest.mark.parametrize("kind", CHILD_TYPES)
def test_an_item_in_a_parent_archived_straight_from_review_is_not_found(publisher, kind):
    factory, _, (parent_field, parent_admin_path) = TYPES[kind]
    # Published itself, but its parent never was.
    child = factory(**{f"{parent_field}__status": Status.REVIEW, f"{parent_field}__published_at": None})
    parent = getattr(child, parent_field)
    archive(publisher, parent_admin_path, parent.pk)
    assert_not_found_and_unnamed(child)


def version(finding, number, published_at):
    """Record `finding`, as it reads now, as published version `number` at `published_at`."""
    return FindingVersion.objects.create(
        finding=finding, number=number, published_at=published_at, title_zh_hans=finding.title_zh_hans,
        title_en=finding.title_en, html_zh_hans="<p>正文</p>", html_en="<p>Body</p>",
    )  # fmt: skip


def test_the_410_page_lists_only_the_versions_readers_saw(publisher):
    finding = FindingFactory()
    seen = version(finding, 1, timezone.now() - timezone.timedelta(days=1))
    version(finding, 2, IN_2030)
    archive(publisher, "bluepaper/finding", finding.pk)
    for path in pages(finding):
        html = Client().get(path).content.decode()
        assert seen.get_absolute_url() in html
        assert f"/findings/{finding.key}/v2/" not in html
    assert Client().get(f"/findings/{finding.key}/v1/").status_code == 200
    assert Client().get(f"/findings/{finding.key}/v2/").status_code == 404


def test_the_410_page_names_a_finding_as_readers_last_saw_it(publisher):
    finding = FindingFactory(title_zh_hans="读者看到的标题", title_en="The title readers saw")
    version(finding, 1, timezone.now() - timezone.timedelta(days=1))
    archive(publisher, "bluepaper/finding", finding.pk)
    # Renamed once archived: the new title never went live.
    Finding.objects.filter(pk=finding.pk).update(title_zh_hans="从未发布的标题", title_en="A title never published")
    chinese, english = (Client().get(path).content.decode() for path in pages(finding))
    assert "读者看到的标题" in chinese and "从未发布的标题" not in chinese
    assert "The title readers saw" in english and "A title never published" not in english


def test_versions_of_a_finding_archived_straight_from_review_are_not_found(publisher):
    finding = FindingFactory(**IN_REVIEW)
    archive(publisher, "bluepaper/finding", finding.pk)
    for prefix in ("", "/en"):
        assert Client().get(f"{prefix}/findings/{finding.key}/").status_code == 404
        assert Client().get(f"{prefix}/findings/{finding.key}/v1/").status_code == 404
