from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import PUBLISHING_FIELDSET, PublishableAdmin

from .models import Indicator, Observation, Region, Source


@admin.register(Source)
class SourceAdmin(TranslationAdmin):
    list_display = ("title", "publisher", "published_on")
    search_fields = ("title_zh_hans", "title_en", "publisher_zh_hans", "publisher_en")
    date_hierarchy = "published_on"


@admin.register(Region)
class RegionAdmin(PublishableAdmin):
    list_display = ("name", "slug", "order", "status")
    list_editable = ("order",)
    search_fields = ("name_zh_hans", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "description", "order")}),
        PUBLISHING_FIELDSET,
    )


class ObservationInline(TranslationTabularInline):
    model = Observation
    extra = 1
    fields = (
        "region", "period_kind", "period_year", "value", "value_text", "qualifier",
        "source", "locator", "status",
    )  # fmt: skip
    autocomplete_fields = ("region", "source")


@admin.register(Indicator)
class IndicatorAdmin(PublishableAdmin):
    list_display = ("name", "slug", "unit", "order", "status", "zh_is_translation")
    list_filter = ("status", "zh_is_translation")
    search_fields = ("name_zh_hans", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (ObservationInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "unit", "definition", "caveat", "order")}),
        (_("Translation"), {"fields": ("zh_is_translation",)}),
        PUBLISHING_FIELDSET,
    )


@admin.register(Observation)
class ObservationAdmin(PublishableAdmin):
    list_display = (
        "indicator",
        "region",
        "period_kind",
        "period_year",
        "value",
        "qualifier",
        "locator",
        "status",
    )
    list_filter = ("status", "indicator", "region", "qualifier", "period_kind")
    list_select_related = ("indicator", "region")
    search_fields = (
        "indicator__name_zh_hans",
        "indicator__name_en",
        "region__name_zh_hans",
        "region__name_en",
    )
    autocomplete_fields = ("indicator", "region", "source")
    fieldsets = (
        (None, {"fields": ("indicator", "region", ("period_kind", "period_year"))}),
        (_("Value"), {"fields": ("value", "value_text", "qualifier", "note")}),
        (_("Source"), {"fields": ("source", "locator")}),
        PUBLISHING_FIELDSET,
    )
