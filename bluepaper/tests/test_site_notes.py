"""The site's own words are marked as the site's: site notes and the site's cross-references."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from core.publishing import Status
from indicators.models import Indicator, SiteNote

from .public_pages import all_public_page_urls, public_page_urls

pytestmark = pytest.mark.django_db

POPULATION_FIGURES = {"zh-hans": ("1293.5万", "1094.8万"), "en": ("12.935 million", "10.948 million")}
LABEL = {"zh-hans": "本站注", "en": "Site note"}
BASIS = {"zh-hans": "依据：", "en": "Basis:"}
CROSS_REFERENCE = {"zh-hans": "（本站关联）", "en": "(site's cross-reference)"}
LINKS_NOTE = {"zh-hans": "蓝皮书并未建立这些关联", "en": "The blue paper does not make these links"}


def population_note():
    return SiteNote.objects.get(indicators__slug="resident-population")


def test_the_population_caveat_is_a_site_note_not_the_reports_words():
    note = population_note()
    assert note.status == Status.PUBLISHED
    assert "城六区" in note.text_zh_hans and "six central urban districts" in note.text_en
    assert "北京市统计局" in note.basis_zh_hans and "Beijing Municipal Bureau of Statistics" in note.basis_en
    indicator = Indicator.objects.get(slug="resident-population")
    assert indicator.caveat_zh_hans == indicator.caveat_en == ""
    finding = indicator.findings.published().get()
    assert "本站" not in finding.body_zh_hans and "This site" not in finding.body_en
    assert set(note.observations.all()) == set(finding.observations.all())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_population_figures_never_show_without_a_visible_or_linked_site_note(client, language):
    note = population_note()
    anchor = f"#site-note-{note.pk}"
    text = note.text_zh_hans if language == "zh-hans" else note.text_en
    shown = 0
    search = "/search/?q=常住人口" if language == "zh-hans" else "/en/search/?q=resident+population"
    for url in [*public_page_urls(language), search]:
        html = client.get(url).content.decode()
        if not any(figure in html for figure in POPULATION_FIGURES[language]):
            continue
        shown += 1
        assert LABEL[language] in html, url
        assert escape(text) in html or anchor in html, url
    assert shown >= 6  # home, chapter, finding, indicator, region, search at least


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_note_is_labelled_and_names_its_basis(client, language):
    note = population_note()
    basis = note.basis_zh_hans if language == "zh-hans" else note.basis_en
    indicator = Indicator.objects.get(slug="resident-population")
    finding = indicator.findings.published().get()
    prefix = "/en" if language == "en" else ""
    for url in (indicator.get_absolute_url(), finding.get_absolute_url(), "/regions/beijing/"):
        html = client.get(f"{prefix}{url}").content.decode()
        assert f'id="site-note-{note.pk}"' in html, url
        assert f"<strong>{LABEL[language]}</strong>" in html, url
        assert BASIS[language] in html and escape(basis) in html, url
    # Where figures show in short (the cards of the home and chapter pages), the note is linked.
    with translation.override(language):
        card_pages = ["/" if language == "zh-hans" else "/en/", finding.chapter.get_absolute_url()]
        finding_url = finding.get_absolute_url()
    for url in card_pages:
        html = client.get(url).content.decode()
        assert f'href="{finding_url}#site-note-{note.pk}"' in html, url


def test_a_draft_site_note_never_shows(client):
    indicator = Indicator.objects.get(slug="resident-population")
    draft = SiteNote.objects.create(
        text_zh_hans="草稿本站注标记",
        text_en="draft-site-note-marker",
        basis_en="draft-basis-marker",
        status=Status.DRAFT,
    )
    draft.indicators.add(indicator)
    draft.observations.add(*indicator.observations.all())
    urls = all_public_page_urls() + ["/search/?q=草稿本站注标记", "/en/search/?q=草稿本站注标记"]
    for lang in ("zh-hans", "en"):
        urls += [f"/api/v1/observations/?page_size=200&lang={lang}", f"/api/v1/indicators/?page_size=200&lang={lang}"]
        urls += [f"/api/v1/indicators/resident-population/?lang={lang}"]
    for url in urls:
        html = client.get(url).content.decode()
        for marker in ("draft-site-note-marker", "draft-basis-marker", f"site-note-{draft.pk}"):
            assert marker not in html, (url, marker)


def test_a_withdrawn_site_note_leaves_every_live_page(client):
    """Withdrawn, a note leaves the live pages; a finding's past versions stay as they were published."""
    note = population_note()
    note.status = Status.DRAFT
    note.save()
    for url in all_public_page_urls():
        if re.search(r"/v\d+/$", url):
            continue  # /findings/<key>/v<N>/: a record of what was published
        assert f"site-note-{note.pk}" not in client.get(url).content.decode(), url


def test_a_scheduled_site_note_does_not_show_before_its_time(client):
    from datetime import timedelta

    from django.utils import timezone

    note = population_note()
    note.published_at = timezone.now() + timedelta(days=1)
    note.save()
    html = client.get("/indicators/resident-population/").content.decode()
    assert "site-note-" not in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_sites_cross_references_are_labelled(client, language):
    from bluepaper.models import Challenge
    from policies.models import Strategy

    prefix = "/en" if language == "en" else ""
    challenge = Challenge.objects.published().filter(strategies__isnull=False).first()
    strategy = Strategy.objects.published().filter(challenges__isnull=False).first()
    pages = [challenge.get_absolute_url(), strategy.get_absolute_url(), "/strategies/"]
    for url in pages:
        html = client.get(f"{prefix}{url}").content.decode()
        assert CROSS_REFERENCE[language] in html, url
    for url in pages[:2]:
        assert LINKS_NOTE[language] in client.get(f"{prefix}{url}").content.decode(), url
    # No heading still presents the links as the report's.
    for url in pages:
        html = client.get(f"{prefix}{url}").content.decode()
        for old in ("Strategies that answer it", "Challenges it answers", "Findings that motivate it", "应对的挑战"):
            assert old not in html, (url, old)
