"""Search, /search/?q=…: Chinese and English, numbers either way, ranked, highlighted, never a
draft, never a 500 — and kept fresh by the admin, the import and the seed loader."""

import re
import time
from html import unescape
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluepaper.models import Chapter, Finding
from bluepaper.tests.factories import ChallengeFactory, FindingFactory
from core.cache import content_version
from core.models import PendingChange, SearchEntry
from core.publishing import Status
from core.search import MAX_QUERY_LENGTH, search_reindex_all
from core.tests.admin_forms import csrf_token, post_form
from indicators.models import Indicator, Observation
from indicators.tests.factories import IndicatorFactory, ObservationFactory
from indicators.tests.test_import import as_csv, confirm, one_row, upload
from policies.tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

PREFIX = {"zh-hans": "", "en": "/en"}
LANGUAGES = list(PREFIX)
POPULATION = "/findings/p7k2m/beijing-resident-population-decrease/"
HIGH_SPEED_RAIL = "/findings/k5uj8/high-speed-rail-network/"
TIANJIN_CHAINS = "/findings/e9gs4/tianjin-key-industrial-chains/"
RESIDENT_POPULATION = "/indicators/resident-population/"
RAIL_MILEAGE = "/indicators/high-speed-rail-mileage/"


def get(client, q, language="zh-hans"):
    response = client.get(f"{PREFIX[language]}/search/", {"q": q})
    assert response.status_code == 200, q
    return response


def found(client, q, language="zh-hans"):
    """The result links, in ranked order, without the language prefix."""
    html = get(client, q, language).content.decode()
    links = re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)
    return [link.removeprefix(PREFIX[language]) for link in links]


def result_items(html):
    return re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)


# The example queries, in both languages ---------------------------------------------------


EXAMPLES = [
    ("人口", [POPULATION, RESIDENT_POPULATION]),
    ("铁路", [HIGH_SPEED_RAIL, RAIL_MILEAGE]),
    ("天津", [TIANJIN_CHAINS]),
    ("population", [POPULATION, RESIDENT_POPULATION]),
    ("railway", [RAIL_MILEAGE]),  # the indicator's definition says "railways"
    ("rail", [HIGH_SPEED_RAIL, RAIL_MILEAGE]),
    ("Tianjin", [TIANJIN_CHAINS]),
    ("2,624", [HIGH_SPEED_RAIL, RAIL_MILEAGE]),
    ("2624", [HIGH_SPEED_RAIL, RAIL_MILEAGE]),
    ("２６２４", [HIGH_SPEED_RAIL]),  # full-width digits, as a Chinese input method types them
    ("高速铁路 2624", [HIGH_SPEED_RAIL, RAIL_MILEAGE]),  # every word must match
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("q", "expected"), EXAMPLES)
def test_each_example_query_finds_its_seed_content_in_both_languages(client, q, expected, language):
    results = found(client, q, language)
    for url in expected:
        assert url in results, (q, language, results)


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_spellings_of_a_number_find_the_same_results_first(client, language):
    assert found(client, "2,624", language) == found(client, "2624", language)
    assert found(client, "2624", language)[0] == HIGH_SPEED_RAIL


def test_a_two_character_word_matches_only_where_it_occurs(client):
    # 人口 occurs in two objects of the seed and nowhere else.
    assert sorted(found(client, "人口")) == sorted([POPULATION, RESIDENT_POPULATION])


def test_every_word_must_match(client):
    assert found(client, "人口 铁路") == []
    assert found(client, "population 2023") == [POPULATION, RESIDENT_POPULATION]


def test_results_are_shown_in_the_page_language_whatever_the_language_matched(client):
    html = get(client, "operating", "zh-hans").content.decode()  # in no synonym group: matches English only
    (item,) = [item for item in result_items(html) if "/indicators/high-speed-rail-mileage/" in item]
    assert ">高速铁路营业里程</a>" in item  # the Chinese title, on the Chinese page
    # … and the Chinese text, though only the English matched (decision 0039).
    assert 'lang="en"' not in item and "某一地区高速铁路营业里程总数" in item
    html = get(client, "铁路", "en").content.decode()
    assert "operating mileage</a>" in html
    assert not any('lang="zh-Hans"' in item for item in result_items(html))
    assert "2,624 km" in html


def test_results_are_counted(client):
    assert "2 results for “population”" in get(client, "population", "en").content.decode()
    assert "“人口”的搜索结果：共 2 个" in unescape(get(client, "人口").content.decode())
    assert "0 results for “zebrafish”" in get(client, "zebrafish", "en").content.decode()


# Ranking, snippets, escaping --------------------------------------------------------------


