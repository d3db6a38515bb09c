"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Challenge, Chapter, Finding, Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "introduction")


@register(Chapter)
class ChapterTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Finding)
class FindingTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Challenge)
class ChallengeTranslation(TranslationOptions):
    fields = ("title", "description")
