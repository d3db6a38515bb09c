"""Admin for uploaded images: upload checked by content, alt text in both languages, renditions."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .admin import ContentAdmin
from .admin_forms import LockedForm
from .images import image_make_renditions, rendition_name, rendition_sizes, upload_help_text
from .models import Image

ALT_TEXT_MISSING = {
    "alt_text_zh_hans": _("Write the alternative text in Chinese too: readers of the Chinese pages need it."),
    "alt_text_en": _("Write the alternative text in English too: readers of the English pages need it."),
}


class ImageForm(LockedForm):
    """Say plainly which language's alt text is missing, and what an upload may be."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help_text()
        for name, message in ALT_TEXT_MISSING.items():
            self.fields[name].error_messages["required"] = message

    def clean(self):
        """A credit shows on the pages of both languages: given in one, it is needed in the other."""
        data = super().clean()
        chinese, english = data.get("credit_zh_hans"), data.get("credit_en")
        if chinese and not english:
            self.add_error("credit_en", _("Write the credit in English too: the English pages show it."))
        if english and not chinese:
            self.add_error("credit_zh_hans", _("Write the credit in Chinese too: the Chinese pages show it."))
        return data


class CaptionFilter(admin.SimpleListFilter):
    """Find images whose caption is missing, in one language or both."""

    title = _("caption")
    parameter_name = "caption"

    def lookups(self, request, model_admin):
        return [
            ("none", _("No caption")),
            ("no-en", _("Caption missing in English")),
            ("no-zh", _("Caption missing in Chinese")),
        ]

    def queryset(self, request, queryset):
        chinese, english = blank("caption_zh_hans"), blank("caption_en")
        filters = {"none": chinese & english, "no-en": ~chinese & english, "no-zh": chinese & ~english}
        return queryset.filter(filters[self.value()]) if self.value() in filters else queryset


def blank(field):
    return models.Q(**{field: ""}) | models.Q(**{f"{field}__isnull": True})


@admin.register(Image)
class ImageAdmin(ContentAdmin, TranslationAdmin, SimpleHistoryAdmin):
    form = ImageForm
    fields = ("preview", "file", "alt_text", "caption", "credit", "size")
    readonly_fields = ("preview", "size")
    list_display = ("thumbnail", "alt_text", "size", "credit", "created_at")
    list_display_links = ("alt_text",)  # not the thumbnail: its alt is empty, a link needs a name
    list_filter = (CaptionFilter, "created_at")
    date_hierarchy = "created_at"
    search_fields = ("alt_text_zh_hans", "alt_text_en", "caption_zh_hans", "caption_en", "credit_zh_hans", "credit_en")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Renditions are files derived from the stored upload, made once it is saved.
        # (An editor's change to an image in use is a proposal, in which the file is read-only.)
        if not change or "file" in form.changed_data:
            image_make_renditions(image=form.instance)

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return rendition_img(obj, display_width=96, alt="")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if obj is None or not obj.pk:
            return _("A preview appears here once the image is saved.")
        return rendition_img(obj, display_width=480, alt=obj.alt_text)

    @admin.display(description=_("size in pixels"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj and obj.width else "—"


def rendition_img(image, *, display_width, alt):
    """An <img> `display_width` wide, from a rendition sharp on a high-density screen.

    Attributes rather than a style: the Content Security Policy forbids inline styles.
    """
    sizes = rendition_sizes(image.width, image.height)
    if not sizes:
        return "—"
    width, height = next(((w, h) for w, h in sizes if w >= 2 * display_width), sizes[-1])
    shown = min(display_width, width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        image.file.storage.url(rendition_name(image.file.name, width)),
        shown,
        max(1, round(height * shown / width)),
        alt,
    )
