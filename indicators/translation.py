"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.history import track_history

from .models import Indicator, Observation, Region, SiteNote, Source


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title", "publisher", "note")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "definition", "caveat")


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("value_text", "note")


@register(SiteNote)
class SiteNoteTranslation(TranslationOptions):
    fields = ("text", "basis")


# After the translation fields exist: versions include both languages.
track_history(Source)
track_history(Region)
track_history(Indicator)
track_history(Observation)
track_history(SiteNote, m2m_fields=("indicators", "observations"))