def test_a_title_match_ranks_above_a_text_match(client):
    chapter = Chapter.objects.published().first()
    in_text = FindingFactory(chapter=chapter, order=1, title_en="Ports", summary_en="About the okapi, okapi, okapi.")
    in_title = FindingFactory(chapter=chapter, order=2, title_en="The okapi", summary_en="Elsewhere.")
    challenge = ChallengeFactory(chapter=chapter, title_en="Okapi challenge")
    search_reindex_all()
    expected = [in_title.get_absolute_url(), challenge.get_absolute_url(), in_text.get_absolute_url()]
    assert found(client, "okapi", "en") == [url.removeprefix("/en") for url in expected]


def test_between_title_matches_findings_come_first_then_challenges_strategies_indicators(client):
    chapter = Chapter.objects.published().first()
    indicator = IndicatorFactory(name_en="Quokka count", slug="quokka")
    strategy = StrategyFactory(chapter=chapter, title_en="Quokka strategy", slug="quokka-strategy")
    challenge = ChallengeFactory(chapter=chapter, title_en="Quokka challenge", slug="quokka-challenge")
    finding = FindingFactory(chapter=chapter, title_en="Quokka finding", slug="quokka-finding")
    search_reindex_all()
    expected = [finding.get_absolute_url(), challenge.get_absolute_url(), strategy.get_absolute_url(),
                indicator.get_absolute_url()]  # fmt: skip
    assert found(client, "quokka", "en") == [url.removeprefix("/en") for url in expected]


def test_the_snippet_marks_the_match_as_the_text_writes_it(client):
    html = get(client, "2624", "en").content.decode()
    first = result_items(html)[0]
    assert "<mark>2,624</mark> km" in first
    html = get(client, "2,624", "zh-hans").content.decode()
    assert "<mark>2624</mark>公里" in result_items(html)[0]


def test_the_query_and_the_text_are_escaped(client):
    html = get(client, '<script>alert("x")</script>', "en").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    chapter = Chapter.objects.published().first()
    FindingFactory(chapter=chapter, title_en="Tags <b>wombat</b> & <img src=x onerror=alert(1)>")
    search_reindex_all()
    html = get(client, "wombat", "en").content.decode()
    assert "<img src=x" not in html and "<b>" not in html
    assert "&lt;b&gt;<mark>wombat</mark>&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in html


def test_result_pages_are_not_indexed_by_search_engines(client):
    response = get(client, "人口")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_page_itself_may_be_indexed(client, language):
    response = client.get(f"{PREFIX[language]}/search/")
    assert response.status_code == 200 and "X-Robots-Tag" not in response
    assert 'name="robots"' not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_search_box_that_searches_in_its_language(client, language):
    html = client.get(f"{PREFIX[language]}/").content.decode()
    form = re.search(r'<form class="site-search" role="search" action="([^"]+)" method="get">(.*?)</form>', html, re.S)
    assert form and form.group(1) == f"{PREFIX[language]}/search/"
    assert '<label class="visually-hidden" for="site-search-q">' in form.group(2)
    assert 'name="q"' in form.group(2)


# Drafts never show; scheduled content shows when its time comes ----------------------------


@pytest.fixture
def hidden_findings():
    """One finding of each non-public kind, all saying "narwhal", indexed like everything else."""
    chapter = Chapter.objects.published().first()
    later = timezone.now() + timezone.timedelta(days=2)
    made = {
        "draft": FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None),
        "review": FindingFactory(chapter=chapter, status=Status.REVIEW, published_at=None),
        "archived": FindingFactory(chapter=chapter, status=Status.ARCHIVED),
        "scheduled": FindingFactory(chapter=chapter, published_at=later),
    }
    for name, finding in made.items():
        finding.title_en = finding.title_zh_hans = f"narwhal {name}"
        finding.save()
    search_reindex_all()
    assert SearchEntry.objects.filter(document__contains="narwhal").count() == 8  # indexed: 4 × 2 languages
    return made


@pytest.mark.parametrize("language", LANGUAGES)
def test_drafts_in_review_scheduled_and_archived_content_is_never_found(client, hidden_findings, language):
    assert found(client, "narwhal", language) == []
    html = get(client, "narwhal", language).content.decode()
    assert not any(f"narwhal {name}" in html for name in hidden_findings)


def test_scheduled_content_is_found_once_its_time_has_come(client, hidden_findings):
    scheduled = hidden_findings["scheduled"]
    later = scheduled.published_at + timezone.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert found(client, "narwhal", "en") == [scheduled.get_absolute_url().removeprefix("/en")]


