"""The search mechanism's parts: normalising, reading a query (with the synonym list), marking matches."""

import pytest

from core.search import MAX_QUERY_LENGTH, MAX_TERMS, highlight, normalize, parse_query, plain_text, snippet


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("2,624 km", "2624 km"),
        ("2624公里", "2624公里"),
        ("12,935,000", "12935000"),
        ("２，６２４", "2624"),  # full-width digits and comma, as Chinese input methods type them
        ("High-Speed RAIL", "high-speed rail"),
        ("1,2 and 3,14 and 1,0000", "1,2 and 3,14 and 1,0000"),  # not thousands groups: kept
        ("Tianjin, 2024, 12", "tianjin, 2024, 12"),
    ],
)
def test_normalize_lowercases_and_drops_thousands_separators(text, normal):
    assert normalize(text) == normal


def terms(raw):
    return tuple(term.text for term in parse_query(raw).terms)


@pytest.mark.django_db
def test_a_query_is_split_into_normalised_words():
    query = parse_query("  高速铁路   2,624 Rail rail ")
    assert query.text == "高速铁路 2,624 Rail rail"
    assert terms(query.text) == ("高速铁路", "2624", "rail")
    assert not query.truncated and not query.terms_dropped


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("高铁里程", ("高铁", "里程")),  # Chinese without spaces, cut into words
        ("铁路里程", ("铁路", "里程")),
        ("高速铁路", ("高速铁路",)),  # a synonym (铁路) inside a longer one is not cut out of it
        ("高速铁路营业里程", ("高速铁路", "营业", "里程")),  # synonyms are taken whole first, jieba cuts the rest
        ("天津的产业链", ("天津", "产业链")),  # a little word like 的 narrows nothing
        ("京津冀协同发展", ("京津冀", "协同发展")),  # the project's own words stay whole
        ("high-speed rail in Hebei", ("high speed rail", "hebei")),  # a phrase of the synonym list is one term
        ("10.948", ("10.948",)),  # a decimal number is one word
        ("82.1%", ("82.1",)),
        ("%", ("%",)),  # symbols alone are searched for as they are
    ],
)
def test_a_query_is_cut_into_words_as_a_reader_means_them(raw, words):
    assert terms(raw) == words


@pytest.mark.django_db
def test_a_word_brings_its_synonyms_from_the_list():
    (term,) = parse_query("高铁").terms
    assert [alt.text for alt in term.alternatives] == ["高铁", "高速铁路", "high speed rail"]


@pytest.mark.django_db
def test_control_and_invisible_characters_never_reach_the_database():
    query = parse_query("人\x00口\t铁\u200b路\ud800")
    assert terms("人\x00口\t铁\u200b路\ud800") == ("人", "口", "铁路")
    assert all(ord(c) >= 32 for c in query.text)


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", "\u200b\ufeff"])
def test_an_empty_query_has_no_terms(raw):
    assert parse_query(raw).terms == ()  # and reads nothing from the database: no mark here


@pytest.mark.django_db
def test_a_long_query_is_cut_and_says_so():
    query = parse_query("x" * 10_000)
    assert len(query.text) == MAX_QUERY_LENGTH and query.truncated
    many = parse_query(" ".join(f"w{n}" for n in range(30)))
    assert len(many.terms) == MAX_TERMS and many.terms_dropped


def test_highlight_marks_the_text_as_written_and_escapes_the_rest():
    assert highlight("<b>2,624 km</b>", ["2624"]) == "&lt;b&gt;<mark>2,624</mark> km&lt;/b&gt;"
    assert highlight("Rail & rail", ["rail"]) == "<mark>Rail</mark> &amp; <mark>rail</mark>"
    assert highlight("a<b", ["<"]) == "a<mark>&lt;</mark>b"


def test_a_snippet_is_cut_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " target " + " ".join(f"after{n}" for n in range(100))
    cut = snippet(text, ["target"])
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>target</mark>" in cut
    assert len(cut) < 200
    assert not cut.startswith("…ord")  # begins at a word


def test_a_snippet_without_a_match_in_the_text_is_its_beginning():
    assert snippet("短文本", ["铁路"]) == "短文本"


def test_plain_text_joins_paragraphs_as_each_language_writes_them():
    assert plain_text("<p>第一段。</p>", "<p>第二段</p>") == "第一段。第二段"
    assert plain_text("<p>One &amp; two.</p>\n\n", "<p>Three</p>") == "One & two. Three"


@pytest.mark.parametrize(
    "text",
    [
        "target" + "文" * 152 + "82.1%（预计）" + "其后的文字" * 10,  # the cut falls inside the number
        "target" + "文" * 149 + "82.1%（预计）" + "其后的文字" * 10,  # … right after it
        "target" + "文" * 151 + "82.1%（预计）" + "其后的文字" * 10,  # … inside the hedge
        "target" + "x" * 143 + " 82.1% (expected) and more words after it" * 3,  # at the space before the hedge
    ],
)
def test_a_snippet_never_cuts_a_figure_from_its_hedge(text):
    cut = str(snippet(text, ["target"]))
    assert "82" in cut
    assert "82.1%（预计）" in cut or "82.1% (expected)" in cut
