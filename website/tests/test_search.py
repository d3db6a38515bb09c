"""Search that understands Chinese (decision 0039), through /search/?q= and /en/search/?q= on the seed:
words without spaces, synonyms and short forms from the editable list, the page's language,
ranking, and a no-results page that suggests something."""

import re

import pytest

from bluepaper.models import Chapter, Finding
from bluepaper.tests.factories import FindingFactory
from core.models import SynonymGroup
from core.publishing import Status
from core.search import search_index, search_reindex_all
from core.tests.admin_forms import post_form
from indicators.models import Indicator
from indicators.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
LANGUAGES = list(PREFIX)
POPULATION = "/findings/p7k2m/beijing-resident-population-decrease/"
HIGH_SPEED_RAIL = "/findings/k5uj8/high-speed-rail-network/"
TIANJIN_CHAINS = "/findings/e9gs4/tianjin-key-industrial-chains/"
RESIDENT_POPULATION = "/indicators/resident-population/"
RAIL_MILEAGE = "/indicators/high-speed-rail-mileage/"
RAIL = {HIGH_SPEED_RAIL, RAIL_MILEAGE}  # the high-speed rail finding, or its indicator
PEOPLE = {POPULATION, RESIDENT_POPULATION}


def page(client, q, language="zh-hans"):
    response = client.get(f"{PREFIX[language]}/search/", {"q": q})
    assert response.status_code == 200, q
    return response.content.decode()


def found(client, q, language="zh-hans"):
    """The result links, in ranked order, without the language prefix."""
    links = re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', page(client, q, language))
    return [link.removeprefix(PREFIX[language]) for link in links]


def snippets(html):
    """(lang attribute or "", text) of each result's snippet."""
    return re.findall(r'<p class="search-result__snippet"(?: lang="([^"]+)")?>(.*?)</p>', html, re.S)


# What the reading issue asks: the right finding or indicator first, in both languages ------

FIRST = [
    ("高铁里程", RAIL),  # no space between the words: cut by jieba; 高铁 is 高速铁路
    ("铁路里程", RAIL),  # 铁路 inside 高速铁路
    ("高铁", RAIL),  # the everyday short form
    ("高速铁路", RAIL),
    ("人口", PEOPLE),  # two characters
    ("天津 产业链", {TIANJIN_CHAINS}),
    ("天津产业链", {TIANJIN_CHAINS}),
    ("population", PEOPLE),
    ("high-speed rail", RAIL),
    ("2624", RAIL),
    ("2,624", RAIL),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("q", "first"), FIRST)
def test_the_finding_or_indicator_about_the_query_comes_first(client, q, first, language):
    results = found(client, q, language)
    assert results and results[0] in first, (q, language, results)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_query_without_spaces_finds_what_the_spaced_one_finds(client, language):
    assert found(client, "高铁里程", language) == found(client, "高铁 里程", language)
    assert set(found(client, "高铁里程", language)) == RAIL


def test_the_tianjin_chains_finding_beats_the_indicator_that_only_names_chains(client):
    results = found(client, "天津 产业链")
    assert results[0] == TIANJIN_CHAINS
    assert "/indicators/key-chains-industrial-value-share/" in results[1:]


def test_every_word_must_still_match(client):
    assert found(client, "人口铁路") == []
    assert found(client, "高铁 人口") == []


def test_a_single_character_is_not_taken_for_a_word_it_is_part_of(client):
    # 的 alone finds text with 的; as part of a longer query it is dropped, not required.
    assert found(client, "天津的产业链")[0] == TIANJIN_CHAINS


# Synonyms and short forms: an editable list ------------------------------------------------


def test_the_starter_list_joins_the_languages(client):
    assert HIGH_SPEED_RAIL in found(client, "Jing-Jin-Ji", "en")
    assert set(found(client, "京津冀", "en")) == set(found(client, "Beijing–Tianjin–Hebei", "en"))


