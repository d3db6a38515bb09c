"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .history import track_history
from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = ("zh-hans", "en")  # only where the field itself is required: the alt text


track_history(Image)
