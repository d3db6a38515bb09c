"""Observations to and from spreadsheets (django-import-export).

One row is one observation, keyed by indicator, region, period kind and year, so importing a
file again updates what it imported before instead of adding copies, and a row that would
change nothing is skipped without a save (and so without a new version). Every cell is read
strictly: anything the import cannot take exactly as written is an error naming its row and
column, and one error anywhere means nothing is written.
"""

import csv
import io
import re
from decimal import Decimal

import tablib
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV
from import_export.instance_loaders import ModelInstanceLoader
from import_export.resources import Diff
from import_export.results import Result

from core import workflow
from core.models import PendingChange
from core.publishing import Status
from core.services import batch, content_check, content_save

from .models import Hedge, Indicator, Observation, PeriodKind, Qualifier, Region, Source

# A plain decimal number: digits, at most one decimal point, an optional minus sign. Thousands
# separators, units, percent signs and exponents are refused rather than guessed at.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
YEAR = re.compile(r"[0-9]{4}")
KEY_COLUMNS = ("indicator", "region", "period_kind", "period_year")
COLUMNS = (
    "indicator", "region", "period_kind", "period_year",
    "value", "value_text_zh_hans", "value_text_en", "qualifier", "hedge",
    "source", "locator", "note_zh_hans", "note_en", "status",
)  # fmt: skip

# The words Chinese spreadsheets use for each code; an import takes either, an export in the
# Chinese admin writes the words. Fixed here, not translated: a file must import the same way
# whatever language the admin that reads it is in.
CHINESE_WORDS = {
    PeriodKind: {"year": "年度", "year_end": "年末", "since": "以来", "cumulative": "累计"},
    Qualifier: {"exact": "精确", "about": "约", "more_than": "超过", "nearly": "近"},
    Status: {"draft": "草稿", "review": "审核中", "published": "已发布", "archived": "已归档"},
    Hedge: {"none": "确定", "projection": "预计", "estimate": "估计"},
}
# Other words Chinese editors write for the same codes.
CHINESE_SYNONYMS = {
    PeriodKind: {"年": "year", "年份": "year", "年底": "year_end", "截至年底": "year_end", "至今累计": "cumulative"},
    Qualifier: {"约为": "about", "大约": "about", "逾": "more_than", "接近": "nearly", "将近": "nearly"},
    Status: {"审核": "review", "待审核": "review", "发布": "published", "归档": "archived"},
    Hedge: {"无": "none", "预测": "projection", "估算": "estimate"},
}


def writes_chinese() -> bool:
    """Whether files are written for a Chinese reader: the admin's language is Chinese."""
    return (translation.get_language() or settings.LANGUAGE_CODE).lower().startswith("zh")


def normal_header(text) -> str:
    """A header cell compared loosely: any case, half- or full-width brackets, no spaces."""
    text = "" if text is None else str(text)
    return re.sub(r"\s+", "", text.replace("（", "(").replace("）", ")")).lower()


def chinese_header(column: str) -> str:
    """The Chinese header of a column: the field's label, as on the admin's form ("时期")."""
    with translation.override("zh-hans"):
        return str(Observation._meta.get_field(column).verbose_name)


def column_header(column: str) -> str:
    """The header a file has for `column` in the admin's language: Chinese words, or the code."""
    return chinese_header(column) if writes_chinese() else column


def header_codes() -> dict[str, str]:
    """Every header an import accepts, loosely compared, mapped to its column's code."""
    codes = {normal_header(code): code for code in COLUMNS}
    codes.update({normal_header(chinese_header(code)): code for code in COLUMNS})
    return codes


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def describe_choices(choices):
    """Return "code (label), …" for a set of model choices; "词（code）、…" in Chinese."""
    if writes_chinese():
        return "、".join(f"{CHINESE_WORDS[choices][value]}（{value}）" for value in choices.values)
    return ", ".join(f"{value} ({label})" for value, label in choices.choices)


