""" "Cite this" on the public pages: the citations, the BibTeX and RIS downloads, the meta tags.

The styles' exact texts are checked in core/tests/test_citations_formats.py; here the seed
finding's page must show those very texts, built from its own data (decision 0029).
"""

import re
from html import unescape
from unittest import mock

import bibtexparser
import pytest
from django.test import Client

from bluepaper.models import Challenge, Finding
from core import services
from core.publishing import Status
from core.tests.test_citations_formats import EXPECTED_TEXT, NOW
from indicators.models import Indicator
from policies.models import Strategy

pytestmark = pytest.mark.django_db

SITE = "https://bluepaper.example.org"
FINDING = "/findings/k5uj8/high-speed-rail-network/"


@pytest.fixture(autouse=True)
def site_and_clock(settings):
    settings.SITE_URL = SITE
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def get(path):
    return Client().get(path)


def text_of(html, element_id):
    """The text of the element with `element_id` (tags dropped, entities decoded)."""
    inner = re.search(rf'id="{element_id}">(.*?)</p>', html, re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", inner))


@pytest.mark.parametrize(("language", "prefix"), [("zh", ""), ("en", "/en")])
@pytest.mark.parametrize("style", ["gbt7714", "apa", "chicago"])
def test_the_finding_page_cites_it_in_each_style_exactly(language, prefix, style):
    html = get(prefix + FINDING).content.decode()
    assert text_of(html, f"cite-{style}") == EXPECTED_TEXT[language, style]


def test_the_english_apa_citation_italicises_the_title_in_html():
    html = get("/en" + FINDING).content.decode()
    assert "(2025, July 21). <i>Comprehensive transport network largely established" in html


def test_the_citation_cites_the_latest_published_version():
    finding = Finding.objects.get(key="k5uj8")
    finding.title_en = "A corrected title"
    services.content_publish(user=None, instance=finding)
    assert finding.versions.count() == 2
    html = get("/en" + FINDING).content.decode()
    assert "A corrected title (Version 2)." in text_of(html, "cite-apa")


def test_the_permanent_link_is_text_with_a_copy_button_that_the_script_reveals():
    html = get(FINDING).content.decode()
    assert f'<a class="permalink" id="permalink" href="{SITE}/findings/k5uj8/">{SITE}/findings/k5uj8/</a>' in html
    buttons = re.findall(r'<button type="button" class="copy-button" data-copy-target="([\w-]+)"[^>]* hidden>', html)
    assert buttons == [
        "permalink",
        "cite-gbt7714",
        "cite-apa",
        "cite-chicago",
        "embed-code-finding",
    ]  # the embed box too
    assert all(f'id="{target}"' in html for target in buttons)
    assert re.search(r'<script src="/static/js/copy(\.\w+)?\.js" defer></script>', html)
    assert 'href="/findings/k5uj8/v1/">https://bluepaper.example.org/findings/k5uj8/v1/</a>' in html  # exact text


DOWNLOADS = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
}


