"""Every page type renders for every seed object, in both languages, with its cross-links."""

import pytest
from django.utils import translation

from bluepaper.models import Challenge, Chapter, Finding, Report
from bluepaper.tests.public_pages import all_public_page_urls, public_page_urls
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_public_page_renders_in_both_languages(client):
    urls = all_public_page_urls()
    assert len(urls) > 50  # the seed: 1 report, 4 chapters, 8 findings, 4 challenges, 5 strategies…
    for url in urls:
        html = get_ok(client, url)
        assert "<h1" in html, url
        assert "<title>" in html and 'name="description"' in html, url


def test_pages_carry_the_language_of_their_url(client):
    assert '<html lang="zh-Hans"' in get_ok(client, "/")
    english = get_ok(client, "/en/")
    assert '<html lang="en"' in english
    assert "Beijing–Tianjin–Hebei Development Report 2025" in english
    assert "京津冀发展报告2025" in get_ok(client, "/")


def test_language_switch_keeps_the_reader_on_the_same_object(client):
    finding = Finding.objects.published().first()
    with translation.override("en"):
        english_url = finding.get_absolute_url()
    html = get_ok(client, finding.get_absolute_url())
    assert f'href="{english_url}"' in html
    assert f'href="{finding.get_absolute_url()}"' in get_ok(client, english_url)


def test_home_shows_key_figures_chapters_challenges_and_strategies(client):
    html = get_ok(client, "/en/")
    for text in ["12.935 million", "10.948 million", "2,624 km", "82.1%"]:
        assert text in html
    with translation.override("en"):
        for model in (Chapter, Challenge, Strategy):
            for item in model.objects.published().select_related():
                assert item.get_absolute_url() in html, item
    assert Strategy.objects.published().count() == 5
    assert Challenge.objects.published().count() == 4


def test_finding_page_cross_links_figures_indicators_regions_strategies(client):
    finding = Finding.objects.published().get(indicators__slug="resident-population")
    html = get_ok(client, finding.get_absolute_url())
    for indicator in finding.indicators.all():
        assert indicator.get_absolute_url() in html
    for region in finding.regions.all():
        assert region.get_absolute_url() in html
    strategies = finding.strategies.all()
    assert strategies
    for strategy in strategies:
        assert strategy.get_absolute_url() in html
    assert finding.chapter.get_absolute_url() in html


def test_indicator_page_links_every_finding_that_cites_it(client):
    for indicator in Indicator.objects.published():
        html = get_ok(client, indicator.get_absolute_url())
        for finding in indicator.findings.published():
            assert finding.get_absolute_url() in html, (indicator, finding)


def test_indicator_page_names_its_category_in_the_pages_language(client):
    assert "指标 · 交通" in get_ok(client, "/indicators/high-speed-rail-mileage/")
    # A label after a separator starts with a capital, as Django's admin shows choices.
    assert "Indicator · Transport" in get_ok(client, "/en/indicators/high-speed-rail-mileage/")


def test_challenge_page_shows_evidence_and_answering_strategies(client):
    for challenge in Challenge.objects.published():
        html = get_ok(client, challenge.get_absolute_url())
        for strategy in challenge.strategies.published():
            assert strategy.get_absolute_url() in html
        for finding in challenge.evidence.published():
            assert finding.get_absolute_url() in html


def test_strategy_page_lists_actions_in_order_and_its_links(client):
    for strategy in Strategy.objects.published():
        html = get_ok(client, f"/en/strategies/{strategy.slug}/")
        positions = [html.index(action.text_en) for action in strategy.actions.all()]
        assert positions == sorted(positions), strategy
        for challenge in strategy.challenges.published():
            assert challenge.slug in html


def test_region_page_shows_its_figures_and_findings(client):
    beijing = Region.objects.get(slug="beijing")
    html = get_ok(client, "/en/regions/beijing/")
    assert "12.935 million" in html
    for finding in beijing.findings.published():
        assert finding.key in html


def test_report_page_lists_its_chapters(client):
    report = Report.objects.published().get(year=2025)
    html = get_ok(client, report.get_absolute_url())
    for chapter in report.chapters.published():
        assert chapter.get_absolute_url() in html


def test_english_urls_exist_for_every_chinese_url(client):
    assert len(public_page_urls("en")) == len(public_page_urls("zh-hans"))
    assert all(url.startswith("/en/") for url in public_page_urls("en"))


def test_source_line_gives_the_articles_own_title_then_the_translation(client):
    """The article was published under its Chinese title; the English is the site's rendering."""
    chinese_title = "京津冀发展报告2025:非首都功能疏解见效,区域均衡仍存短板"
    english_title = (
        "Beijing–Tianjin–Hebei Development Report 2025: decongestion of non-capital functions shows results, "
        "regional balance still falls short"
    )
    url = Finding.objects.published().get(key="k5uj8").get_absolute_url()
    english = get_ok(client, f"/en{url}")
    assert f'<cite lang="zh-Hans">{chinese_title}</cite> [{english_title}]' in english
    assert f"<cite>{english_title}</cite>" not in english
    chinese = get_ok(client, url)
    assert f'<cite lang="zh-Hans">{chinese_title}</cite>' in chinese
    assert english_title not in chinese
