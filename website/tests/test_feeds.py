"""The Atom feeds: new findings, corrections, each indicator; published content only, always."""

from html import unescape
from unittest import mock

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluepaper.models import ChangeNote, Chapter, Finding
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from indicators.models import Indicator, Observation, Region
from indicators.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
LATER = timezone.timedelta(days=3)


def read_feed(client, url):
    """GET `url` and parse it as Atom, failing on anything that is not well-formed Atom 1.0."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def summary(entry):
    """The entry's summary as a reader sees it: HTML entities resolved."""
    return unescape(entry.summary)


def titles(feed):
    return [entry.title for entry in feed.entries]


def hidden_findings():
    """A draft, an in-review, an archived and a scheduled finding, each in a public chapter."""
    chapter = Chapter.objects.published().first()
    later = timezone.now() + LATER
    return {
        "draft": FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None, title_en="Draft F"),
        "review": FindingFactory(chapter=chapter, status=Status.REVIEW, published_at=None, title_en="Review F"),
        "archived": FindingFactory(chapter=chapter, status=Status.ARCHIVED, title_en="Archived F"),
        "scheduled": FindingFactory(chapter=chapter, published_at=later, title_en="Scheduled F"),
    }


# New findings ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_findings_feed_lists_every_published_finding_in_the_feeds_language(client, language):
    feed = read_feed(client, f"{PREFIX[language]}/feeds/findings/")
    findings = Finding.objects.published()
    assert len(feed.entries) == findings.count() == 8
    title_field, summary_field = (
        ("title_en", "summary_en") if language == "en" else ("title_zh_hans", "summary_zh_hans")
    )
    rail = Finding.objects.get(key="k5uj8")
    entry = next(e for e in feed.entries if e.id.endswith("/findings/k5uj8/"))
    assert entry.title == getattr(rail, title_field)
    assert entry.id == f"{settings.SITE_URL}{PREFIX[language]}/findings/k5uj8/"  # the permanent link
    assert entry.link == f"{settings.SITE_URL}{PREFIX[language]}/findings/k5uj8/high-speed-rail-network/"
    assert getattr(rail, summary_field) in summary(entry)
    assert entry.published_parsed and entry.updated_parsed
    assert feed.feed.language == ("en" if language == "en" else "zh-Hans")
    assert "CC BY 4.0" in feed.feed.rights and feed.feed.author
    assert feed.feed.updated_parsed and feed.feed.id.endswith(f"{PREFIX[language]}/feeds/findings/")


def test_the_findings_feed_is_newest_first_by_publication(client):
    chapter = Chapter.objects.published().first()
    FindingFactory(chapter=chapter, published_at=timezone.now() - timezone.timedelta(hours=1), title_en="Newest")
    FindingFactory(chapter=chapter, published_at=timezone.now() - timezone.timedelta(hours=2), title_en="Second")
    assert titles(read_feed(client, "/en/feeds/findings/"))[:2] == ["Newest", "Second"]


def test_the_findings_feed_never_lists_a_draft_review_archived_or_scheduled_finding(client):
    hidden = hidden_findings()
    listed = titles(read_feed(client, "/en/feeds/findings/"))
    assert len(listed) == 8
    assert not {"Draft F", "Review F", "Archived F", "Scheduled F"} & set(listed)
    assert hidden["draft"].key not in read_feed(client, "/feeds/findings/").entries.__repr__()


def test_a_finding_in_an_unpublished_chapter_is_not_listed(client):
    chapter = Chapter.objects.published().first()
    draft_chapter = Chapter.objects.create(report=chapter.report, number=99, slug="draft-ch", title_zh_hans="草稿章")
    FindingFactory(chapter=draft_chapter, title_en="In a draft chapter")
    assert "In a draft chapter" not in titles(read_feed(client, "/en/feeds/findings/"))


def test_a_scheduled_finding_appears_once_its_time_has_come(client):
    scheduled = hidden_findings()["scheduled"]
    assert "Scheduled F" not in titles(read_feed(client, "/en/feeds/findings/"))
    with mock.patch("django.utils.timezone.now", return_value=scheduled.published_at + timezone.timedelta(minutes=1)):
        assert titles(read_feed(client, "/en/feeds/findings/"))[0] == "Scheduled F"


def test_the_findings_feed_is_capped(client):
    chapter = Chapter.objects.published().first()
    FindingFactory.create_batch(55, chapter=chapter)
    assert len(read_feed(client, "/feeds/findings/").entries) == 50


def test_feed_addresses_come_from_site_url_not_the_host_header(client, settings):
    settings.SITE_URL = "https://bluepaper.example.org"
    feed = read_feed(client, "/feeds/findings/")
    assert feed.feed.id == "https://bluepaper.example.org/feeds/findings/"
    assert all(entry.id.startswith("https://bluepaper.example.org/findings/") for entry in feed.entries)
    assert all(entry.link.startswith("https://bluepaper.example.org/findings/") for entry in feed.entries)


def test_a_population_finding_carries_the_site_note(client):
    feed = read_feed(client, "/en/feeds/findings/")
    entry = next(e for e in feed.entries if "12.935" in e.summary or "population" in e.title.lower())
    assert "Site note:" in summary(entry)


