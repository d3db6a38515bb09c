"""Editors import observations from CSV and XLSX through the admin's real import forms."""

import csv
import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from core.publishing import Status
from core.tests.admin_forms import csrf_token, logged_in_client
from indicators.models import Indicator, Observation, Region, Source
from indicators.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-passphrase"
IMPORT_URL = "/admin/indicators/observation/import/"
CONFIRM_URL = "/admin/indicators/observation/process_import/"
EXPORT_URL = "/admin/indicators/observation/export/"
COLUMNS = [
    "indicator", "region", "period_kind", "period_year", "value", "value_text_zh_hans",
    "value_text_en", "qualifier", "hedge", "source", "locator", "note_zh_hans", "note_en", "status",
]  # fmt: skip
REGIONS = ["beijing", "tianjin", "hebei", "jing-jin-ji"]
SEED_SOURCE = "京津冀发展报告2025:非首都功能疏解见效,区域均衡仍存短板"


# A browser-like editor ------------------------------------------------------------------------


@pytest.fixture
def indicators():
    """Two new indicators, so that 2 × 4 regions × 25 years are 200 observations not yet stored."""
    return [IndicatorFactory(slug="import-test-a"), IndicatorFactory(slug="import-test-b")]


def upload(client, content, name, file_format="csv"):
    """Choose a file and its format on the import form and submit it; return the preview."""
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    text = page.content.decode()
    option = re.search(rf'<option value="(\d+)">{file_format}</option>', text)
    assert option, f"the import form offers no {file_format}"
    data = {
        "csrfmiddlewaretoken": csrf_token(text),
        "resource": "0",
        "format": option.group(1),
        "import_file": SimpleUploadedFile(name, content),
    }
    response = client.post(IMPORT_URL, data)
    assert response.status_code == 200
    return response.content.decode()


def confirm(client, preview):
    """Press "Confirm import" on a preview page."""
    form = re.search(rf'<form action="{CONFIRM_URL}" method="POST">(.*?)</form>', preview, re.S)
    assert form, "the preview offers no confirmation"
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1))
    return client.post(CONFIRM_URL, {name: html.unescape(value) for name, value in fields})


def counts(preview):
    return {kind: int(n) for kind, n in re.findall(r'id="import-count-(\w+)">(\d+)<', preview)}


def errors(preview):
    """The (row, column) of every cell error listed on the page."""
    found = re.findall(r'<li data-row="(\d+)" data-column="(\w+)">', preview)
    return {(int(row), column) for row, column in found}