def test_a_public_finding_in_a_draft_chapter_is_not_found(client):
    chapter = Chapter.objects.published().first()
    draft_chapter = Chapter.objects.create(
        report=chapter.report, number=99, slug="draft-chapter", title_zh_hans="草稿章", status=Status.DRAFT
    )
    FindingFactory(chapter=draft_chapter, title_en="Dugong")
    search_reindex_all()
    assert found(client, "dugong", "en") == []


def test_a_draft_figure_is_never_found_or_shown_through_its_indicator_or_finding(client):
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    draft = ObservationFactory(indicator=indicator, status=Status.DRAFT, published_at=None, value=987654321)
    Finding.objects.get(key="k5uj8").observations.add(draft)
    search_reindex_all()
    for language in LANGUAGES:  # shown as "987.654321 million" and "9.87654321亿"
        assert found(client, "654321", language) == []
        html = get(client, "2624", language).content.decode()
        assert "654321" not in html


def test_a_scheduled_figure_is_found_once_it_goes_live(client):
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    later = timezone.now() + timezone.timedelta(hours=5)
    ObservationFactory(indicator=indicator, value=7777, published_at=later)
    search_reindex_all()
    assert found(client, "7777", "en") == []
    with mock.patch("django.utils.timezone.now", return_value=later + timezone.timedelta(seconds=1)):
        assert found(client, "7,777", "en") == [RAIL_MILEAGE]


# The index is kept fresh ---------------------------------------------------------------------


def test_an_admin_edit_is_findable_at_once(client, publisher):
    finding = Finding.objects.get(key="p7k2m")
    assert found(client, "capybara", "en") == []
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(publisher, url, {"summary_en": "Now about a capybara."})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found(client, "capybara", "en") == [POPULATION]
    assert found(client, "capybara", "zh-hans") == [POPULATION]  # matched in English, shown in Chinese


def test_publishing_with_a_list_action_makes_a_draft_findable(client, publisher):
    chapter = Chapter.objects.published().first()
    draft = FindingFactory(chapter=chapter, status=Status.DRAFT, published_at=None, title_en="Pangolin")
    search_reindex_all()
    assert found(client, "pangolin", "en") == []
    changelist = publisher.get("/admin/bluepaper/finding/")
    publisher.post(
        "/admin/bluepaper/finding/",
        {"action": "publish_selected", "_selected_action": [draft.pk], "csrfmiddlewaretoken": csrf_token(changelist)},
    )
    assert found(client, "pangolin", "en") == [draft.get_absolute_url().removeprefix("/en")]


def test_restoring_a_version_restores_what_search_finds(client, publisher):
    finding = Finding.objects.get(key="p7k2m")
    first = finding.history.earliest()
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    assert post_form(publisher, url, {"title_en": "Axolotl"}).status_code == 302
    assert found(client, "axolotl", "en") == [POPULATION]
    restore_url = f"/admin/bluepaper/finding/{finding.pk}/history/{first.history_id}/restore/"
    confirmation = publisher.get(restore_url)
    assert publisher.post(restore_url, {"csrfmiddlewaretoken": csrf_token(confirmation)}).status_code == 302
    assert found(client, "axolotl", "en") == []
    assert POPULATION in found(client, "population", "en")


def test_an_edited_figure_is_findable_through_its_indicator_and_finding(client, publisher):
    observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    url = f"/admin/indicators/observation/{observation.pk}/change/"
    assert post_form(publisher, url, {"value": "2625"}).status_code == 302
    assert found(client, "2,625", "en") == []  # held as a correction: the finding cites it
    change = PendingChange.objects.get()
    finding = Finding.objects.get(key="k5uj8")
    texts = {f"{finding.pk}-{name}": getattr(finding, name).replace("2624", "2625").replace("2,624", "2,625")
             for name in ("title_zh_hans", "title_en", "summary_zh_hans", "summary_en")}  # fmt: skip
    notes = {"note_zh_hans": "更正数据。", "note_en": "Figure corrected.", "_publish": ""}
    response = post_form(publisher, f"/admin/bluepaper/finding/corrections/{change.pk}/", {**texts, **notes})
    assert response.status_code == 302
    assert found(client, "2,625", "en") == [HIGH_SPEED_RAIL, RAIL_MILEAGE]
    assert found(client, "2624", "en") == []


def test_a_confirmed_import_makes_the_imported_figures_findable(client, publisher):
    indicator = IndicatorFactory(slug="import-test-a", name_en="Imported measure")
    preview = upload(publisher, as_csv([one_row(value="31415.9", status="published")]), "observations.csv")
    confirm(publisher, preview)
    url = indicator.get_absolute_url()
    assert found(client, "31,415.9", "en") == [url.removeprefix("/en")]
    assert found(client, "3.14159万", "zh-hans") == [url]  # as the Chinese table writes it


