"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.history import track_history

from .models import Action, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)


# After the translation fields exist: versions include both languages and the cross-links.
track_history(Strategy, m2m_fields=["challenges", "findings"])
track_history(Action)