def error_text(preview):
    items = re.findall(r"<li data-row[^>]*>(.*?)</li>", preview, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


# Files -----------------------------------------------------------------------------------------


def observation_rows(indicator_slugs, years=range(2000, 2025)):
    """One row per indicator, region and year, with every kind of cell filled now and then."""
    rows = []
    for indicator in indicator_slugs:
        for region in REGIONS:
            for year in years:
                n = len(rows)
                in_words = n % 50 == 7  # now and then a figure the source gives in words
                noted = n % 3 == 0
                rows.append(
                    {
                        "indicator": indicator,
                        "region": region,
                        "period_kind": "year",
                        "period_year": str(year),
                        "value": "" if in_words else f"{1000 + n}.{n % 10}5",
                        "value_text_zh_hans": "全部" if in_words else "",
                        "value_text_en": "all" if in_words else "",
                        "qualifier": ["exact", "about", "more_than", "nearly", ""][n % 5],
                        "hedge": ["none", "projection", "estimate", ""][n % 4],
                        "source": SEED_SOURCE if n % 2 else "",
                        "locator": f"[{n % 7}]",
                        "note_zh_hans": "导入测试" if noted else "",
                        "note_en": "import test" if noted else "",
                        "status": "draft" if n % 4 == 0 else "",
                    }
                )
    return rows


def as_csv(rows, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def one_row(**overrides):
    return {**observation_rows(["import-test-a"], years=[2024])[0], **overrides}


def history_count():
    return Observation.history.count()


# The 200-row round trip --------------------------------------------------------------------


def test_a_file_with_three_bad_rows_writes_nothing_and_names_each_bad_row(editor, indicators):
    rows = observation_rows(["import-test-a", "import-test-b"])
    assert len(rows) == 200
    rows[17]["indicator"] = "no-such-indicator"
    rows[88]["value"] = "12,9x5"
    rows[150]["period_year"] = ""  # a yearly figure without its year
    stored, versions = Observation.objects.count(), history_count()

    preview = upload(editor, as_csv(rows), "observations.csv")

    # Spreadsheet rows: the header is row 1, so data row i (from 0) is row i + 2.
    assert errors(preview) == {(19, "indicator"), (90, "value"), (152, "period_year")}
    messages = error_text(preview)
    assert "Row 19, column indicator: No indicator has the slug “no-such-indicator”." in messages[0]
    assert "“12,9x5” is not a number" in messages[1]
    assert "needs a year" in messages[2]
    assert counts(preview)["invalid"] == 3
    assert "process_import" not in preview, "a file with errors must not be offered for import"
    assert Observation.objects.count() == stored
    assert history_count() == versions


def test_the_corrected_file_writes_200_and_the_same_file_again_writes_nothing(editor, indicators):
    rows = observation_rows(["import-test-a", "import-test-b"])
    content = as_csv(rows)
    stored, versions = Observation.objects.count(), history_count()

    preview = upload(editor, content, "observations.csv")
    assert counts(preview) == {"new": 200, "update": 0, "skip": 0, "invalid": 0}
    assert Observation.objects.count() == stored, "the preview writes nothing"
    response = confirm(editor, preview)
    assert response.status_code == 302 and response["Location"] == "/admin/indicators/observation/"

    imported = Observation.objects.filter(indicator__in=indicators)
    assert imported.count() == 200 and Observation.objects.count() == stored + 200
    assert set(imported.values_list("status", flat=True)) == {Status.DRAFT}
    assert history_count() == versions + 200
    first = imported.get(indicator__slug="import-test-a", region__slug="beijing", period_year=2000)
    assert first.value == Decimal("1000.05") and first.qualifier == "exact" and first.locator == "[0]"
    second = imported.get(indicator__slug="import-test-a", region__slug="beijing", period_year=2001)
    assert second.source == Source.objects.get(title_zh_hans=SEED_SOURCE) and second.qualifier == "about"
    in_words = imported.get(indicator__slug="import-test-a", region__slug="beijing", period_year=2007)
    assert in_words.value is None and (in_words.value_text_zh_hans, in_words.value_text_en) == ("全部", "all")
    assert LogEntry.objects.filter(user=editor.user).count() == 200

    again = upload(editor, content, "observations.csv")
    assert counts(again) == {"new": 0, "update": 0, "skip": 200, "invalid": 0}
    assert confirm(editor, again).status_code == 302
    assert Observation.objects.count() == stored + 200
    assert history_count() == versions + 200, "an unchanged row must not make a new version"

    for row in rows[:3]:
        row["value"] = "7"
    changed = upload(editor, as_csv(rows), "observations.csv")
    assert counts(changed) == {"new": 0, "update": 3, "skip": 197, "invalid": 0}
    confirm(editor, changed)
    assert history_count() == versions + 203
    assert imported.filter(value=7).count() == 3


def test_an_xlsx_workbook_imports_numbers_and_empty_cells_exactly(editor, indicators):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append(["import-test-a", "tianjin", "year", 2024, 82.1, None, None, "exact", "projection", SEED_SOURCE, "[4]",
                  None, None, None])  # fmt: skip
    sheet.append(["import-test-a", "jing-jin-ji", "cumulative", None, 49000, None, None, "more_than", None, None, "[3]",
                  "累计", "cumulative", "review"])  # fmt: skip
    sheet.append(["import-test-b", "hebei", "year_end", 2023, None, "全部", "all", None, None, None, None, None,
                  None, None])  # fmt: skip
    sheet.append([None] * len(COLUMNS))  # spreadsheets keep empty rows at the end
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(editor, buffer.getvalue(), "observations.xlsx", "xlsx")
    assert counts(preview) == {"new": 3, "update": 0, "skip": 0, "invalid": 0}
    confirm(editor, preview)

    share = Observation.objects.get(indicator__slug="import-test-a", region__slug="tianjin")
    assert (share.value, share.period_year, share.source.pk) == (Decimal("82.1"), 2024, 1)
    cumulative = Observation.objects.get(indicator__slug="import-test-a", region__slug="jing-jin-ji")
    assert (cumulative.period_kind, cumulative.period_year, cumulative.value) == ("cumulative", None, 49000)
    assert (cumulative.status, cumulative.note_en) == (Status.REVIEW, "cumulative")
    words = Observation.objects.get(indicator__slug="import-test-b")
    assert (words.value, words.value_text_zh_hans, words.qualifier) == (None, "全部", "exact")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imports_back_with_no_change(editor, indicators, file_format):
    editor_rows = observation_rows(["import-test-a"], years=[2020, 2021])
    confirm(editor, upload(editor, as_csv(editor_rows), "some.csv"))
    # Saved outside the import, its empty texts are NULL: they export as empty cells all the same.
    untranslated = ObservationFactory(indicator=indicators[1], region=Region.objects.get(slug="hebei"), source=None)
    assert untranslated.value_text_en is None and untranslated.note_zh_hans is None
    page = editor.get(EXPORT_URL).content.decode()
    option = re.search(rf'<option value="(\d+)">{file_format}</option>', page).group(1)
    exported = editor.post(EXPORT_URL, {"csrfmiddlewaretoken": csrf_token(page), "resource": "0", "format": option})
    assert exported.status_code == 200
    assert f".{file_format}" in exported["Content-Disposition"]
    if file_format == "csv":
        lines = exported.content.decode("utf-8-sig").splitlines()
        assert lines[0] == ",".join(COLUMNS)
        assert f'resident-population,beijing,year,2014,12935000,,,exact,none,"{SEED_SOURCE}",[3],,,published' in lines

    versions = history_count()
    preview = upload(editor, exported.content, f"export.{file_format}", file_format)
    assert counts(preview) == {"new": 0, "update": 0, "skip": Observation.objects.count(), "invalid": 0}
    confirm(editor, preview)
    assert history_count() == versions


# The workflow: only publishers publish ----------------------------------------------------------


def test_an_editor_importing_a_published_status_gets_a_row_error(editor, indicators):
    content = as_csv([one_row(status="draft"), one_row(period_year="2023", status="published")])
    preview = upload(editor, content, "observations.csv")
    assert errors(preview) == {(3, "status")}
    assert "Only a publisher can set the status “published”. You can use: draft, review." in error_text(preview)[0]
    assert not Observation.objects.filter(indicator__in=indicators).exists()


def test_a_publisher_imports_a_published_observation(publisher, indicators):
    preview = upload(publisher, as_csv([one_row(status="published")]), "observations.csv")
    assert counts(preview)["new"] == 1
    confirm(publisher, preview)
    imported = Observation.objects.get(indicator__slug="import-test-a")
    assert imported.status == Status.PUBLISHED and imported.published_at is not None


def test_an_editor_cannot_change_a_published_observation_by_import(editor):
    seed_row = {
        "indicator": "resident-population", "region": "beijing", "period_kind": "year", "period_year": "2014",
        "value": "12935001",
    }  # fmt: skip
    preview = upload(editor, as_csv([seed_row]), "observations.csv")
    assert "Row 2: This observation is published: only a publisher can change it." in error_text(preview)
    assert Observation.objects.get(indicator__slug="resident-population", period_year=2014).value == 12935000


def test_a_user_without_observation_permissions_can_neither_import_nor_export():
    client = logged_in_client("staff-only")
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_editors_find_import_and_export_on_the_observation_list(editor):
    page = editor.get("/admin/indicators/observation/").content.decode()
    assert re.search(rf"href=[\'\"]{IMPORT_URL}[\'\"]", page), "no import link"
    assert re.search(rf"href=[\'\"]{EXPORT_URL}[?\'\"]", page), "no export link"


# Each kind of bad cell, by row and column -----------------------------------------------------


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("indicator", "no-such", "No indicator has the slug “no-such”."),
        ("indicator", "", "Give the indicator's slug"),
        ("region", "atlantis", "No region has the slug “atlantis”."),
        ("period_kind", "decade", "“decade” is not a kind of period. Use one of: year (in a year),"),
        ("period_year", "", "This kind of period needs a year."),
        ("period_year", "20x4", "“20x4” is not a year."),
        ("value", "12,935", "“12,935” is not a number."),
        ("value", "82.1%", "“82.1%” is not a number."),
        ("qualifier", "roughly", "“roughly” is not a qualifier. Use one of: exact (exact), about (about),"),
        ("source", "不存在的来源", "No source has exactly the Chinese title “不存在的来源”."),
        ("status", "live", "“live” is not a status."),
    ],
)
def test_a_bad_cell_is_reported_by_row_and_column_in_plain_words(editor, indicators, column, cell, message):
    content = as_csv([one_row(), one_row(**{"period_year": "2023", column: cell})])
    preview = upload(editor, content, "observations.csv")
    assert errors(preview) == {(3, column)}
    assert message in error_text(preview)[0]
    assert "process_import" not in preview
    assert not Observation.objects.filter(indicator__in=indicators).exists()


