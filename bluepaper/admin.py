from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core import workflow
from core.admin import PUBLISHING_FIELDSET, SOURCE_FIELDSET, ContentInline, PublishableAdmin
from core.admin_forms import APPROVE, WorkflowForm
from core.models import PendingChange
from core.publishing import Status
from core.translation_admin import TranslationStatusAdmin
from indicators.figures import TOKEN
from indicators.models import Observation

from . import correction_admin
from .consistency import consistency_report, untied_numbers
from .corrections import pending_corrections
from .models import Challenge, ChangeNote, Chapter, Finding, FindingVersion, Report
from .selectors import public_versions_by_revision

TRANSLATION_FIELDSET = (_("Translation"), {"fields": ("zh_is_translation",)})
# With a notice when one language's text is missing or older (core/translation_admin.py).
TEXT_TRANSLATION_FIELDSET = (_("Translation"), {"fields": ("zh_is_translation", "translation_status")})
TEXT_FIELDS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in ("zh_hans", "en")]


class ChapterInline(ContentInline, TranslationTabularInline):
    model = Chapter
    extra = 0
    fields = ("number", "title", "slug", "status")
    show_change_link = True


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("title", "year", "status", "published_at")
    search_fields = ("title_zh_hans", "title_en")
    inlines = (ChapterInline,)
    autocomplete_fields = ("source", "image")
    fieldsets = (
        (None, {"fields": ("year", "title", "summary", "introduction", "image")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip


@admin.register(Chapter)
class ChapterAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("__str__", "report", "slug", "status")
    list_filter = ("status", "report")
    list_select_related = ("report",)
    search_fields = ("title_zh_hans", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("report", "source", "image")
    fieldsets = (
        (None, {"fields": ("report", "number", "title", "slug", "summary", "image")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip


def picker_observations():
    return Observation.objects.exclude(status=Status.ARCHIVED).in_display_order()


PLAIN_TEXT_FIELDS = [f"{name}_{code}" for name in ("title", "summary") for code in ("zh_hans", "en")]


class FindingForm(WorkflowForm):
    """A finding's text may cite only observations that exist, and only in its body."""

    def clean(self):
        cleaned = super().clean()
        for name in PLAIN_TEXT_FIELDS:
            if TOKEN.search(cleaned.get(name) or ""):
                # Titles and summaries are plain text, shown in lists, feeds and meta tags as typed.
                self.add_error(
                    name, _("Figure tokens belong in the body: write the figure here as the source says it.")
                )
        cited = {int(pk) for name, value in cleaned.items() if name.startswith("body") and value
                 for pk in TOKEN.findall(value)}  # fmt: skip
        missing = cited - set(Observation.objects.filter(pk__in=cited).values_list("pk", flat=True))
        if missing:
            tokens = ", ".join(f"[[figure:{pk}]]" for pk in sorted(missing))
            raise forms.ValidationError(_("These observations do not exist: %(tokens)s.") % {"tokens": tokens})
        if self.will_be_public(cleaned):
            self.check_numbers(cleaned, cited)
        return cleaned

    def will_be_public(self, cleaned):
        return cleaned.get("status", self.instance.status) == Status.PUBLISHED or APPROVE in self.data

    def check_numbers(self, cleaned, cited):
        """One truth per figure: a public finding states no number that none of its figures has."""
        if "observations" in cleaned:
            linked = {obs.pk for obs in cleaned["observations"]}
        else:
            linked = set(self.instance.observations.values_list("pk", flat=True)) if self.instance.pk else set()
        figures = list(Observation.objects.filter(pk__in=linked | cited).select_related("indicator"))
        texts = {name: cleaned.get(name, getattr(self.instance, name, "")) for name in TEXT_FIELDS}
        shown = "; ".join(obs.display_value() for obs in figures) or "—"
        for name, number in untied_numbers(texts, figures):
            message = _("“%(number)s” is none of this finding's figures (%(figures)s): correct the number, or "
                        "link the figure it states.")  # fmt: skip
            self.add_error(name, message % {"number": number, "figures": shown})


def labelled(report):
    """The report with each text field named by its label ("标题（English）"), not its column."""

    def label(name):
        return capfirst(Finding._meta.get_field(name).verbose_name)

    report.untied_numbers = [(finding, label(name), typed) for finding, name, typed in report.untied_numbers]
    report.unknown_tokens = [(finding, label(name), token) for finding, name, token in report.unknown_tokens]
    return report


class ChangeNoteInline(ContentInline, TranslationTabularInline):
    """Public correction notes: what changed in a published finding, and when.

    A note is never deleted: a correction, once public, stays part of the finding's record.
    """

    model = ChangeNote
    extra = 0
    can_delete = False
    fields = ("date", "text")


class FindingVersionInline(admin.TabularInline):
    """The finding's published versions, each a permanent citable page (read-only)."""

    model = FindingVersion
    extra = 0
    fields = ("number", "published_at", "created_by", "title_zh_hans")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(TranslationStatusAdmin, PublishableAdmin):
    has_preview = True
    list_display = ("title", "key", "chapter", "featured", "status", "published_at")
    list_filter = ("status", "featured", "chapter__report", "chapter", "regions")
    list_select_related = ("chapter",)
    search_fields = ("key", "title_zh_hans", "title_en", "summary_zh_hans", "summary_en")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "observations", "indicators", "regions", "source", "image")
    readonly_fields = ("key", "figure_picker", "translation_status", *PublishableAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("key", "chapter", "order", "featured", "title", "slug", "summary", "body")}),
        (_("Observations"), {
            "fields": ("figure_picker", "observations"),
            "description": _("Write the figure token [[figure:N]] in the body where observation N belongs: the page "
                             "shows its live value, qualifier and unit in each language. Observations cited in the "
                             "body are linked on save."),
        }),
        (_("Links"), {"fields": ("indicators", "regions", "image")}),
        SOURCE_FIELDSET, TEXT_TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip

    inlines = (ChangeNoteInline, FindingVersionInline)
    form = FindingForm
    change_form_template = "admin/bluepaper/finding_change_form.html"

    class Media:
        js = ("bluepaper/admin/figure_picker.js",)

    @admin.display(description=_("Cite an observation"))
    def figure_picker(self, obj):
        """Every observation's figure token, to place in the body: the page shows the live figure there."""
        return render_to_string("admin/bluepaper/figure_picker.html", {"observations": picker_observations()})

    def get_urls(self):
        report = path(
            "consistency/",
            self.admin_site.admin_view(self.consistency_view),
            name="bluepaper_finding_consistency",
        )
        correction = path(
            "corrections/<int:change_id>/",
            self.admin_site.admin_view(self.correction_view),
            name="bluepaper_finding_correction",
        )
        return [report, correction, *super().get_urls()]

    def correction_view(self, request, change_id):
        return correction_admin.correction_view(self, request, change_id)

    def workflow_context(self, request, obj):
        # Until a correction of a figure it cites is published, the finding needs attention.
        return {**super().workflow_context(request, obj), "corrections": pending_corrections(obj)}

    def consistency_view(self, request):
        report = labelled(consistency_report())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Consistency report"),
            "report": report,
            "stale": report.stale_findings,
            "corrections": PendingChange.objects.filter(state=PendingChange.State.PENDING,
                                                        kind=PendingChange.Kind.CORRECTION),
            "can_publish": workflow.can_publish(request.user, Finding),
        }  # fmt: skip
        return TemplateResponse(request, "admin/bluepaper/consistency.html", context)

    def public_version_numbers(self, object_id, numbers):
        return public_versions_by_revision(object_id)


@admin.register(Challenge)
class ChallengeAdmin(TranslationStatusAdmin, PublishableAdmin):
    has_preview = True
    list_display = ("title", "chapter", "order", "status")
    list_select_related = ("chapter",)
    search_fields = ("title_zh_hans", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "evidence", "source")
    fieldsets = (
        (None, {"fields": ("chapter", "order", "title", "slug", "description", "evidence")}),
        SOURCE_FIELDSET, TEXT_TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip
    readonly_fields = ("translation_status", *PublishableAdmin.readonly_fields)
