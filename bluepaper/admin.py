from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import PUBLISHING_FIELDSET, SOURCE_FIELDSET, PublishableAdmin

from .models import Challenge, Chapter, Finding, Report
from .services import finding_link_figures

TRANSLATION_FIELDSET = (_("Translation"), {"fields": ("zh_is_translation",)})


class ChapterInline(TranslationTabularInline):
    model = Chapter
    extra = 0
    fields = ("number", "title", "slug", "status")
    show_change_link = True


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
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


@admin.register(Finding)
class FindingAdmin(PublishableAdmin):
    list_display = ("title", "key", "chapter", "featured", "status", "published_at")
    list_filter = ("status", "featured", "chapter__report", "chapter", "regions")
    list_select_related = ("chapter",)
    search_fields = ("key", "title_zh_hans", "title_en", "summary_zh_hans", "summary_en")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "observations", "indicators", "regions", "source", "image")
    readonly_fields = ("key", *PublishableAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("key", "chapter", "order", "featured", "title", "slug", "summary", "body", "image")}),
        (_("Data"), {"fields": ("observations", "indicators", "regions")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        finding_link_figures(finding=form.instance)


@admin.register(Challenge)
class ChallengeAdmin(PublishableAdmin):
    list_display = ("title", "chapter", "order", "status")
    list_select_related = ("chapter",)
    search_fields = ("title_zh_hans", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "evidence", "source")
    fieldsets = (
        (None, {"fields": ("chapter", "order", "title", "slug", "description", "evidence")}),
        SOURCE_FIELDSET, TRANSLATION_FIELDSET, PUBLISHING_FIELDSET,
    )  # fmt: skip
