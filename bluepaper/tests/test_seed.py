"""The seed content: every fact of PRODUCT.md, exactly, with its source, in both languages."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from bluepaper.models import Finding
from indicators.models import Indicator, Observation

pytestmark = pytest.mark.django_db

# PRODUCT.md's table: indicator, value, qualifier, period, locator, and how a reader says it.
FACTS = [
    ("resident-population", "12935000", "exact", 2014, "[3]", "12.935 million", "1293.5万"),
    ("resident-population", "10948000", "exact", 2023, "[3]", "10.948 million", "1094.8万"),
    ("manufacturing-enterprises-exited", "3200", "more_than", 2014, "[3]", "over 3,200", "超过3200"),
    ("markets-logistics-relocated", "1000", "nearly", 2014, "[3]", "nearly 1,000", "近1000"),
    ("beijing-investment-tianjin-hebei", "49000", "exact", None, "[3]", "49,000", "4.9万"),
    ("zhongguancun-branches", "10000", "more_than", None, "[3]", "over 10,000", "超过1万"),
    ("key-chains-industrial-value-share", "82.1", "exact", 2024, "[4]", "82.1%", "82.1%"),
    ("high-speed-rail-mileage", "2624", "exact", 2023, "[4]", "2,624 km", "2624公里"),
    ("high-speed-rail-city-coverage", None, "exact", 2023, "[4]", "all", "全部"),
]


def observation_for(slug, value, year):
    queryset = Observation.objects.filter(indicator__slug=slug, period_year=year)
    if value is None:
        return queryset.get(value__isnull=True)
    return queryset.get(value=Decimal(value))


@pytest.mark.parametrize(("slug", "value", "qualifier", "year", "locator", "english", "chinese"), FACTS)
def test_each_fact_is_an_observation_with_its_source(slug, value, qualifier, year, locator, english, chinese):
    observation = observation_for(slug, value, year)
    assert observation.qualifier == qualifier
    assert observation.locator == locator
    assert observation.source.publisher_zh_hans == "经济观察网"
    assert english in observation.display_value("en")
    assert chinese in observation.display_value("zh-hans")


@pytest.mark.parametrize(("slug", "value", "qualifier", "year", "locator", "english", "chinese"), FACTS)
def test_each_fact_shows_on_its_finding_and_indicator_pages(
    client, slug, value, qualifier, year, locator, english, chinese
):
    observation = observation_for(slug, value, year)
    finding = Finding.objects.published().get(observations=observation)
    pages = [finding.get_absolute_url(), observation.indicator.get_absolute_url()]
    for url in pages:
        chinese_html = client.get(url).content.decode()
        english_html = client.get(f"/en{url}").content.decode()
        assert chinese in chinese_html, url
        assert english in english_html, url
        assert locator in chinese_html and locator in english_html, url
        assert "经济观察网" in chinese_html, url


def test_population_caveat_is_visible_on_finding_and_indicator(client):
    """The caveat is the site's note (本站注), shown on the finding and indicator pages."""
    indicator = Indicator.objects.get(slug="resident-population")
    note = indicator.site_notes.published().get()
    assert "城六区" in note.text_zh_hans and "central urban districts" in note.text_en
    finding = indicator.findings.published().get()
    for url in (indicator.get_absolute_url(), finding.get_absolute_url()):
        assert "城六区" in client.get(url).content.decode()
        assert "six central urban districts" in client.get(f"/en{url}").content.decode()


def test_population_caveat_asserts_no_total_without_a_source(client):
    """The site's note gives no municipal total: the one source has none to give."""
    indicator = Indicator.objects.get(slug="resident-population")
    note = indicator.site_notes.published().get()
    finding = indicator.findings.published().get()
    texts = [note.text_zh_hans, note.text_en, note.basis_zh_hans, note.basis_en, finding.body_zh_hans, finding.body_en]
    for text in texts:
        assert "21.9" not in text and "2190" not in text
    for url in (indicator.get_absolute_url(), finding.get_absolute_url()):
        assert "2190万" not in client.get(url).content.decode()
        assert "21.9 million" not in client.get(f"/en{url}").content.decode()


def test_seed_has_the_reports_structure():
    assert Finding.objects.published().count() >= 8
    assert Finding.objects.filter(key__regex=r"^[2-9a-z]{5}$").count() == Finding.objects.count()


def test_loading_again_neither_duplicates_nor_overwrites():
    finding = Finding.objects.first()
    finding.title_en = "Edited by an editor"
    finding.save()
    counts = {model: model.objects.count() for model in (Finding, Observation, Indicator)}
    call_command("load_seed", verbosity=0)
    assert {model: model.objects.count() for model in counts} == counts
    finding.refresh_from_db()
    assert finding.title_en == "Edited by an editor"


def test_loading_restores_a_missing_seed_object_only():
    observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    observation.findings.clear()
    observation_pk = observation.pk
    observation.delete()
    call_command("load_seed", verbosity=0)
    assert Observation.objects.filter(pk=observation_pk).exists()
