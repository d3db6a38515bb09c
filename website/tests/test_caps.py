"""Lists that grow with the content show a few and link onward (docs/decisions/0041-page-weight-and-caps.md)."""

import re

import pytest

from bluepaper.models import Chapter, Finding, Report
from bluepaper.tests.factories import FindingFactory
from policies.tests.factories import StrategyFactory
from website.views import HOME_KEY_FINDINGS, HOME_LIST_LIMIT

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_a_chosen_few_featured_findings_and_links_to_all(client):
    chapter = Report.objects.published().first().chapters.published().first()
    added = [FindingFactory(chapter=chapter, featured=True, order=n) for n in range(HOME_LIST_LIMIT + 4)]
    chapter_url, every = chapter.get_absolute_url(), [f.get_absolute_url() for f in chapter.findings.published()]
    page = client.get("/")
    html = page.content.decode()
    assert len(page.context["key_findings"]) == HOME_KEY_FINDINGS
    assert f'href="{chapter.report.get_absolute_url()}#contents"' in html
    assert HOME_LIST_LIMIT == len([url for url in every if f'href="{url}"' in html]) < len(every)
    assert f'href="{chapter_url}">本章全部 {len(every)} 条发现</a>' in html
    # The chapter page lists every one of them, a page at a time.
    chapter_pages = [client.get(chapter_url, {"page": n}).content.decode() for n in (1, 2)]
    assert all(any(f'href="{url}"' in page for page in chapter_pages) for url in every)
    assert len(added) > HOME_LIST_LIMIT


def test_a_finding_shows_ten_related_strategies_and_links_to_the_list_of_all(client):
    finding = Finding.objects.published().filter(strategies__isnull=False).first()
    chapter = Chapter.objects.published().first()
    for _ in range(14):
        StrategyFactory(chapter=chapter).findings.add(finding)
    related = finding.strategies.published().count()
    html = client.get(finding.get_absolute_url()).content.decode()
    section = re.search(r'id="rel-strategies".*?</section>', html, re.S).group(0)
    assert section.count("<li>") == 10
    assert f'href="/strategies/?finding={finding.key}"' in section
    listed = client.get("/strategies/", {"finding": finding.key})
    assert {s.pk for s in listed.context["strategies"]} == set(
        finding.strategies.published().values_list("pk", flat=True)
    )
    assert len(listed.context["strategies"]) == related
    assert client.get("/strategies/", {"finding": "nope"}).status_code == 404


def test_an_indicator_card_shows_four_figures_and_links_to_all(client):
    from indicators.models import Indicator
    from indicators.tests.factories import ObservationFactory, RegionFactory

    indicator = Indicator.objects.published().first()
    for _ in range(5):
        ObservationFactory(indicator=indicator, region=RegionFactory())
    url, total = indicator.get_absolute_url(), indicator.observations.published().count()
    html = client.get("/en/indicators/").content.decode()
    assert f'href="/en{url}#figures">All {total} figures</a>' in html