def test_a_row_with_neither_a_number_nor_chinese_words_is_refused(editor, indicators):
    rows = [
        one_row(value="", value_text_zh_hans="", value_text_en=""),
        one_row(period_year="2023", value="", value_text_zh_hans="", value_text_en="all"),
    ]
    preview = upload(editor, as_csv(rows), "observations.csv")
    assert errors(preview) == {(2, "value"), (3, "value")}
    first, second = error_text(preview)
    assert "Give the value as a number, or in words" in first
    assert "Words in English alone are not enough" in second


def test_two_rows_for_the_same_observation_are_refused(editor, indicators):
    preview = upload(editor, as_csv([one_row(), one_row(value="5"), one_row()]), "observations.csv")
    texts = error_text(preview)
    assert "Row 3: Rows 2 and 3 give the same indicator, region and period: keep one." in texts
    assert "Row 4: Rows 2 and 4 give the same indicator, region and period: keep one." in texts
    assert not Observation.objects.filter(indicator__in=indicators).exists()


def test_empty_lines_are_ignored_and_rows_keep_their_spreadsheet_numbers(editor, indicators):
    blank = dict.fromkeys(COLUMNS, "")
    rows = [one_row(), blank, one_row(period_year="2023", region="atlantis"), blank]
    preview = upload(editor, as_csv(rows), "observations.csv")
    assert errors(preview) == {(4, "region")}
    assert counts(preview) == {"new": 1, "update": 0, "skip": 0, "invalid": 1}


