"""Which language a piece of bilingual text is in, and how to label it in HTML."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

# Django's language codes, as BCP 47 tags for the HTML `lang` attribute.
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


def html_lang(code: str | None = None) -> str:
    """Return the BCP 47 tag for a Django language code (the active one by default)."""
    code = (code or get_language() or settings.LANGUAGE_CODE).lower()
    return HTML_LANG.get(code, code)


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str  # Django code of the language `text` is really in
    is_fallback: bool


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """Return `field` of `obj` in `language`, falling back to the default language, marked."""
    language = language or get_language() or settings.LANGUAGE_CODE
    wanted = getattr(obj, build_localized_fieldname(field, language), "") or ""
    if wanted or language == settings.LANGUAGE_CODE:
        return LocalizedText(wanted, language, False)
    default = settings.LANGUAGE_CODE
    fallback = getattr(obj, build_localized_fieldname(field, default), "") or ""
    return LocalizedText(fallback, default, bool(fallback))


class Bilingual(models.Model):
    """Abstract: content whose Chinese text may be the project's own translation."""

    zh_is_translation = models.BooleanField(
        _("Chinese text is the project's translation"),
        default=False,
        help_text=_("Ticked when the source gives this only in English and the Chinese is ours."),
    )

    class Meta:
        abstract = True
