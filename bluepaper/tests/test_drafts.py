"""Nothing unpublished (draft, in review, scheduled, archived) shows on any public page or link."""

import pytest
from django.utils import timezone

from bluepaper.models import Challenge, ChangeNote, Chapter, Finding
from bluepaper.tests.factories import ChallengeFactory, ChapterFactory, FindingFactory
from bluepaper.tests.public_pages import all_public_page_urls
from core.models import SearchEntry
from core.publishing import Status
from core.search import search_reindex_all
from indicators.models import Indicator, Region
from indicators.tests.factories import IndicatorFactory, ObservationFactory, RegionFactory
from policies.models import Strategy
from policies.tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

MARK = "UNPUBLISHED-MARKER"
LATER = timezone.now() + timezone.timedelta(days=3)


def hidden(**kwargs):
    """Fields of a non-public object: a draft, or a publication still in the future."""
    return {"status": Status.DRAFT, "published_at": None, **kwargs}


@pytest.fixture
def unpublished_everything():
    """One unpublished object of each type, cross-linked to public seed objects."""
    chapter = Chapter.objects.published().first()
    indicator = Indicator.objects.published().first()
    region = Region.objects.published().first()
    strategy = Strategy.objects.published().first()
    challenge = Challenge.objects.published().first()

    draft_finding = FindingFactory(chapter=chapter, **hidden(title_zh_hans=MARK, title_en=MARK))
    draft_finding.indicators.add(indicator)
    draft_finding.regions.add(region)
    strategy.findings.add(draft_finding)
    challenge.evidence.add(draft_finding)
    scheduled = FindingFactory(chapter=chapter, published_at=LATER, title_zh_hans=MARK, title_en=MARK)
    scheduled.regions.add(region)
    for finding in (draft_finding, scheduled):  # a correction of an unpublished finding is unpublished too
        ChangeNote.objects.create(finding=finding, text_zh_hans=MARK, text_en=MARK)

    draft_indicator = IndicatorFactory(**hidden(name_zh_hans=MARK, name_en=MARK))
    ObservationFactory(indicator=draft_indicator, region=region)
    draft_region = RegionFactory(**hidden(name_zh_hans=MARK, name_en=MARK))
    ObservationFactory(indicator=indicator, region=draft_region)
    # A draft figure of a public indicator, linked from a public finding.
    draft_observation = ObservationFactory(indicator=indicator, region=region, value=987654321, **hidden())
    Finding.objects.published().first().observations.add(draft_observation)

    draft_challenge = ChallengeFactory(chapter=chapter, **hidden(title_zh_hans=MARK, title_en=MARK))
    strategy.challenges.add(draft_challenge)
    draft_strategy = StrategyFactory(chapter=chapter, **hidden(title_zh_hans=MARK, title_en=MARK))
    draft_strategy.challenges.add(challenge)
    draft_strategy.findings.add(Finding.objects.published().first())
    for status in (Status.REVIEW, Status.ARCHIVED):
        other = FindingFactory(chapter=chapter, status=status, title_zh_hans=MARK, title_en=MARK)
        other.regions.add(region)
        other.indicators.add(indicator)
        strategy.findings.add(other)
        archived_strategy = StrategyFactory(chapter=chapter, status=status, title_zh_hans=MARK, title_en=MARK)
        archived_strategy.challenges.add(challenge)
        IndicatorFactory(status=status, name_zh_hans=MARK, name_en=MARK)
    draft_chapter = ChapterFactory(report=chapter.report, **hidden(title_zh_hans=MARK, title_en=MARK))
    FindingFactory(chapter=draft_chapter, title_zh_hans=MARK, title_en=MARK)  # public, but its chapter is not
    # The search index holds every object whatever its status; search must still show none of these.
    search_reindex_all()
    return {"finding": draft_finding, "scheduled": scheduled, "strategy": draft_strategy}


def feed_and_sitemap_urls():
    """The feeds, the sitemap and robots.txt: they list content beside the pages (website/feeds.py)."""
    slugs = Indicator.objects.published().values_list("slug", flat=True)
    paths = ["/feeds/findings/", "/feeds/corrections/", *(f"/feeds/indicators/{slug}/" for slug in slugs)]
    return [f"{prefix}{path}" for prefix in ("", "/en") for path in paths] + ["/sitemap.xml", "/robots.txt"]


def test_no_public_page_shows_anything_unpublished(client, unpublished_everything):
    urls = all_public_page_urls()
    assert len(urls) > 50
    # Search pages whose queries match every marked object and the draft figure (matching ignores
    # case), without echoing the markers themselves.
    assert SearchEntry.objects.filter(document__contains=MARK.lower()).count() > 10
    urls += [f"{prefix}/search/?q={q}" for prefix in ("", "/en") for q in ("unpublished-marker", "654321")]
    urls += feed_and_sitemap_urls()
    hidden_keys = [f"/findings/{unpublished_everything[name].key}/" for name in ("finding", "scheduled")]
    for url in urls:
        html = client.get(url).content.decode()
        assert MARK not in html, url
        assert not any(key in html for key in hidden_keys), url
        assert "987654321" not in html and "98765.4321" not in html and "987.654321" not in html, url


def test_unpublished_objects_have_no_public_url(client, unpublished_everything):
    finding = unpublished_everything["finding"]
    for url in (
        f"/findings/{finding.key}/",
        finding.get_absolute_url(),
        unpublished_everything["scheduled"].get_absolute_url(),
        unpublished_everything["strategy"].get_absolute_url(),
        f"/feeds/indicators/{Indicator.objects.get(status=Status.DRAFT, name_en=MARK).slug}/",
    ):
        assert client.get(url).status_code == 404, url
