"""Embeds (/embed/…): frameable by any site, and only they; the card shows each figure as its page
does (qualifier, unit, hedge), its site notes and source; `?v=N` pins a published version; drafts never."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from bluepaper.models import Finding
from bluepaper.services import finding_publish_version
from bluepaper.tests.factories import FindingFactory
from core.publishing import Status
from indicators.models import Indicator, Observation, SiteNote
from indicators.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

POPULATION, RAIL, TIANJIN, MANUFACTURING = "p7k2m", "k5uj8", "e9gs4", "h4tq9"
LANGUAGES = [("zh-hans", ""), ("en", "/en")]


def get(path):
    return Client().get(path)


def text(response):
    return response.content.decode()


def read(html):
    """The page as read: a figure's unbreakable span (decision 40) is markup, not words."""
    return re.sub(r'<span class="quantity">|</span>', "", html)


def frame_ancestors(response):
    policy = response.headers.get("Content-Security-Policy", "")
    return re.search(r"frame-ancestors ([^;]*)", policy).group(1).strip()


# Framing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"/embed/findings/{POPULATION}/", "/en/embed/indicators/high-speed-rail-mileage/",
                                  f"/embed/findings/{POPULATION}/?v=1"])  # fmt: skip
def test_an_embed_may_be_framed_by_any_site_and_sets_no_cookie(path):
    response = get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert frame_ancestors(response) == "*"
    assert not response.cookies
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_an_embed_may_be_cached_and_answers_not_modified():
    first = get(f"/embed/findings/{POPULATION}/")
    assert "public" in first.headers["Cache-Control"] and "max-age=300" in first.headers["Cache-Control"]
    again = Client().get(f"/embed/findings/{POPULATION}/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert "X-Frame-Options" not in again.headers


@pytest.mark.parametrize(
    "path",
    [f"/findings/{POPULATION}/beijing-resident-population-decrease/", "/en/indicators/high-speed-rail-mileage/",
     "/", f"/findings/{POPULATION}/v1/", f"/oembed/?url={settings.SITE_URL}/findings/{POPULATION}/"],
)  # fmt: skip
def test_every_other_page_refuses_to_be_framed(path):
    response = get(path)
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "'none'"


def test_an_embed_loads_nothing_from_another_host():
    html = text(get(f"/embed/findings/{POPULATION}/"))
    assert re.findall(r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)[^"]*\.(?:css|js)', html) == []
    assert "<script" not in html and "style=" not in html


# The finding's card ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
@pytest.mark.parametrize("key", [POPULATION, TIANJIN, MANUFACTURING, RAIL])
def test_the_card_shows_each_figure_exactly_as_the_finding_page_does(language, prefix, key):
    finding = Finding.objects.get(key=key)
    page = text(get(f"{prefix}{finding.get_absolute_url()}"))
    card = text(get(f"{prefix}/embed/findings/{key}/"))
    with translation.override(language):
        figures = [str(obs.display_value()) for obs in finding.observations.all()]
        title = finding.title_en if language == "en" else finding.title_zh_hans
    assert figures
    for figure in figures:
        assert figure in read(page) and figure in read(card)
    assert title in unescape(card)


@pytest.mark.parametrize(
    ("prefix", "hedged", "qualified"), [("", "（预计）", "超过3200"), ("/en", "(expected)", "over 3,200")]
)
def test_the_hedge_and_the_qualifier_travel_with_the_figure(prefix, hedged, qualified):
    assert f"82.1%{hedged}" in text(get(f"{prefix}/embed/findings/{TIANJIN}/")).replace(" ", "")
    assert qualified in text(get(f"{prefix}/embed/findings/{MANUFACTURING}/"))


@pytest.mark.parametrize(
    ("prefix", "caveat", "kicker", "back"),
    [("", "本站注", "第1章", "在京津冀发展报告网站阅读"), ("/en", "Site note", "Chapter 1", "Read on")],
)
def test_the_card_flags_and_links_its_site_note_and_shows_its_source_and_a_link_back(prefix, caveat, kicker, back):
    html = text(get(f"{prefix}/embed/findings/{POPULATION}/"))
    note = SiteNote.objects.published().get()
    permalink = f"{settings.SITE_URL}{prefix}/findings/{POPULATION}/"
    assert caveat in html
    assert f'href="{permalink}#site-note-{note.pk}"' in html
    assert kicker in html and "[3]" in html and ("经济观察网" in html or "Jing Ji Guan Cha Wang" in html)
    back_link = f'<a class="embed__back" href="{permalink}" target="_blank" rel="noopener">{back}'
    assert back_link in html
    assert '<base target="_blank">' in html


def test_the_card_shows_only_published_figures():
    finding = Finding.objects.get(key=RAIL)
    draft = ObservationFactory(status=Status.DRAFT, published_at=None, value="987654")
    finding.observations.add(draft)
    assert "987654" not in text(get(f"/embed/findings/{RAIL}/")).replace(",", "")


# Publishing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["finding", "indicator"])
@pytest.mark.parametrize(
    "state", [{"status": Status.DRAFT, "published_at": None}, {"status": Status.REVIEW, "published_at": None},
              {"status": Status.PUBLISHED, "published_at": timezone.now() + timezone.timedelta(days=30)}],
)  # fmt: skip
def test_a_draft_or_scheduled_item_has_no_embed(kind, state):
    if kind == "finding":
        item = FindingFactory(title_en="Unpublished finding", **state)
        paths = [f"/embed/findings/{item.key}/", f"/en/embed/findings/{item.key}/?v=1"]
    else:
        item = IndicatorFactory(name_en="Unpublished indicator", **state)
        paths = [f"/embed/indicators/{item.slug}/", f"/en/embed/indicators/{item.slug}/"]
    for path in paths:
        response = get(path)
        assert response.status_code == 404
        assert "Unpublished" not in text(response)


def test_a_finding_withdrawn_to_draft_shows_no_card_and_no_version():
    finding = Finding.objects.get(key=RAIL)
    assert finding.versions.exists()
    finding.status = Status.DRAFT
    finding.save()
    for path in (f"/embed/findings/{RAIL}/", f"/en/embed/findings/{RAIL}/?v=1"):
        response = get(path)
        assert response.status_code == 404
        assert "2,624" not in text(response) and "2624" not in text(response)


def test_an_embed_only_answers_get_and_head():
    assert Client().post(f"/embed/findings/{RAIL}/").status_code == 405
    assert Client().head(f"/embed/findings/{RAIL}/").status_code == 200


def test_an_archived_finding_answers_a_framed_410_notice():
    finding = Finding.objects.get(key=RAIL)
    finding.status = Status.ARCHIVED
    finding.save()
    response = get(f"/en/embed/findings/{RAIL}/")
    assert response.status_code == 410
    assert frame_ancestors(response) == "*" and "X-Frame-Options" not in response.headers
    assert "archived" in text(response)
    # What was published and cited still reads, as on /findings/<key>/v1/.
    pinned = get(f"/en/embed/findings/{RAIL}/?v=1")
    assert pinned.status_code == 200 and "since been archived" in text(pinned)


def test_an_archived_indicator_answers_410():
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    indicator.status = Status.ARCHIVED
    indicator.save()
    assert get("/embed/indicators/high-speed-rail-mileage/").status_code == 410


def test_an_indicators_old_slug_redirects_to_its_embed():
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    indicator.slug = "hsr-mileage"
    indicator.save()
    response = get("/en/embed/indicators/high-speed-rail-mileage/")
    assert response.status_code == 301 and response.headers["Location"] == "/en/embed/indicators/hsr-mileage/"


# Pinned versions ------------------------------------------------------------------------------------


def correct_title(finding, title_en):
    """Publish a second version of `finding` with a new English title."""
    Finding.objects.filter(pk=finding.pk).update(title_en=title_en)
    return finding_publish_version(finding=Finding.objects.get(pk=finding.pk))


def test_v_pins_the_card_to_that_published_version():
    finding = Finding.objects.get(key=RAIL)
    old_title = finding.title_en
    assert correct_title(finding, "A corrected title").number == 2
    current, pinned = text(get(f"/en/embed/findings/{RAIL}/")), text(get(f"/en/embed/findings/{RAIL}/?v=1"))
    assert "A corrected title" in current and old_title not in unescape(current)
    assert old_title in unescape(pinned) and "A corrected title" not in pinned
    assert "Version 1" in pinned and "see the current version" in pinned
    assert f'href="{settings.SITE_URL}/en/findings/{RAIL}/"' in pinned  # the current version
    for figure in ("2,624 km", "[4]"):
        assert figure in pinned
    assert "the current version." in text(get(f"/en/embed/findings/{RAIL}/?v=2"))


def test_a_pinned_card_shows_the_figures_as_that_version_stored_them():
    finding = Finding.objects.get(key=RAIL)
    Observation.objects.filter(indicator__slug="high-speed-rail-mileage").update(value="2650")
    correct_title(finding, "Corrected")
    assert "2,624 km" in text(get(f"/en/embed/findings/{RAIL}/?v=1"))
    assert "2,650 km" in text(get(f"/en/embed/findings/{RAIL}/?v=2"))
    assert "2650公里" in text(get(f"/embed/findings/{RAIL}/?v=2")).replace(" ", "")


@pytest.mark.parametrize("value", ["0", "-1", "1.0", "abc", "", "99", "1 ", "１", "9" * 30, "2"])
def test_a_bad_or_unknown_version_is_404_never_500(value):
    response = Client().get(f"/embed/findings/{RAIL}/", {"v": value})
    assert response.status_code == 404


def test_a_scheduled_version_is_not_shown_before_its_time():
    finding = Finding.objects.get(key=RAIL)
    version = correct_title(finding, "Scheduled correction")
    version.published_at = timezone.now() + timezone.timedelta(days=3)
    version.save()
    assert get(f"/en/embed/findings/{RAIL}/?v=2").status_code == 404


# The indicator's chart -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "figure", "unit"), [("", "2624公里", "公里"), ("/en", "2,624 km", "km")])
def test_the_indicator_embed_shows_its_chart_table_and_source(prefix, figure, unit):
    html = text(get(f"{prefix}/embed/indicators/high-speed-rail-mileage/"))
    assert 'class="single-figure"' in html  # one figure: the number, not a one-point chart (decision 0040)
    assert figure in html.replace(" ", "") or figure in html
    assert '<table class="embed__table">' in html and "[4]" in html
    assert unit in html


def test_the_indicator_embed_carries_the_population_site_note():
    html = text(get("/en/embed/indicators/resident-population/"))
    assert "central urban districts" in html and "12.935 million" in html


# The box on the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_the_finding_page_offers_iframe_code_pinned_to_its_current_version(language, prefix):
    finding = Finding.objects.get(key=RAIL)
    html = text(get(f"{prefix}{finding.get_absolute_url()}"))
    box = html[html.index('<details class="reuse__tool embed-box">') :]
    box = box[: box.index("</details>")]
    src = f"{settings.SITE_URL}{prefix}/embed/findings/{RAIL}/?v=1"
    assert '<label class="embed-box__label" for="embed-code-finding">' in box
    assert '<textarea class="embed-box__code" id="embed-code-finding" readonly' in box
    assert f"&lt;iframe src=&quot;{src}&quot;" in box
    assert "loading=&quot;lazy&quot;" in box and "title=&quot;" in box and "width=&quot;100%&quot;" in box
    assert '<button type="button" class="copy-button" data-copy-target="embed-code-finding" hidden>' in box


def test_the_indicator_page_offers_its_chart_s_iframe_code():
    html = text(get("/en/indicators/high-speed-rail-mileage/"))
    src = f"{settings.SITE_URL}/en/embed/indicators/high-speed-rail-mileage/"
    assert f"&lt;iframe src=&quot;{src}&quot;" in html
    assert 'data-copy-target="embed-code-indicator"' in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_finding_and_indicator_pages_announce_their_oembed(prefix):
    for path in (Finding.objects.get(key=RAIL).get_absolute_url(), "/indicators/high-speed-rail-mileage/"):
        html = text(get(f"{prefix}{path}"))
        link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="[^"]+">', html)
        assert link, path
        url = link.group(1).replace("&amp;", "&")
        assert url.startswith(f"{settings.SITE_URL}{prefix}/oembed/?url=")
        response = get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200 and response.json()["type"] == "rich"


def test_a_pinned_card_flags_the_site_note_its_version_showed():
    note = SiteNote.objects.published().get()
    html = text(get(f"/en/embed/findings/{POPULATION}/?v=1"))
    assert "12.935 million people" in read(html)
    assert f'href="{settings.SITE_URL}/en/findings/{POPULATION}/v1/#site-note-{note.pk}"' in html
    assert "this site's note on these figures" in html
