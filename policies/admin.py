from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import PUBLISHING_FIELDSET, SOURCE_FIELDSET, ContentInline, PublishableAdmin
from core.translation_admin import TranslationStatusAdmin

from .models import Action, Strategy


class ActionInline(ContentInline, TranslationTabularInline):
    model = Action
    extra = 1
    fields = ("order", "text")


@admin.register(Strategy)
class StrategyAdmin(TranslationStatusAdmin, PublishableAdmin):
    has_preview = True
    list_display = ("__str__", "chapter", "slug", "status")
    list_select_related = ("chapter",)
    search_fields = ("title_zh_hans", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("chapter", "challenges", "findings", "source")
    inlines = (ActionInline,)
    readonly_fields = ("translation_status", *PublishableAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("chapter", "number", "title", "slug", "summary")}),
        (_("Links"), {"fields": ("challenges", "findings")}),
        SOURCE_FIELDSET,
        (_("Translation"), {"fields": ("zh_is_translation", "translation_status")}),
        PUBLISHING_FIELDSET,
    )