def test_a_synonym_added_in_the_admin_changes_results_at_once(client, publisher, django_capture_on_commit_callbacks):
    assert found(client, "动车") == []
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(publisher, "/admin/core/synonymgroup/add/", {"words": "动车\n高速铁路", "note": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(found(client, "动车")) >= RAIL
    group = SynonymGroup.objects.get(words__contains="动车")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(publisher, f"/admin/core/synonymgroup/{group.pk}/change/", {"words": "动车, 营业里程"})
    assert response.status_code == 302
    assert set(found(client, "动车")) == RAIL  # 营业里程 is in both
    with django_capture_on_commit_callbacks(execute=True):
        page_ = publisher.get(f"/admin/core/synonymgroup/{group.pk}/delete/")
        publisher.post(f"/admin/core/synonymgroup/{group.pk}/delete/", {"post": "yes", **csrf(page_)})
    assert found(client, "动车") == []


def csrf(response):
    from core.tests.admin_forms import csrf_token

    return {"csrfmiddlewaretoken": csrf_token(response)}


def test_a_synonym_group_needs_two_words_and_shows_in_chinese(publisher):
    publisher.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    html = publisher.get("/admin/core/synonymgroup/add/").content.decode()
    assert "增加 同义词组" in html or "添加同义词组" in html, html[:500]
    response = post_form(publisher, "/admin/core/synonymgroup/add/", {"words": "孤词"})
    assert response.status_code == 200
    assert "请至少填写两个词" in response.content.decode()


def test_editors_may_read_the_list_but_not_change_it(editor):
    assert editor.get("/admin/core/synonymgroup/").status_code == 200
    assert editor.get("/admin/core/synonymgroup/add/").status_code == 403


# Drafts are never found, however the query is written ----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_is_never_found_through_a_synonym_or_a_cut_query(client, language):
    chapter = Chapter.objects.published().first()
    draft = FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None)
    draft.title_zh_hans, draft.title_en = "高铁票价草稿", "High-speed rail fares draft"
    draft.save()
    search_reindex_all()
    for q in ("高铁票价", "高速铁路 票价", "high-speed rail fares", "票价"):
        assert draft.get_absolute_url().removeprefix("/en") not in found(client, q, language)
        html = page(client, q, language)
        assert "票价草稿" not in html and "fares draft" not in html


# More matches than are ranked: the best of them still come first ----------------------------


TOO_MANY_NOTICE = {
    "zh-hans": "匹配的条目很多，这里只列出最相关的一部分。请增加关键词以缩小范围。",
    "en": "Many entries match: only the best matches are shown. Add a word to narrow your search.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_candidates_ranked_are_the_best_not_the_first_stored(client, language, monkeypatch):
    """Past MAX_CANDIDATES matching entries only some are ranked: those with the words in their
    title come before those that only mention them, whatever order they were stored in."""
    monkeypatch.setattr("core.search.MAX_CANDIDATES", 4)
    chapter = Chapter.objects.published().first()

    def mentions():  # six findings that only mention high-speed rail, in both languages
        text = {"summary_zh_hans": "沿线的高铁站。", "summary_en": "Near a high-speed rail station."}
        return [FindingFactory(chapter=chapter, **text) for _ in range(6)]

    mentions()
    search_reindex_all()
    search_index(Finding.objects.get(key="k5uj8"), Indicator.objects.get(slug="high-speed-rail-mileage"))
    search_index(*mentions())  # stored before and after them: neither the oldest nor the newest win
    q = "高铁" if language == "zh-hans" else "high-speed rail"
    results = found(client, q, language)
    assert results and results[0] in RAIL
    notice = re.search(r'<p class="search-notice">(.*?)</p>', page(client, q, language)).group(1)
    assert notice == TOO_MANY_NOTICE[language]
    monkeypatch.undo()
    assert "search-notice" not in page(client, q, language)  # fewer matches than the limit: no notice


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_object_with_many_figures_leaves_room_for_others(client, language, monkeypatch):
    """An indicator has a search entry per figure: a hundred figures must not take every place
    among the candidates ranked, or its finding would not be found at all."""
    monkeypatch.setattr("core.search.MAX_CANDIDATES", 12)
    stations = IndicatorFactory(name_zh_hans="高铁站数量", name_en="High-speed rail stations")
    for year in range(2000, 2012):
        ObservationFactory(indicator=stations, period_year=year)
    search_index(stations)  # the newest entries, each titled with 高铁 / high-speed rail
    results = found(client, "高铁" if language == "zh-hans" else "high-speed rail", language)
    assert {RAIL_MILEAGE, HIGH_SPEED_RAIL, f"/indicators/{stations.slug}/"} <= set(results)


# Snippets in the page's language, marked; a placeholder in both boxes --------------------------


@pytest.mark.parametrize("q", ["高铁", "人口", "铁路里程", "2624", "天津 产业链"])
def test_english_pages_show_english_snippets(client, q):
    html = page(client, q, "en")
    shown = snippets(html)
    assert shown
    for lang, text in shown:
        assert lang == "" and not re.search(r"[\u4e00-\u9fff]", text), (q, text)


def test_the_snippet_marks_the_synonym_that_matched(client):
    (_lang, first), *_ = snippets(page(client, "高铁", "en"))
    assert "<mark>high-speed rail</mark>" in first  # one mark over the phrase
    (_lang, first), *_ = snippets(page(client, "高铁"))
    assert "<mark>高速铁路</mark>" in first


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "例如"), ("en", "e.g.")])
def test_both_search_boxes_have_a_visible_placeholder(client, language, words):
    html = page(client, "", language)
    assert re.search(rf'id="search-q"[^>]* placeholder="[^"]*{re.escape(words)}', html)
    home = client.get(f"{PREFIX[language]}/").content.decode()
    assert re.search(r'id="site-search-q"[^>]* placeholder="[^"]+"', home)


# Nothing found: a suggestion, safely ------------------------------------------------------------


def test_no_results_suggests_a_query_with_fewer_words_that_finds_something(client):
    html = page(client, "高铁 火星")
    assert "0 个" in html or "共 0" in html
    suggestion = re.search(r'<a href="/search/\?q=([^"]+)">([^<]+)</a> <span class="search-none__count">', html)
    assert suggestion and suggestion.group(2) == "高铁"
    assert set(found(client, suggestion.group(2))) >= RAIL


def test_no_results_suggests_a_word_as_the_content_spells_it(client):
    html = page(client, "populaton", "en")
    assert "Did you mean:" in html
    assert '<a href="/en/search/?q=population">population</a>' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_results_always_offers_somewhere_to_go(client, language):
    html = page(client, "zebrafish", language)
    assert f'href="{PREFIX[language]}/indicators/"' in html
    assert f'href="{PREFIX[language]}/reports/2025/"' in html


def test_the_reflected_query_and_suggestions_are_escaped(client):
    html = page(client, "高铁 <script>alert(1)</script>", "en")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
