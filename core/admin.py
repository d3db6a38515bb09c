"""Admin pieces shared by every publishable content type."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .publishing import Status


class PublishableAdmin(TranslationAdmin):
    """A translated model admin with the publishing columns, filter and actions."""

    list_filter = ("status",)
    readonly_fields = ("created_at", "updated_at")
    actions = ("publish_selected", "unpublish_selected")
    save_on_top = True

    @admin.action(description=_("Publish the selected items now"), permissions=["change"])
    def publish_selected(self, request, queryset):
        changed = 0
        for item in queryset.exclude(status=Status.PUBLISHED):
            item.status = Status.PUBLISHED
            item.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", changed) % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return the selected items to draft"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        changed = 0
        for item in queryset.filter(status=Status.PUBLISHED):
            item.status = Status.DRAFT
            item.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


PUBLISHING_FIELDSET = (_("Publishing"), {"fields": ("status", "published_at", "created_at", "updated_at")})
SOURCE_FIELDSET = (_("Source"), {"fields": ("source", "locator")})

from . import image_admin  # noqa: E402, F401 - registers the image admin
