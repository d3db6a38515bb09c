"""Admin for uploaded images."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Image


@admin.register(Image)
class ImageAdmin(TranslationAdmin):
    list_display = ("__str__", "width", "height", "created_at")
    search_fields = ("alt_text_zh_hans", "alt_text_en", "caption_zh_hans", "caption_en", "credit")