def test_the_seed_loader_and_the_reindex_command_build_the_index():
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("load_seed", verbosity=0)
    seeded = SearchEntry.objects.count()
    assert seeded > 50
    call_command("search_reindex", verbosity=0)
    assert SearchEntry.objects.count() == seeded


# A fixed number of queries ------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@override_settings(CONTENT_STAMP_SECONDS=60)  # read once a second in production, not per page
def test_a_search_runs_the_same_few_queries_however_much_content_matches(client):
    url = "/en/search/?q=region"  # in the seed, this finds objects of all four kinds
    content_version()
    before = count_queries(client, url)
    chapter = Chapter.objects.published().first()
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    for n in range(15):
        finding = FindingFactory(chapter=chapter, title_en=f"Region finding {n}")
        finding.observations.add(ObservationFactory(indicator=indicator))
        ChallengeFactory(chapter=chapter, title_en=f"Region challenge {n}")
        StrategyFactory(chapter=chapter, title_en=f"Region strategy {n}")
        IndicatorFactory(name_en=f"Region indicator {n}")
    search_reindex_all()
    after = count_queries(client, url)
    results = get(client, "region", "en").context["results"]
    assert len(results.items) > 60
    assert len(found(client, "region", "en")) == 20  # a page of them (website/views.py RESULTS_PER_PAGE)
    assert after == before <= 5 + 2, (before, after)  # + 2: the site notes' index (indicators/templatetags)


def test_an_empty_query_runs_no_search(client):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, "   ")
    assert not any("core_searchentry" in query["sql"] for query in queries)
    html = response.content.decode()
    assert "输入要搜索的词或数字" in html
    assert 'id="results-heading"' not in html


# Bad input: a quick, clear answer, never a 500 ----------------------------------------------


def test_the_search_page_without_a_query_shows_the_form_and_examples(client):
    html = client.get("/search/").content.decode()
    assert '<input type="search" id="search-q" name="q" value=""' in html
    assert "?q=%E4%BA%BA%E5%8F%A3" in html  # an example: 人口
    assert "输入要搜索的词或数字" not in html  # no complaint before anything was asked


def test_a_very_long_query_is_cut_and_the_reader_told(client):
    started = time.monotonic()
    response = get(client, "铁路" + "x" * 9_998, "en")
    assert time.monotonic() - started < 2
    html = response.content.decode()
    assert f"only its first {MAX_QUERY_LENGTH} characters were used" in html
    value = re.search(r'id="search-q" name="q" value="([^"]*)"', html).group(1)
    assert len(value) == MAX_QUERY_LENGTH
    # A long query of many different words: cut to its first characters, then its first words.
    html = get(client, "铁路 " + " ".join(f"w{n}" for n in range(3_000))).content.decode()
    assert "只使用了前 100 个字符" in html and "只使用了搜索内容的前 10 个词" in html


@pytest.mark.parametrize(
    "q",
    ["%", "_", "'", '"', "\\", ";--", "'; DROP TABLE core_searchentry;--", ".*", "(", "[", "[a-z]+", "*", "?",
     "\x00", "铁\x00路", "\x01\x02\x1f\x7f", "\t\n\r", "\u200b", "\ufeff", "%_%", "\\%", "$1", "^"],
)  # fmt: skip
@pytest.mark.parametrize("language", LANGUAGES)
def test_metacharacters_are_searched_for_literally_and_never_break_the_page(client, q, language):
    response = client.get(f"{PREFIX[language]}/search/", {"q": q})
    assert response.status_code == 200
    assert SearchEntry.objects.exists()  # the table is still there


def test_sql_wildcards_match_only_themselves(client):
    # "%" occurs only where a share is written (82.1%); "_" occurs nowhere.
    shares = [TIANJIN_CHAINS, "/indicators/key-chains-industrial-value-share/"]
    assert sorted(found(client, "%", "en")) == sorted(shares)
    assert found(client, "_", "en") == []
    assert found(client, "%_%", "en") == []
    assert found(client, ".*", "en") == []


@pytest.mark.parametrize("raw", ["%00", "%ED%A0%80", "%FF%FE", "%C0%AF", "%25", "%E4%BA"])
def test_undecodable_bytes_in_the_address_never_break_the_page(client, raw):
    assert client.get(f"/search/?q={raw}").status_code == 200
    assert client.get(f"/en/search/?q=%E9%93%81{raw}%E8%B7%AF").status_code == 200


def test_control_characters_are_treated_as_spaces(client):
    assert found(client, "人口\x00铁路") == []  # two words, both required
    assert found(client, "人\u200b口") == found(client, "人口")  # an invisible character is dropped
