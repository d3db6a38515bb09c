"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .history import track_history
from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = ("zh-hans", "en")


track_history(Image)
