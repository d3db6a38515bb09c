from django.contrib import admin, messages
from django.core.files.base import ContentFile
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core import services, workflow
from core.admin import PUBLISHING_FIELDSET, ContentAdmin, ContentInline, PublishableAdmin
from core.admin_forms import LockedForm, WorkflowForm

from .models import Indicator, Observation, Region, SiteNote, Source
from .resources import LineKeepingCSV, ObservationResource, column_guide, csv_as_utf8, plain_decimal


@admin.register(Source)
class SourceAdmin(ContentAdmin, TranslationAdmin, SimpleHistoryAdmin):
    """Sources are shown by public pages: an editor's change to one in use goes to review."""

    form = LockedForm
    list_display = ("title", "publisher", "published_on")
    search_fields = ("title_zh_hans", "title_en", "publisher_zh_hans", "publisher_en")
    date_hierarchy = "published_on"


@admin.register(Region)
class RegionAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("name", "slug", "order", "status")
    list_editable = ("order",)
    search_fields = ("name_zh_hans", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "description", "order")}),
        PUBLISHING_FIELDSET,
    )


class ReadValueMixin:
    """Show an observation's value as readers read it (1293.5万人, 12.935 million people): in
    lists, beside the field, and instead of the raw number where the form is read-only — never
    "12935000.000000"."""

    @admin.display(description=_("value as readers see it"))
    def value_as_read(self, obj):
        return obj.display_value() if obj and obj.pk else "—"

    def read_only_fields(self, fields, editable):
        """`fields` with the raw value replaced by the reader's value where it cannot be edited."""
        if editable:
            return fields
        shown = ("value_as_read" if name == "value" else name for name in fields)
        return tuple(dict.fromkeys(shown))  # once, where the raw value was


class ObservationInline(ContentInline, ReadValueMixin, TranslationTabularInline):
    model = Observation
    extra = 1
    fields = (
        "region", "period_kind", "period_year", "value", "value_text", "qualifier", "hedge",
        "source", "locator", "status",
    )  # fmt: skip
    readonly_fields = ("value_as_read",)
    autocomplete_fields = ("region", "source")

    def get_fields(self, request, obj=None):
        editable = self.has_change_permission(request, obj) or self.has_add_permission(request, obj)
        return self.read_only_fields(super().get_fields(request, obj), editable)


@admin.register(Indicator)
class IndicatorAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("name", "slug", "category", "unit", "order", "status", "zh_is_translation")
    list_filter = ("status", "category", "zh_is_translation")
    search_fields = ("name_zh_hans", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (ObservationInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "unit", "definition", "caveat", "order")}),
        (_("Translation"), {"fields": ("zh_is_translation",)}),
        PUBLISHING_FIELDSET,
    )


class ObservationForm(WorkflowForm):
    """The value field shows the stored number as written (12935000), not 12935000.000000."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.value is not None and "value" in self.fields:
            self.initial["value"] = plain_decimal(self.instance.value)


@admin.register(Observation)
class ObservationAdmin(ReadValueMixin, ImportExportMixin, PublishableAdmin):
    # Period and value as readers read them ("2023年底", "2624公里"): two columns, not five.
    list_display = ("indicator", "region", "period_as_read", "value_as_read", "hedge", "locator", "status")
    list_filter = ("status", "indicator", "region", "qualifier", "hedge", "period_kind")
    list_select_related = ("indicator", "region")
    search_fields = (
        "indicator__name_zh_hans",
        "indicator__name_en",
        "region__name_zh_hans",
        "region__name_en",
    )
    autocomplete_fields = ("indicator", "region", "source")
    form = ObservationForm
    fieldsets = (
        (None, {"fields": ("indicator", "region", ("period_kind", "period_year"))}),
        (_("Value"), {"fields": ("value", "value_text", "qualifier", "hedge", "value_as_read", "note")}),
        (_("Source"), {"fields": ("source", "locator")}),
        PUBLISHING_FIELDSET,
    )

    @admin.display(description=_("period"), ordering="period_year")
    def period_as_read(self, obj):
        return obj.period_label()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "value_as_read")

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        return [
            (name, {**options, "fields": self.read_only_fields(options["fields"], editable)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    # Import and export (django-import-export): see docs/decisions/0005-data-import.md.
    resource_classes = [ObservationResource]
    import_formats = [LineKeepingCSV, XLSX]
    export_formats = [CSV, XLSX]
    # Every column, always: an export is a file that imports back unchanged.
    export_form_class = ExportForm
    # With a byte-order mark, Excel opens a UTF-8 CSV as UTF-8 (else as GBK, garbling Chinese).
    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        # An import both adds and changes observations.
        return super().has_import_permission(request) and self.has_change_permission(request)

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "column_guide": column_guide()}

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at the confirmation too: a row that fails then undoes every other row.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def write_to_tmp_storage(self, import_file, input_format):
        if not input_format.is_binary():
            data = b"".join(import_file.chunks())
            import_file = ContentFile(csv_as_utf8(data), name=import_file.name)
        return super().write_to_tmp_storage(import_file, input_format)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = (getattr(response, "context_data", None) or {}).get("result")
        if getattr(result, "corrections", None) and not (result.has_errors() or result.has_validation_errors()):
            message = _(
                "Rows %(rows)s change figures that public findings cite: on confirmation they are held as "
                "corrections, and nothing public changes until each is published on its correction page."
            )
            messages.warning(request, message % {"rows": ", ".join(str(row) for row, _change in result.corrections)})
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the preview and the confirmation; nothing was written.
            messages.error(
                request,
                _("Nothing was imported: the file no longer passes the checks. Upload it again to see why."),
            )
            return redirect("admin:indicators_observation_import")
        # Each row was written through core.services (search index and caches included).
        response = super().process_result(result, request)
        corrections = getattr(result, "corrections", [])
        if corrections:
            rows = ", ".join(str(row) for row, _change in corrections)
            message = _(
                "Rows %(rows)s change figures that public findings cite: they were held as corrections, and "
                "nothing public changed. Publish each on its correction page, with the findings' text and a "
                "change note."
            )
            messages.warning(request, message % {"rows": rows})
            url = services.completion_url(corrections[0][1])
            if url and workflow.can_publish(request.user, Observation):
                return redirect(url)
        return response


@admin.register(SiteNote)
class SiteNoteAdmin(PublishableAdmin):
    """The site's own notes on figures: shown to readers as "Site note", never as the report's."""

    list_display = ("__str__", "order", "status")
    search_fields = ("text_zh_hans", "text_en")
    autocomplete_fields = ("indicators", "observations")
    fieldsets = (
        (None, {"fields": ("text", "basis", "indicators", "observations", "order")}),
        PUBLISHING_FIELDSET,
    )
