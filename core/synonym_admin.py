"""Admin for the synonyms and short forms that search expands (core/synonyms.py)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _

from .cache import content_changed
from .models import SynonymGroup

MAX_WORD_LENGTH = 50


class SynonymGroupForm(ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["words", "note"]

    def clean_words(self):
        group = SynonymGroup(words=self.cleaned_data["words"])
        words = group.word_list()
        if len(words) < 2:
            raise ValidationError(_("Give at least two words: a synonym group says that they mean the same."))
        too_long = [word for word in words if len(word) > MAX_WORD_LENGTH]
        if too_long:
            raise ValidationError(
                _("Each word may have at most %(limit)d characters: %(word)s"),
                params={"limit": MAX_WORD_LENGTH, "word": too_long[0][:60]},
            )
        return "\n".join(words)


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Every change moves the content stamp, so the next search (and every cached page) uses it."""

    form = SynonymGroupForm
    list_display = ["__str__", "note"]
    search_fields = ["words", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(content_changed)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(content_changed)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(content_changed)
