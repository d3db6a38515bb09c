"""How a translated field is labelled for editors: "标题（中文）", "Title (English)".

modeltranslation calls `localized_verbose_name` (MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME)
lazily, when a label is shown, so the label follows the admin's language on forms, list
columns, filters and history. This module imports nothing but Django's translation
functions: the settings refer to it.
"""

from django.utils.translation import gettext, pgettext


def language_label(code: str) -> str:
    """The language of a field's text, as editors name it beside a label."""
    names = {
        "zh-hans": pgettext("language of a field", "Chinese"),
        "en": pgettext("language of a field", "English"),
    }
    return names.get(code, code)


def localized_verbose_name(verbose_name, code: str) -> str:
    """Label one language's column of a translated field: "title" → "标题（中文）"."""
    return gettext("%(field)s (%(language)s)") % {"field": verbose_name, "language": language_label(code)}