def plain_decimal(value: Decimal) -> str:
    """Write a decimal without exponent or trailing zeros: 12935000.000000 → "12935000"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class LookupWidget(widgets.CachedForeignKeyWidget):
    """Find a related object by an exact text key (a slug, a title), loaded once per import."""

    def __init__(self, model, field, *, missing=None, not_found, ambiguous=None):
        super().__init__(model, field)
        self.missing = missing  # None: the cell may be empty
        self.not_found = not_found
        self.ambiguous = ambiguous or not_found

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.missing:
                raise ValidationError(self.missing)
            return None
        text = str(value).strip()
        try:
            return self.get_instance_by_lookup_fields(text, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValidationError(self.not_found, params={"value": text}) from None
        except self.model.MultipleObjectsReturned:
            raise ValidationError(self.ambiguous, params={"value": text}) from None


class ChoiceWidget(widgets.CharWidget):
    """Read one of a fixed set of codes, or its Chinese word (case and surrounding spaces
    ignored); write the code, or the Chinese word in the Chinese admin."""

    def __init__(self, choices, *, unknown, missing=None):
        super().__init__(allow_blank=False)
        self.choices = choices
        self.unknown = unknown
        self.missing = missing  # None: an empty cell leaves the field to its default

    def code_for(self, text):
        """The code a cell means: the code itself, a Chinese word, or a label in either language."""
        words = {code: code for code in self.choices.values}
        words.update({word: code for code, word in CHINESE_WORDS[self.choices].items()})
        words.update(CHINESE_SYNONYMS[self.choices])
        for language in ("zh-hans", "en"):
            with translation.override(language):
                words.update({str(label).lower(): code for code, label in self.choices.choices})
        return words.get(text.lower())

    def render(self, value, obj=None, **kwargs):
        if value and writes_chinese():
            return CHINESE_WORDS[self.choices].get(value, value)
        return super().render(value, obj, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.missing:
                raise ValidationError(self.missing, params={"choices": describe_choices(self.choices)})
            return None
        code = self.code_for(str(value).strip())
        if code is None:
            params = {"value": str(value).strip(), "choices": describe_choices(self.choices)}
            raise ValidationError(self.unknown, params=params)
        return code


class ExactNumberWidget(widgets.DecimalWidget):
    """Read a figure exactly as written; never round it, never guess at a format."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, float):  # a spreadsheet's number cell: its shortest exact spelling
            return Decimal(repr(value))
        text = str(value).strip()
        if not PLAIN_NUMBER.fullmatch(text):
            raise ValidationError(
                _(
                    "“%(value)s” is not a number. Write digits and at most one decimal point, "
                    "e.g. 12935000 or 82.1: no thousands separators, units or percent signs."
                ),
                params={"value": text},
            )
        return Decimal(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):  # XLSX: a number cell
            return value
        return plain_decimal(value)


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if not YEAR.fullmatch(text):
            raise ValidationError(
                _("“%(value)s” is not a year. Write the year as four digits, e.g. 2023."),
                params={"value": text},
            )
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


def text_field(name):
    return fields.Field(attribute=name, column_name=name, widget=widgets.CharWidget(allow_blank=True))


class ObservationLoader(ModelInstanceLoader):
    """Find the stored observation a row describes; a row whose key cells are wrong is new,
    and the import then reports each wrong cell by column."""

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValidationError:
            return None
        except Observation.MultipleObjectsReturned:
            raise ValidationError(
                _(
                    "More than one observation is stored for this indicator, region and period. "
                    "Merge them in the admin before importing this row."
                )
            ) from None


class SpreadsheetResult(Result):
    """Number rows as a spreadsheet shows them: the header is row 1, the first data row is 2."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)


def csv_as_utf8(data: bytes) -> bytes:
    """Return CSV bytes as UTF-8. Excel on Chinese Windows saves CSV in GB18030 (GBK)."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030").encode("utf-8")
        except UnicodeDecodeError:
            return data  # neither: the reader reports the file as unreadable
    return data