def test_a_blank_line_in_a_csv_keeps_the_row_numbers_right(editor, indicators):
    lines = as_csv([one_row(), one_row(period_year="2023", region="atlantis")]).decode().splitlines()
    content = "\r\n".join([lines[0], lines[1], "", lines[2]]).encode()
    assert errors(upload(editor, content, "observations.csv")) == {(4, "region")}


def test_a_file_with_wrong_columns_is_refused_as_a_whole(editor, indicators):
    rows = [{**{key.upper(): value for key, value in one_row().items()}, "valeu": "1"}]
    del rows[0]["PERIOD_YEAR"]
    preview = upload(editor, as_csv(rows), "observations.csv")
    assert "The file lacks the columns: period_year." in preview
    assert "The file has columns this import does not know: valeu." in preview
    assert "process_import" not in preview
    assert not Observation.objects.filter(indicator__in=indicators).exists()


def test_a_csv_saved_by_chinese_excel_in_gb18030_is_read(editor, indicators):
    content = as_csv([one_row(value="", value_text_zh_hans="全部", note_zh_hans="中文说明")], encoding="gb18030")
    confirm(editor, upload(editor, content, "observations.csv"))
    imported = Observation.objects.get(indicator__slug="import-test-a")
    assert (imported.value_text_zh_hans, imported.note_zh_hans) == ("全部", "中文说明")


def test_nothing_is_written_when_the_file_fails_at_confirmation(editor, indicators):
    preview = upload(editor, as_csv(observation_rows(["import-test-a", "import-test-b"])), "observations.csv")
    assert counts(preview)["new"] == 200
    Indicator.objects.filter(slug="import-test-b").update(slug="renamed-meanwhile")
    response = confirm(editor, preview)
    assert response.status_code == 302 and response["Location"] == IMPORT_URL
    assert not Observation.objects.filter(indicator__in=indicators).exists()
    assert "Nothing was imported" in editor.get(IMPORT_URL).content.decode()


def test_the_import_page_speaks_chinese_to_a_chinese_editor(indicators):
    client = logged_in_client("bianji", "Editors", language="zh-hans")
    form = client.get(IMPORT_URL).content.decode()
    assert "每一行是一条观测数据" in form
    preview = upload(client, as_csv([one_row(), one_row(period_year="2023", indicator="no-such")]), "数据.csv")
    assert "第 3 行，<code>指标</code> 列：" in preview
    assert "没有网址别名（slug）为“no-such”的指标。" in html.unescape(preview)
    assert re.search(r"<th scope=\"row\">新增</th><td id=\"import-count-new\">1</td>", preview)


# Chinese headers and words ---------------------------------------------------------------------

CHINESE_HEADERS = {
    "indicator": "指标", "region": "地区", "period_kind": "时期", "period_year": "年份", "value": "数值",
    "value_text_zh_hans": "文字数值（中文）", "value_text_en": "文字数值（English）", "qualifier": "限定词",
    "hedge": "确定程度", "source": "来源", "locator": "出处位置", "note_zh_hans": "备注（中文）",
    "note_en": "备注（English）", "status": "状态",
}  # fmt: skip


