"""The page cache: pages kept until the content they show changes, on every app server.

Publishing goes through the admin, as an editor's would; the write path's after-commit work
(which moves the content stamp) runs because the tests ask for it (`mails`, conftest.py).
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core import cache as content_cache
from core.publishing import Status
from core.tests.admin_forms import post_form

pytestmark = pytest.mark.django_db
page_cache_on = override_settings(PAGE_CACHE_ENABLED=True)
NEW_TITLE = "高铁网络继续扩展：全新标题"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    content_cache._memo.update(read_at=float("-inf"), horizon=None)
    yield
    cache.clear()


def pages_showing(finding):
    """Every public surface that shows the finding's title."""
    urls = [
        finding.get_absolute_url(),
        finding.chapter.get_absolute_url(),
        finding.chapter.report.get_absolute_url(),
        "/",
        "/api/v1/findings/",
        f"/api/v1/findings/{finding.key}/",
        "/search/?q=2624",  # found by its text: the new title shows unmarked
    ]
    urls += [indicator.get_absolute_url() for indicator in finding.indicators.published()]
    urls += [region.get_absolute_url() for region in finding.regions.published()]
    return urls


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def rail_finding():
    return Finding.objects.published().get(slug="high-speed-rail-network")


@page_cache_on
def test_a_page_is_drawn_once_and_then_served_from_the_cache(client):
    url = rail_finding().get_absolute_url()
    first = get(client, url)
    with CaptureQueriesContext(connection) as queries:
        second = get(client, url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert len(queries) <= 2  # the content stamp and the schedule, read once a second in production


@page_cache_on
def test_publishing_through_the_admin_refreshes_every_page_that_shows_the_finding(client, publisher, mails):
    finding = rail_finding()
    urls = pages_showing(finding)
    assert len(urls) >= 9
    for url in urls:
        get(client, url)
    assert all(get(client, url)["X-Page-Cache"] == "hit" for url in urls)
    with mails():
        post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"title_zh_hans": NEW_TITLE})
    for url in urls:
        response = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert NEW_TITLE in response.content.decode(), url


@page_cache_on
@override_settings(
    CACHES={"default": {"BACKEND": "core.resilience.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:6379/9"}},
    CONTENT_STAMP_SECONDS=1,
)
def test_no_stale_page_survives_on_a_second_app_server_sharing_redis(client, publisher, mails):
    """Servers A and B share Redis and the database; each has its own memory of the stamp."""
    assert cache.set("redis-is-up", 1) is None and cache.get("redis-is-up") == 1, "start Redis (make test needs it)"
    finding = rail_finding()
    memories = {"A": dict(content_cache._memo), "B": dict(content_cache._memo)}
    clock = [1000.0]

    def on(server, action):
        content_cache._memo = memories[server]
        with mock.patch("core.cache.time.monotonic", lambda: clock[0]):
            return action()

    form = f"/admin/bluepaper/finding/{finding.pk}/change/"
    on("B", lambda: get(client, finding.get_absolute_url()))  # B draws and caches the old page
    with mails():
        on("A", lambda: post_form(publisher, form, {"title_zh_hans": NEW_TITLE}))
    clock[0] += 1.01  # B trusts the stamp it read for at most CONTENT_STAMP_SECONDS
    fresh = on("B", lambda: get(client, finding.get_absolute_url()))
    assert fresh["X-Page-Cache"] == "miss" and NEW_TITLE in fresh.content.decode()
    again = on("A", lambda: get(client, finding.get_absolute_url()))
    assert again["X-Page-Cache"] == "hit" and NEW_TITLE in again.content.decode()  # shared: drawn once


@page_cache_on
@override_settings(SCHEDULE_HORIZON_SECONDS=3600)
def test_the_schedule_is_read_again_only_after_a_write_or_when_its_time_comes(client):
    chapter = rail_finding().chapter
    url = chapter.get_absolute_url()
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, url)["X-Page-Cache"] == "hit"
    assert len(queries) == 1  # the stamp alone: nothing written, nothing due, the schedule is kept
    due = timezone.now() + timedelta(hours=1)
    scheduled = FindingFactory(
        chapter=chapter, title_zh_hans="排期发布的发现", status=Status.PUBLISHED, published_at=due
    )
    content_cache.content_changed()  # what the write path does once the scheduled finding is stored
    assert scheduled.title_zh_hans not in get(client, url).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
        after = get(client, url)
    assert after["X-Page-Cache"] == "miss" and scheduled.title_zh_hans in after.content.decode()


@page_cache_on
def test_a_scheduled_finding_appears_after_its_time_with_no_write(client):
    finding = rail_finding()
    due = timezone.now() + timedelta(hours=1)
    scheduled = FindingFactory(
        chapter=finding.chapter, title_zh_hans="排期发布的发现", status=Status.PUBLISHED, published_at=due
    )
    chapter = finding.chapter.get_absolute_url()
    assert scheduled.title_zh_hans not in get(client, chapter).content.decode()
    assert get(client, chapter)["X-Page-Cache"] == "hit"
    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
        after = get(client, chapter)
    assert after["X-Page-Cache"] == "miss" and scheduled.title_zh_hans in after.content.decode()


def test_public_pages_can_be_kept_by_any_cache_and_revalidated(client):
    response = get(client, "/en/indicators/high-speed-rail-mileage/")
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "stale-while-revalidate=60" in control
    assert "s-maxage=1" in control and response["ETag"] and response["Last-Modified"]
    not_modified = client.get(response.wsgi_request.path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304 and "s-maxage=1" in not_modified["Cache-Control"]
    api = client.get("/api/v1/findings/")  # its view sets max-age=300 and answers 304 itself
    api_304 = client.get("/api/v1/findings/", HTTP_IF_NONE_MATCH=api["ETag"])
    assert (
        "s-maxage=1" in api["Cache-Control"] and api_304.status_code == 304 and "s-maxage=1" in api_304["Cache-Control"]
    )
    since = client.get(response.wsgi_request.path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert client.get(response.wsgi_request.path, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@page_cache_on
def test_pages_that_read_the_session_are_never_cached_publicly(client, publisher):
    finding = rail_finding()
    change, preview = f"/admin/bluepaper/finding/{finding.pk}/change/", f"/preview/bluepaper/finding/{finding.pk}/"
    for url in ("/admin/", change, preview):
        for _ in range(2):
            response = publisher.get(url)
            assert response.status_code == 200, url
            assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"], url
            assert "X-Page-Cache" not in response, url
    login = client.get("/admin/login/")
    assert login.cookies and "public" not in login["Cache-Control"]
    assert "X-Page-Cache" not in client.get("/admin/login/")


@page_cache_on
def test_the_api_keeps_one_copy_per_language_and_format(client):
    chinese = client.get("/api/v1/findings/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    english = client.get("/api/v1/findings/", HTTP_ACCEPT_LANGUAGE="en")
    csv = client.get("/api/v1/findings/", HTTP_ACCEPT="text/csv")
    assert chinese.content != english.content and csv["Content-Type"].startswith("text/csv")
    again = client.get("/api/v1/findings/", HTTP_ACCEPT_LANGUAGE="en")
    assert again["X-Page-Cache"] == "hit" and again.content == english.content
    # Kept as bytes and headers: a DRF Response would bring its serializer and querysets along.
    assert type(again) is HttpResponse and again["Content-Type"] == english["Content-Type"]
