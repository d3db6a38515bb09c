"""The change form says when a language's text is missing or older than the other's.

Editors see the notice readers see on the parallel view (core/translation_status.py), as a
read-only field beside the translation settings.
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .translation_status import text_parts, translation_status


class TranslationStatusAdmin:
    """Mixin: a read-only `translation_status` field to place in the fieldsets."""

    @admin.display(description=_("Languages"))
    def translation_status(self, obj):
        if obj is None or obj.pk is None:
            return _("Compared once the item is saved.")
        notices = translation_status(text_parts(obj)).notices()
        if not notices:
            return _("Both languages are complete, and neither was revised after the other.")
        items = format_html_join("", '<li class="warning">{}</li>', ((notice,) for notice in notices))
        return format_html('<ul class="messagelist translation-status">{}</ul>', items)