def in_chinese(row):
    return {CHINESE_HEADERS[column]: value for column, value in row.items()}


@pytest.fixture
def chinese_editor(db):
    return logged_in_client("zh-importer", "Editors", language="zh-hans")


@pytest.mark.parametrize("client_name", ["chinese_editor", "editor"])
def test_chinese_headers_and_words_import_as_the_codes_do(request, indicators, client_name):
    client = request.getfixturevalue(client_name)
    rows = [
        in_chinese(one_row(period_kind="年末", period_year="2023", qualifier="精确", status="草稿")),
        in_chinese(one_row(period_kind="累计", period_year="", qualifier="约", status="审核中")),
        in_chinese(one_row(period_kind="以来", period_year="2014", qualifier="超过", status="")),
        in_chinese(one_row(period_kind="年度", period_year="2024", qualifier="近", status="draft")),
    ]
    rows[1]["备注（English）"] = "cumulative"
    preview = upload(client, as_csv(rows), "观测数据.csv")
    assert counts(preview) == {"new": 4, "update": 0, "skip": 0, "invalid": 0}, error_text(preview)
    confirm(client, preview)
    stored = {
        (o.period_kind, o.period_year): (o.qualifier, o.status)
        for o in Observation.objects.filter(indicator__slug="import-test-a")
    }
    assert stored == {
        ("year_end", 2023): ("exact", Status.DRAFT),
        ("cumulative", None): ("about", Status.REVIEW),
        ("since", 2014): ("more_than", Status.DRAFT),
        ("year", 2024): ("nearly", Status.DRAFT),
    }


def test_headers_may_mix_codes_and_chinese_with_either_bracket(editor, indicators):
    row = one_row()
    mixed = {("时期" if k == "period_kind" else "文字数值(中文)" if k == "value_text_zh_hans" else k): v
             for k, v in row.items()}  # fmt: skip
    preview = upload(editor, as_csv([mixed]), "mixed.csv")
    assert counts(preview)["new"] == 1, error_text(preview)


def test_the_chinese_admin_exports_chinese_headers_and_words_that_import_back(chinese_editor):
    page = chinese_editor.get(EXPORT_URL).content.decode()
    option = re.search(r'<option value="(\d+)">csv</option>', page).group(1)
    exported = chinese_editor.post(
        EXPORT_URL, {"csrfmiddlewaretoken": csrf_token(page), "resource": "0", "format": option}
    )
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(CHINESE_HEADERS.values())
    assert f'resident-population,beijing,年度,2014,12935000,,,精确,确定,"{SEED_SOURCE}",[3],,,已发布' in lines
    assert any(",年末,2023," in line for line in lines)

    versions = history_count()
    preview = upload(chinese_editor, exported.content, "导出.csv")
    assert counts(preview) == {"new": 0, "update": 0, "skip": Observation.objects.count(), "invalid": 0}
    # The preview speaks the editor's language too: Chinese headers and words.
    assert "<th>时期</th>" in preview and "年末" in preview
    confirm(chinese_editor, preview)
    assert history_count() == versions


def test_a_chinese_editor_is_told_the_words_a_cell_takes_in_chinese(chinese_editor, indicators):
    preview = upload(chinese_editor, as_csv([one_row(), one_row(period_year="2023", period_kind="十年")]), "x.csv")
    assert errors(preview) == {(3, "period_kind")}
    text = error_text(preview)[0]
    assert "第 3 行，时期 列：" in text
    assert "年度（year）、年末（year_end）、以来（since）、累计（cumulative）" in text


def test_the_hedge_column_imports_and_exports_and_an_old_file_without_it_still_imports(editor, indicators):
    confirm(editor, upload(editor, as_csv([one_row(hedge="Projection")]), "observations.csv"))
    assert Observation.objects.get(indicator__slug="import-test-a").hedge == "projection"
    old_file = [{key: value for key, value in one_row(period_year="2023").items() if key != "hedge"}]
    confirm(editor, upload(editor, as_csv(old_file), "observations.csv"))
    assert Observation.objects.get(indicator__slug="import-test-a", period_year=2023).hedge == "none"
    preview = upload(editor, as_csv([one_row(period_year="2022", hedge="maybe")]), "observations.csv")
    assert errors(preview) == {(2, "hedge")}
    assert "“maybe” is not a hedge." in error_text(preview)[0]