def item_paths():
    strategy = Strategy.objects.published().first().slug
    challenge = Challenge.objects.published().first().slug
    return [
        "/findings/k5uj8/",
        f"/challenges/{challenge}/",
        f"/strategies/{strategy}/",
        "/indicators/high-speed-rail-mileage/",
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_type_offers_bibtex_that_parses(prefix):
    for path in item_paths():
        response = get(f"{prefix}{path}cite.bib")
        assert response.status_code == 200, path
        assert response["Content-Type"] == DOWNLOADS["bib"]
        assert response["Content-Disposition"].startswith('attachment; filename="bluepaper2025-')
        library = bibtexparser.parse_string(response.content.decode())
        assert library.failed_blocks == [] and len(library.entries) == 1
        entry = library.entries[0]
        assert entry["url"] == f"{SITE}{prefix}{path}" and entry["year"] and entry["title"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_type_offers_ris_with_the_required_tags(prefix):
    for path in item_paths():
        response = get(f"{prefix}{path}cite.ris")
        assert response.status_code == 200, path
        assert response["Content-Type"] == DOWNLOADS["ris"]
        assert response["Content-Disposition"].startswith("attachment;")
        tags = dict(line.split("  - ", 1) for line in response.content.decode().split("\r\n") if line)
        assert {"TY", "AU", "TI", "T2", "PY", "DA", "UR", "Y2", "ER"} <= tags.keys()
        assert tags["UR"] == f"{SITE}{prefix}{path}" and tags["Y2"] == "2026/12/03"


def test_the_indicator_is_cited_within_the_current_edition_in_its_language():
    ris = get("/en/indicators/high-speed-rail-mileage/cite.ris").content.decode()
    assert "TI  - High-speed rail operating mileage\r\n" in ris
    assert "T2  - Beijing–Tianjin–Hebei Development Report 2025\r\n" in ris
    assert "N1  - Version of " in ris  # an indicator's version is the date it last changed


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_an_unpublished_finding_or_challenge_has_no_citation_file(status):
    finding = Finding.objects.get(key="k5uj8")
    Finding.objects.filter(pk=finding.pk).update(status=status)
    challenge = Challenge.objects.published().first()
    Challenge.objects.filter(pk=challenge.pk).update(status=status)
    for path in ["/findings/k5uj8/cite.bib", "/en/findings/k5uj8/cite.ris", f"/challenges/{challenge.slug}/cite.bib"]:
        response = get(path)
        assert response.status_code == 404, path
        assert b"@misc" not in response.content


def test_a_scheduled_strategy_and_indicator_have_no_citation_file():
    strategy = Strategy.objects.published().first()
    Strategy.objects.filter(pk=strategy.pk).update(published_at=NOW.replace(year=2027))
    Indicator.objects.filter(slug="high-speed-rail-mileage").update(published_at=NOW.replace(year=2027))
    assert get(f"/strategies/{strategy.slug}/cite.bib").status_code == 404
    assert get("/indicators/high-speed-rail-mileage/cite.ris").status_code == 404


def test_an_archived_finding_citation_file_is_gone_as_its_page_is():
    finding = Finding.objects.get(key="k5uj8")
    services.content_move(user=None, instance=finding, status=Status.ARCHIVED)
    assert get(FINDING).status_code == 410
    assert get("/findings/k5uj8/cite.bib").status_code == 410


def test_a_renamed_challenge_redirects_its_citation_file():
    challenge = Challenge.objects.published().first()
    old = challenge.slug
    challenge.slug = "renamed-challenge"
    services.content_save(user=None, instance=challenge)
    response = get(f"/challenges/{old}/cite.bib")
    assert response.status_code == 301 and response["Location"] == "/challenges/renamed-challenge/cite.bib"


META = ["citation_title", "citation_author", "citation_publication_date", "citation_publisher",
        "citation_public_url", "citation_language", "DC.title", "DC.creator", "DC.date", "DC.identifier",
        "DC.language", "DC.publisher", "DC.rights"]  # fmt: skip


def meta(html):
    return dict(re.findall(r'<meta name="([\w.]+)" content="([^"]*)">', html))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_type_carries_citation_meta_tags(prefix):
    pages = [FINDING, *item_paths()[1:]]
    for path in pages:
        tags = meta(get(prefix + path).content.decode())
        assert set(META) <= tags.keys(), path
        assert tags["citation_title"] == tags["DC.title"] != ""
        assert tags["citation_language"] == ("en" if prefix else "zh")
        assert tags["DC.rights"].startswith("CC BY 4.0")


def test_the_finding_meta_tags_name_the_short_permalink_and_the_version_date():
    tags = meta(get("/en" + FINDING).content.decode())
    assert tags["citation_public_url"] == tags["DC.identifier"] == f"{SITE}/en/findings/k5uj8/"
    assert tags["citation_publication_date"] == "2025/07/21" and tags["DC.date"] == "2025-07-21"
    assert tags["citation_author"] == "Beijing–Tianjin–Hebei Development Report website"
    assert tags["citation_book_title"] == "Beijing–Tianjin–Hebei Development Report 2025"


def test_a_title_with_markup_characters_is_escaped_in_the_box_and_the_meta_tags():
    Finding.objects.filter(key="k5uj8").update(title_en='Rail <b>& "roads"</b>')
    html = get("/en" + FINDING).content.decode()
    assert "<b>" not in html.split("<main", 1)[1] and "<b>&" not in html
    assert "<i>Rail &lt;b&gt;&amp; &quot;roads&quot;&lt;/b&gt;</i> (Version 1)." in html
    assert '<meta name="citation_title" content="Rail &lt;b&gt;&amp; &quot;roads&quot;&lt;/b&gt;">' in html
    assert get("/en/findings/k5uj8/cite.ris").content.decode().count('TI  - Rail <b>& "roads"</b>\r\n') == 1


def test_the_population_caveat_travels_with_the_citation_files_of_its_finding_and_indicator():
    finding = Finding.objects.get(indicators__slug="resident-population")
    bib = get(f"/findings/{finding.key}/cite.bib").content.decode()
    assert "1094.8万" in bib and "本站注：" in bib and "城六区" in bib
    assert bibtexparser.parse_string(bib).failed_blocks == []
    ris = get("/en/indicators/resident-population/cite.ris").content.decode()
    assert re.search(r"^N1  - Site note: .*central urban districts.*\r$", ris, re.M)
    assert "Site note" not in get("/en/indicators/high-speed-rail-mileage/cite.ris").content.decode()