# Corrections -------------------------------------------------------------------------------


def note_on(finding, text):
    return ChangeNote.objects.create(finding=finding, text_zh_hans=f"更正：{text}", text_en=f"Corrected: {text}")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_corrections_feed_names_the_finding_and_what_changed(client, language):
    finding = Finding.objects.get(key="k5uj8")
    note = note_on(finding, "the mileage")
    feed = read_feed(client, f"{PREFIX[language]}/feeds/corrections/")
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    title = finding.title_en if language == "en" else finding.title_zh_hans
    assert title in entry.title
    assert (note.text_en if language == "en" else note.text_zh_hans) in summary(entry)
    finding_url = f"{settings.SITE_URL}{PREFIX[language]}/findings/k5uj8/high-speed-rail-network/"
    assert entry.link == f"{finding_url}#changes"
    assert entry.published.startswith(note.date.isoformat())  # dated the day of the note, local time


def test_the_corrections_feed_shows_only_notes_of_public_findings(client):
    note_on(Finding.objects.get(key="k5uj8"), "public")
    for finding in hidden_findings().values():
        note_on(finding, f"hidden {finding.title_en}")
    feed = read_feed(client, "/en/feeds/corrections/")
    assert [entry.summary.count("hidden") for entry in feed.entries] == [0]


def test_the_corrections_feed_is_newest_first(client):
    finding = Finding.objects.get(key="k5uj8")
    old = note_on(finding, "older")
    old.date = timezone.localdate() - timezone.timedelta(days=5)
    old.save()
    note_on(finding, "newer")
    summaries = [entry.summary for entry in read_feed(client, "/en/feeds/corrections/").entries]
    assert "newer" in summaries[0] and "older" in summaries[1]


# Indicators --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_indicator_feed_holds_its_figures_and_the_findings_citing_it(client, language):
    feed = read_feed(client, f"{PREFIX[language]}/feeds/indicators/high-speed-rail-mileage/")
    observation = Observation.objects.published().get(indicator__slug="high-speed-rail-mileage", value=2624)
    figure = next(e for e in feed.entries if e.id.endswith(f"#obs-{observation.pk}"))
    assert ("2,624 km" if language == "en" else "2624公里") in figure.title
    assert "[4]" in figure.summary
    assert any(e.id.endswith("/findings/k5uj8/") for e in feed.entries)
    assert feed.feed.link.endswith(f"{PREFIX[language]}/indicators/high-speed-rail-mileage/")


def test_an_indicator_feed_shows_only_published_figures_and_findings(client):
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    region = Region.objects.published().first()
    ObservationFactory(indicator=indicator, region=region, value=9871, status=Status.DRAFT, published_at=None)
    ObservationFactory(indicator=indicator, region=region, value=9872, status=Status.ARCHIVED)
    scheduled = ObservationFactory(indicator=indicator, region=region, value=9873,
                                   published_at=timezone.now() + LATER)  # fmt: skip
    for finding in hidden_findings().values():
        finding.indicators.add(indicator)
    url = "/en/feeds/indicators/high-speed-rail-mileage/"
    body = " ".join(f"{e.title} {e.summary}" for e in read_feed(client, url).entries)
    for hidden in ("9,871", "9,872", "9,873", "Draft F", "Review F", "Archived F", "Scheduled F"):
        assert hidden not in body
    with mock.patch("django.utils.timezone.now", return_value=scheduled.published_at + timezone.timedelta(minutes=1)):
        entries = read_feed(client, url).entries
    assert "9,873" in " ".join(e.title for e in entries[:2]) and "Scheduled F" in {e.title for e in entries}


def test_an_unpublished_indicator_has_no_feed_and_a_renamed_one_redirects(client):
    draft = IndicatorFactory(status=Status.DRAFT, published_at=None)
    assert client.get(f"/feeds/indicators/{draft.slug}/").status_code == 404
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    indicator.slug = "hsr-mileage"
    indicator.save()
    response = client.get("/en/feeds/indicators/high-speed-rail-mileage/")
    assert response.status_code == 301 and response["Location"] == "/en/feeds/indicators/hsr-mileage/"


def test_the_population_figures_carry_the_site_note(client):
    for entry in read_feed(client, "/feeds/indicators/resident-population/").entries:
        if "#obs-" in entry.id:
            assert "本站注" in summary(entry)


# Queries -----------------------------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_each_feed_runs_a_fixed_number_of_queries(client):
    urls = ["/feeds/findings/", "/feeds/corrections/", "/en/feeds/indicators/high-speed-rail-mileage/"]
    note_on(Finding.objects.get(key="k5uj8"), "one")
    before = [queries(client, url) for url in urls]
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    chapter = Chapter.objects.published().first()
    for _ in range(10):
        finding = FindingFactory(chapter=chapter)
        finding.indicators.add(indicator)
        finding.observations.add(ObservationFactory(indicator=indicator))
        note_on(finding, "more")
    assert [queries(client, url) for url in urls] == before