class LineKeepingCSV(CSV):
    """CSV whose empty lines stay rows (tablib drops them, shifting every later row number)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        header, *rows = list(csv.reader(io.StringIO(in_stream, newline=""))) or [[]]
        dataset = tablib.Dataset(headers=header)
        for row in rows:
            dataset.append(row + [""] * (len(header) - len(row)))  # a longer row: "unreadable"
        return dataset


INLINE_STYLE = re.compile(r'<(ins|del) style="[^"]*">')


class StylesheetDiff(Diff):
    """The preview's changes marked with bare <ins> and <del>, coloured by import.css: the
    inline styles diff-match-patch adds are refused by the site's Content Security Policy."""

    def as_html(self):
        # Safe: diff-match-patch has escaped the cell text; only its own tags are touched here.
        return [mark_safe(INLINE_STYLE.sub(r"<\1>", html)) for html in super().as_html()]  # noqa: S308


class ImportFileError(Exception):
    """The file as a whole cannot be imported (its columns are wrong)."""


class ObservationResource(resources.ModelResource):
    indicator = fields.Field(
        attribute="indicator",
        column_name="indicator",
        widget=LookupWidget(
            Indicator,
            "slug",
            missing=_("Give the indicator's slug, e.g. resident-population."),
            not_found=_("No indicator has the slug “%(value)s”. Use a slug from the list of indicators."),
        ),
    )
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=LookupWidget(
            Region,
            "slug",
            missing=_("Give the region's slug, e.g. beijing."),
            not_found=_("No region has the slug “%(value)s”. Use a slug from the list of regions."),
        ),
    )
    period_kind = fields.Field(
        attribute="period_kind",
        column_name="period_kind",
        widget=ChoiceWidget(
            PeriodKind,
            missing=_("Give the kind of period, one of: %(choices)s."),
            unknown=_("“%(value)s” is not a kind of period. Use one of: %(choices)s."),
        ),
    )
    period_year = fields.Field(attribute="period_year", column_name="period_year", widget=YearWidget())
    value = fields.Field(attribute="value", column_name="value", widget=ExactNumberWidget())
    value_text_zh_hans = text_field("value_text_zh_hans")
    value_text_en = text_field("value_text_en")
    qualifier = fields.Field(
        attribute="qualifier",
        column_name="qualifier",
        default=Qualifier.EXACT,
        widget=ChoiceWidget(Qualifier, unknown=_("“%(value)s” is not a qualifier. Use one of: %(choices)s.")),
    )
    hedge = fields.Field(
        attribute="hedge",
        column_name="hedge",
        default=Hedge.NONE,
        widget=ChoiceWidget(Hedge, unknown=_("“%(value)s” is not a hedge. Use one of: %(choices)s.")),
    )
    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=LookupWidget(
            Source,
            "title_zh_hans",
            not_found=_(
                "No source has exactly the Chinese title “%(value)s”. Copy the title from the "
                "list of sources, or leave the cell empty."
            ),
            ambiguous=_(
                "More than one source has the title “%(value)s”. Give them different titles in the admin first."
            ),
        ),
    )
    locator = text_field("locator")
    note_zh_hans = text_field("note_zh_hans")
    note_en = text_field("note_en")
    # An empty status cell keeps the stored status (a new row starts as a draft).
    status = fields.Field(
        attribute="status",
        column_name="status",
        saves_null_values=False,
        widget=ChoiceWidget(Status, unknown=_("“%(value)s” is not a status. Use one of: %(choices)s.")),
    )

    class Meta:
        model = Observation
        name = _("Observations")
        fields = COLUMNS
        import_id_fields = KEY_COLUMNS
        instance_loader_class = ObservationLoader
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.file_refused = False
        self.writer, self.reason = None, ""
        self.rows_by_key = {}  # (indicator, region, period kind, year) → first row giving it
        self.row_number = None
        self.corrections = []  # (spreadsheet row, pending change): cited figures held as corrections

    @classmethod
    def get_result_class(cls):
        return SpreadsheetResult

    @classmethod
    def get_diff_class(cls):
        return StylesheetDiff

    def import_data(self, dataset, dry_run=False, **kwargs):
        # Each row is written through the services; the search index is rebuilt once per object.
        with batch(index=not dry_run):
            return super().import_data(dataset, dry_run=dry_run, **kwargs)

    # The file -----------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        """Accept headers as codes or in Chinese, in any case; refuse a file whose columns are
        missing or unknown."""
        codes = header_codes()
        given = ["" if h is None else str(h).strip() for h in dataset.headers]
        dataset.headers = [codes.get(normal_header(h), h.lower()) for h in given]
        missing = [c for c in KEY_COLUMNS if c not in dataset.headers]
        unknown = [given[n] for n, h in enumerate(dataset.headers) if h and h not in self._meta.fields]
        problems = []
        if missing:
            columns = ", ".join(column_header(c) for c in missing)
            problems.append(_("The file lacks the columns: %(columns)s.") % {"columns": columns})
        if unknown:
            problems.append(
                _("The file has columns this import does not know: %(columns)s.") % {"columns": ", ".join(unknown)}
            )
        if problems:
            self.file_refused = True  # its rows would only repeat the problem
            columns = ", ".join(column_header(c) for c in self._meta.fields)
            problems.append(_("The columns are: %(columns)s.") % {"columns": columns})
            raise ImportFileError(" ".join(str(problem) for problem in problems))

    def get_export_headers(self, selected_fields=None):
        # Column codes in English, the fields' labels in Chinese: both import back.
        return [column_header(code) for code in super().get_export_headers(selected_fields)]

    def get_diff_headers(self):
        return [column_header(code) for code in super().get_diff_headers()]

    def import_row(self, row, instance_loader, **kwargs):
        if self.file_refused or all(is_blank(value) for value in row.values()):
            # Empty lines (spreadsheets keep some) are neither counted nor reported.
            return self.get_row_result_class()()
        return super().import_row(row, instance_loader, **kwargs)

    # One row ------------------------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        """Read every cell, collecting each cell's error by column, then apply the workflow."""
        user = kwargs.get("user") or AnonymousUser()
        stored_status = instance.status
        before = None if workflow.may_edit(user, instance) else self.comparable(instance)
        errors = {}
        for field in self.get_import_fields():
            try:
                self.import_field(field, instance, row, **kwargs)
            except ValidationError as error:
                errors[field.column_name] = error.error_list
        if "status" not in errors:
            errors.update(self.workflow_errors(user, instance, stored_status, before))
        if "value" not in errors:
            errors.update(self.words_errors(instance))
        errors.update(self.repeated_key_errors(instance, kwargs["row_number"], errors))
        if errors:
            raise ValidationError(errors)

    def workflow_errors(self, user, instance, stored_status, before):
        """An editor may neither give a publisher's status nor change published figures."""
        allowed = workflow.allowed_statuses(user, Observation, stored_status)
        if instance.status not in allowed:
            message = _("Only a publisher can set the status “%(status)s”. You can use: %(allowed)s.")
            return {
                "status": [ValidationError(message, params={"status": instance.status, "allowed": ", ".join(allowed)})]
            }
        if before is not None and self.comparable(instance) != before:
            message = _("This observation is %(status)s: only a publisher can change it.")
            status = str(Status(stored_status).label).lower()
            return {NON_FIELD_ERRORS: [ValidationError(message, params={"status": status})]}
        return {}

    def words_errors(self, instance):
        """A figure in words needs its Chinese words: Chinese is the site's default language."""
        if instance.value is None and instance.value_text_en and not instance.value_text_zh_hans:
            message = _(
                "Words in English alone are not enough: write them in Chinese in %(column)s too, or give a number."
            )
            return {"value": [ValidationError(message, params={"column": column_header("value_text_zh_hans")})]}
        return {}

    def repeated_key_errors(self, instance, row_number, errors):
        """Refuse a second row for the same indicator, region and period in one file."""
        if any(column in errors for column in KEY_COLUMNS):
            return {}
        key = (instance.indicator_id, instance.region_id, instance.period_kind, instance.period_year)
        first = self.rows_by_key.setdefault(key, row_number)
        if first == row_number:
            return {}
        # Spreadsheet numbering, as in SpreadsheetResult: the header is row 1.
        params = {"first": first + 1, "row": row_number + 1}
        message = _("Rows %(first)s and %(row)s give the same indicator, region and period: keep one.")
        return {NON_FIELD_ERRORS: [ValidationError(message, params=params)]}

    def comparable(self, instance):
        """The row's values as the file sees them; an empty text and no text are the same."""
        return ["" if (value := field.get_value(instance)) is None else value for field in self.get_import_fields()]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None or not self._meta.skip_unchanged:
            return False
        return self.comparable(instance) == self.comparable(original)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Add the model's own checks; an error already found in a cell is the one reported."""
        errors = dict(import_validation_errors or {})
        try:
            # The model's checks (and its database constraint) read the untranslated column,
            # which holds the default language's text when saved as below.
            with translation.override(settings.LANGUAGE_CODE):
                instance.full_clean(exclude=list(errors), validate_unique=validate_unique)
        except ValidationError as error:
            for column, error_list in error.error_dict.items():
                errors.setdefault(column, error_list)
        if "status" not in errors:
            try:  # the write path's rules, e.g. a figure that public findings cite stays published
                content_check(instance=instance)
            except ValidationError as error:
                errors["status"] = error.error_list
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        self.writer = kwargs.get("user")
        self.reason = f"Imported from {kwargs.get('file_name') or 'a file'}"
        self.row_number = kwargs.get("row_number")

    def do_instance_save(self, instance, is_create):
        # Every row goes through the one write path: permission, version, search, caches.
        # modeltranslation copies the active language's text into the untranslated column on
        # save; an import writes the default language there, as the seed fixtures do.
        save = super().do_instance_save
        with translation.override(settings.LANGUAGE_CODE):
            saved = content_save(
                user=self.writer, instance=instance, reason=self.reason, write=lambda: save(instance, is_create)
            )
        if isinstance(saved, PendingChange):  # public findings cite the figure: held as a correction
            self.corrections.append((self.row_number + 1, saved))  # spreadsheet numbering: the header is row 1

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.corrections = self.corrections

    # Export ------------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("indicator", "region", "source")


