"""Each citation style's exact text, checked by hand against the style's rules (decision 0029).

One seed finding (k5uj8, the 2,624 km of high-speed rail), version 1 published 21 July 2025,
accessed 2 December 2026 (the clock is frozen: the access date is "today in Beijing").
"""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import bibtexparser
import pytest
from django.utils import translation

from core import citations
from core.citations import CitedItem

URL_ZH = "https://bluepaper.example.org/findings/k5uj8/"
URL_EN = "https://bluepaper.example.org/en/findings/k5uj8/"
ZH = CitedItem(
    key="k5uj8",
    language="zh-hans",
    title="综合交通网络基本建成：截至2023年底高速铁路营业里程达2624公里，覆盖全部地级市",
    report="京津冀发展报告2025",
    edition=2025,
    url=URL_ZH,
    date=date(2025, 7, 21),
    version=1,
)
EN = CitedItem(
    key="k5uj8",
    language="en",
    title="Comprehensive transport network largely established: 2,624 km of high-speed rail by the end of 2023, "
    "covering all prefecture-level cities",
    report="Beijing–Tianjin–Hebei Development Report 2025",
    edition=2025,
    url=URL_EN,
    date=date(2025, 7, 21),
    version=1,
)
TITLE_EN = EN.title
AUTHOR_EN = "Beijing–Tianjin–Hebei Development Report website"
REPORT_EN = "Beijing–Tianjin–Hebei Development Report 2025"
# 00:30 on 3 December in Beijing is still 2 December in UTC: the access date is Beijing's.
NOW = datetime(2026, 12, 2, 16, 30, tzinfo=ZoneInfo("UTC"))

EXPECTED_TEXT = {
    ("zh", "gbt7714"): "京津冀发展报告网站. "
    "综合交通网络基本建成：截至2023年底高速铁路营业里程达2624公里，覆盖全部地级市: 版本1[EB/OL]"
    "//京津冀发展报告2025. 2025年版. (2025-07-21)[2026-12-03]. " + URL_ZH + ".",
    ("zh", "apa"): "京津冀发展报告网站. (2025年7月21日). "
    "综合交通网络基本建成：截至2023年底高速铁路营业里程达2624公里，覆盖全部地级市 (版本1). "
    "京津冀发展报告2025 (2025年版). 检索于2026年12月3日, 取自 " + URL_ZH,
    ("zh", "chicago"): "京津冀发展报告网站. 2025. "
    "“综合交通网络基本建成：截至2023年底高速铁路营业里程达2624公里，覆盖全部地级市”. 版本1. "
    "《京津冀发展报告2025》, 2025年版, 2025年7月21日. 访问日期: 2026年12月3日. " + URL_ZH + ".",
    ("en", "gbt7714"): f"{AUTHOR_EN}. {TITLE_EN}: Version 1[EB/OL]//{REPORT_EN}. 2025 ed. "
    f"(2025-07-21)[2026-12-03]. {URL_EN}.",
    ("en", "apa"): f"{AUTHOR_EN}. (2025, July 21). {TITLE_EN} (Version 1). {REPORT_EN} (2025 ed.). "
    f"Retrieved December 3, 2026, from {URL_EN}",
    ("en", "chicago"): f"{AUTHOR_EN}. 2025. “{TITLE_EN}.” Version 1. {REPORT_EN}, 2025 ed., July 21, 2025. "
    f"Accessed December 3, 2026. {URL_EN}.",
}


@pytest.fixture(autouse=True)
def frozen_clock():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


@pytest.mark.parametrize(("language", "style"), EXPECTED_TEXT)
def test_each_style_reads_exactly_as_checked_by_hand(language, style):
    item = ZH if language == "zh" else EN
    assert citations.citation_text(item, style) == EXPECTED_TEXT[language, style]


def test_the_html_italicises_the_english_apa_title_and_the_chicago_report_only():
    html = citations.citations(EN)
    assert html["apa"].startswith(f"{AUTHOR_EN}. (2025, July 21). <i>Comprehensive transport network")
    assert f"<i>{REPORT_EN}</i>, 2025 ed." in html["chicago"]
    assert html["chicago"].count("<i>") == 1 and "<i>" not in html["gbt7714"]
    assert "<i>" not in "".join(citations.citations(ZH).values())  # CJK type is not italicised


def test_titles_are_escaped_in_html_and_verbatim_in_text():
    item = CitedItem(**{**EN.__dict__, "title": 'Rail <b>& "roads"'})
    html = citations.citations(item)
    for style in citations.STYLES:
        assert "<b>" not in html[style] and "Rail &lt;b&gt;&amp; &quot;roads&quot;" in html[style]
    assert 'Rail <b>& "roads"' in citations.citation_text(item, "apa")


def test_a_title_ending_a_sentence_gets_no_second_full_stop():
    item = CitedItem(**{**EN.__dict__, "title": "Is the region catching up?"})
    assert "“Is the region catching up?” Version 1." in citations.citation_text(item, "chicago")


def test_an_item_without_version_number_cites_its_last_update_date_as_the_version():
    item = CitedItem(**{**EN.__dict__, "version": None, "date": date(2026, 11, 30)})
    assert "(Version of November 30, 2026)" in citations.citation_text(item, "apa")
    zh = CitedItem(**{**ZH.__dict__, "version": None, "date": date(2026, 11, 30)})
    assert "覆盖全部地级市: 2026年11月30日版[EB/OL]" in citations.citation_text(zh, "gbt7714")
    assert "(2026-11-30)[2026-12-03]" in citations.citation_text(zh, "gbt7714")


@pytest.mark.parametrize("item", [ZH, EN])
def test_the_bibtex_parses_with_title_url_year_and_access_date(item):
    library = bibtexparser.parse_string(citations.bibtex(item))
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "bluepaper2025-k5uj8" and entry.entry_type == "misc"
    assert entry["title"] == "{" + item.title + "}"  # braced: styles keep its case
    assert entry["url"] == item.url and entry["year"] == "2025" and entry["urldate"] == "2026-12-03"
    assert entry["version"] == "1" and entry["edition"] == "2025"
    assert item.report in entry["howpublished"]


def test_bibtex_special_characters_are_escaped():
    item = CitedItem(**{**EN.__dict__, "title": "Growth of 5% & {more} in #1_place"})
    library = bibtexparser.parse_string(citations.bibtex(item))
    assert library.failed_blocks == []
    assert library.entries[0]["title"] == r"{Growth of 5\% \& \{more\} in \#1\_place}"


@pytest.mark.parametrize("item", [ZH, EN])
def test_the_ris_has_the_required_tags_in_order(item):
    ris = citations.ris(item)
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    tags = dict(line.split("  - ", 1) for line in lines[:-1])
    assert tags["TI"] == item.title and tags["T2"] == item.report and tags["UR"] == item.url
    assert tags["PY"] == "2025" and tags["DA"] == "2025/07/21" and tags["Y2"] == "2026/12/03"
    assert tags["AU"] == citations.corporate("author", item.language)


def test_the_language_of_the_page_chooses_the_corporate_names():
    with translation.override("en"):
        assert citations.cited_item(key="k", title="t", report=("r", 2025), path="/en/x/",
                                    moment=NOW).language == "en"  # fmt: skip
    assert citations.corporate("author", "zh-hans") == "京津冀发展报告网站"
    assert citations.corporate("publisher", "en") == "Beijing–Tianjin–Hebei Development Report website"
