"""Admin pieces shared by every publishable content type: workflow, versions, audit."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import workflow
from .history import record_version, untracked_in_diffs, version_restore
from .publishing import Status
from .search import search_index


class PublicationFilter(admin.SimpleListFilter):
    """Where an item is in the workflow, including what awaits review and what is scheduled."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Awaiting review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            ("draft", _("Draft")),
            ("archived", _("Archived")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "review": lambda: queryset.in_review(),
            "scheduled": lambda: queryset.scheduled(),
            "live": lambda: queryset.filter(status=Status.PUBLISHED, published_at__lte=now),
            "draft": lambda: queryset.filter(status=Status.DRAFT),
            "archived": lambda: queryset.archived(),
        }.get(self.value(), lambda: queryset)()


class WorkflowForm(forms.ModelForm):
    """Refuse a status change the user may not make, whatever the browser sent."""

    allowed_statuses: list[str] = []

    def clean(self):
        cleaned = super().clean()
        # Browsers send text areas with CRLF line ends: store LF, so that an untouched text
        # is not recorded as a change in every version.
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r\n" in value:
                cleaned[name] = value.replace("\r\n", "\n")
        return cleaned

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in self.allowed_statuses:
            raise forms.ValidationError(_("You may not give this item that status."))
        return status


class PublishableAdmin(TranslationAdmin, SimpleHistoryAdmin):
    """A translated model admin with the workflow, the version history and restore."""

    form = WorkflowForm
    list_filter = (PublicationFilter, "status")
    readonly_fields = ("created_at", "updated_at")
    actions = ("submit_for_review", "publish_selected", "unpublish_selected", "archive_selected")
    save_on_top = True
    object_history_list_template = "admin/core/object_history_list.html"
    change_form_template = "admin/core/change_form.html"
    # Models with a public page of their own offer a preview of it (website/previews.py).
    has_preview = False

    # Permissions -------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Published content is archived, never deleted: links to it must keep answering.
        return super().has_delete_permission(request, obj) and not workflow.was_public(obj)

    def get_list_filter(self, request):
        # Every publishable list filters by where items are in the workflow.
        return (PublicationFilter, *(f for f in super().get_list_filter(request) if f is not PublicationFilter))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not workflow.can_publish(request.user, self.model):
            fields = (*fields, "published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        current = obj.status if obj else Status.DRAFT
        allowed = workflow.allowed_statuses(request.user, self.model, current)
        form.allowed_statuses = allowed
        if "status" in form.base_fields:
            field = form.base_fields["status"]
            field.choices = [choice for choice in Status.choices if choice[0] in allowed]
        return form

    # Workflow actions --------------------------------------------------------------------

    def move(self, request, queryset, status, message):
        changed = 0
        for item in queryset.exclude(status=status):
            item.status = status
            item._history_user = request.user
            item.save()
            self.after_saved(request, item)
            search_index(item)
            changed += 1
        self.message_user(request, message(changed) % {"count": changed}, messages.SUCCESS)

    def after_saved(self, request, obj):
        """Hook for models that record something when saved or published (a finding's versions)."""

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item submitted for review.", "%(count)d items submitted for review.", n)

        self.move(request, queryset.filter(status=Status.DRAFT), Status.REVIEW, message)

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item published.", "%(count)d items published.", n)

        self.move(request, queryset, Status.PUBLISHED, message)

    @admin.action(description=_("Return the selected items to draft"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", n)

        self.move(request, queryset, Status.DRAFT, message)

    @admin.action(description=_("Archive the selected items"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item archived.", "%(count)d items archived.", n)

        self.move(request, queryset, Status.ARCHIVED, message)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        # One complete version per save, recorded in save_related once the links are set.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        obj.skip_history_when_saving = True
        super().save_related(request, form, formsets, change)
        self.complete_links(request, obj)
        del obj.skip_history_when_saving
        record_version(obj, history_type="~" if change else "+")
        self.after_saved(request, obj)
        search_index(obj)

    def complete_links(self, request, obj):
        """Hook: links derived from the ones the editor chose, recorded in the same version."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The history page's field-by-field differences, without modeltranslation's mirror columns."""
        hidden = untracked_in_diffs(self.model)
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(older, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.has_preview:
            opts = self.model._meta
            kwargs = {"app_label": opts.app_label, "model_name": opts.model_name, "pk": object_id}
            extra_context["preview_urls"] = {}
            for code, name in settings.LANGUAGES:
                with translation.override(code):
                    extra_context["preview_urls"][name] = reverse("website:preview", kwargs=kwargs)
        return super().change_view(request, object_id, form_url, extra_context)

    # Versions ----------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        restore = path(
            "<path:object_id>/history/<int:history_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name=f"{opts.app_label}_{opts.model_name}_restore",
        )
        return [restore, *super().get_urls()]

    def restore_view(self, request, object_id, history_id):
        """Show what restoring a version changes, then restore it on confirmation (POST)."""
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        versions = self.model.history.filter(**{self.model._meta.pk.attname: obj.pk})
        record = get_object_or_404(versions, history_id=history_id)
        if request.method == "POST":
            restored = version_restore(record=record, user=request.user)
            self.after_saved(request, restored)
            search_index(restored)
            self.log_change(request, restored, [{"restored": {"version": history_id}}])
            self.message_user(request, _("The earlier version was restored as a new version."), messages.SUCCESS)
            return redirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
        delta = versions.latest().diff_against(record, excluded_fields=untracked_in_diffs(self.model))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "record": record,
            "changes": delta.changes,
            "title": _("Restore an earlier version"),
        }
        return TemplateResponse(request, "admin/core/restore_confirmation.html", context)


PUBLISHING_FIELDSET = (_("Publishing"), {"fields": ("status", "published_at", "created_at", "updated_at")})
SOURCE_FIELDSET = (_("Source"), {"fields": ("source", "locator")})


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The audit trail: who changed what, and when, in every model (read-only)."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "what_changed")
    list_filter = ("action_flag", "content_type", "user")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")

    @admin.display(description=_("what changed"))
    def what_changed(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from . import image_admin  # noqa: E402, F401 - registers the image admin