def column_guide():
    """What each column takes, for the import page (in the active language): (code, header, help)."""
    helps = {
        "indicator": _("The indicator's slug, as in the list of indicators."),
        "region": _("The region's slug, e.g. beijing, tianjin, hebei, jing-jin-ji."),
        "period_kind": _("One of: %(choices)s.") % {"choices": describe_choices(PeriodKind)},
        "period_year": _("The year, four digits; empty only for a cumulative figure."),
        "value": _("The number exactly as the source gives it, in the indicator's unit, e.g. 12935000."),
        "value_text_zh_hans": _("The figure in Chinese words when the source has no number, e.g. 全部."),
        "value_text_en": _("The same in English, e.g. all."),
        "qualifier": _("One of: %(choices)s. Empty means exact.") % {"choices": describe_choices(Qualifier)},
        "hedge": _("One of: %(choices)s. Empty means stated as fact; “expected to” is a projection.")
        % {"choices": describe_choices(Hedge)},
        "source": _("The source's exact Chinese title, or empty."),
        "locator": _("Where in the source, e.g. [3]."),
        "note_zh_hans": _("A note for readers, in Chinese."),
        "note_en": _("The same note in English."),
        "status": _("One of: %(choices)s. Empty keeps the stored status; new rows start as drafts.")
        % {"choices": describe_choices(Status)},
    }
    return [(code, chinese_header(code), helps[code]) for code in COLUMNS]
