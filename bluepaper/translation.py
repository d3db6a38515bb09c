"""Which fields exist in both languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.history import track_history

from .models import Challenge, ChangeNote, Chapter, Finding, Report


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


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("text",)


# After the translation fields exist: versions include both languages and the cross-links.
track_history(Report)
track_history(Chapter)
track_history(Finding, m2m_fields=["observations", "indicators", "regions"])
track_history(Challenge, m2m_fields=["evidence"])
track_history(ChangeNote)
