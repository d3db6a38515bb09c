"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Action, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)
