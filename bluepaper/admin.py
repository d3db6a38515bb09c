from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import PUBLISHING_FIELDSET, SOURCE_FIELDSET, ContentInline, PublishableAdmin
from core.admin_forms import WorkflowForm
from core.publishing import Status
from indicators.figures import TOKEN
from indicators.models import Observation

from .consistency import consistency_report
from .models import Challenge, ChangeNote, Chapter, Finding, FindingVersion, Report

TRANSLATION_FIELDSET = (_("Translation"), {"fields": ("zh_is_translation",)})


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
        return cleaned


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
class FindingAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("title", "key", "chapter", "featured", "status", "published_at")
    list_filter = ("status", "featured", "chapter__report", "chapter", "regions")
    list_select_related = ("chapter",)
    search_fields = ("key", "title_zh_hans", "title_en", "summary_zh_hans", "summary_en")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "observations", "indicators", "regions", "source", "image")
    readonly_fields = ("key", "figure_picker", *PublishableAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("key", "chapter", "order", "featured", "title", "slug", "summary", "body")}),
        (_("Observations"), {
            "fields": ("figure_picker", "observations"),
            "description": _("Write the figure token [[figure:N]] in the body where observation N belongs: the page "
                             "shows its live value, qualifier and unit in each language. Observations cited in the "
                             "body are linked on save."),
        }),
        (_("Links"), {"fields": ("indicators", "regions", "image")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip

    inlines = (ChangeNoteInline, FindingVersionInline)
    form = FindingForm

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
        return [report, *super().get_urls()]

    def consistency_view(self, request):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Consistency report"),
            "report": consistency_report(),
        }
        return TemplateResponse(request, "admin/bluepaper/consistency.html", context)


@admin.register(Challenge)
class ChallengeAdmin(PublishableAdmin):
    has_preview = True
    list_display = ("title", "chapter", "order", "status")
    list_select_related = ("chapter",)
    search_fields = ("title_zh_hans", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "evidence", "source")
    fieldsets = (
        (None, {"fields": ("chapter", "order", "title", "slug", "description", "evidence")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip
