"""Admin pieces shared by every publishable content type: workflow, versions, audit."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import workflow
from .history import record_version, untracked_in_diffs, version_restore
from .publishing import Status
from .revisions import RevisionContextHelper, reason_in_words, revision_numbers
from .search import search_index

# Added after a field's own help; the leading space separates English sentences, not Chinese ones.
TIME_ZONE_NOTE = _(" Times are Beijing time (UTC+8), wherever you are.")


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
    # Models with a public page of their own offer a preview of it (bluepaper/previews.py).
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

    def get_list_display(self, request):
        # Lists say "Scheduled" for what is published for a time still to come (E9).
        return tuple("publication_status" if name == "status" else name for name in super().get_list_display(request))

    @admin.display(description=_("status"), ordering="status")
    def publication_status(self, obj):
        if obj.status == Status.PUBLISHED and obj.published_at and obj.published_at > timezone.now():
            return _("Scheduled")
        return obj.get_status_display()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # Said once beside the field instead of the admin script's "you are N hours behind
            # the server" warning (hidden by admin.css): its clock buttons already give Beijing time.
            field.help_text = format_lazy("{}{}", field.help_text, TIME_ZONE_NOTE).strip()
        return field

    def get_view_on_site_url(self, obj=None):
        """Staff go to the public page only when it is public; else to the preview, or nowhere (E8)."""
        if obj is None or not self.view_on_site:
            return None
        if type(obj).objects.published().filter(pk=obj.pk).exists():
            return super().get_view_on_site_url(obj)
        if not self.has_preview:
            return None
        opts = obj._meta
        return reverse("preview", kwargs={"app_label": opts.app_label, "model_name": opts.model_name, "pk": obj.pk})

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
        self.number_revisions(records)

    # History as editors read it (core/revisions.py) ---------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionContextHelper(self.model, historical_record)

    def number_revisions(self, records):
        """Give each listed record its revision number, public version and reason in words."""
        if not records:
            return
        object_id = getattr(records[0], self.model._meta.pk.attname)
        numbers = revision_numbers(self.model, object_id)
        public = self.public_version_numbers(object_id, numbers)
        for record in records:
            record.revision = numbers.get(record.history_id)
            record.public_version = public.get(record.history_id)
            record.reason_in_words = reason_in_words(record.history_change_reason, numbers)

    def public_version_numbers(self, object_id, numbers) -> dict[int, int]:
        """Hook: {history_id: public version number} for models with numbered public versions."""
        return {}

    def can_restore(self, request, obj):
        """Whether the user may restore an earlier version (the restore link shows only then)."""
        return self.has_change_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {
            "can_restore": obj is not None and self.can_restore(request, obj),
            # The name of who saved a version links to the user's page only for those who may open it.
            "can_view_users": request.user.has_perm("auth.view_user"),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.has_preview:
            opts = self.model._meta
            kwargs = {"app_label": opts.app_label, "model_name": opts.model_name, "pk": object_id}
            extra_context["preview_urls"] = {}
            for code, name in settings.LANGUAGES:
                with translation.override(code):
                    extra_context["preview_urls"][name] = reverse("preview", kwargs=kwargs)
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
        if not self.can_restore(request, obj):
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
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "record": record,
            "title": _("Restore an earlier version"),
            **self.restore_context(request, obj, versions, record),
        }
        return TemplateResponse(request, "admin/core/restore_confirmation.html", context)

    def restore_context(self, request, obj, versions, record):
        """What the restore page shows: the revision's number and each change by field label."""
        # From now (old) to after the restore (new), so the marked text reads as the restore's effect.
        delta = record.diff_against(
            versions.latest(), excluded_fields=untracked_in_diffs(self.model), foreign_keys_are_objs=True
        )
        self.number_revisions([record])
        return {"changes": self.get_historical_record_context_helper(request, record).context_for_delta_changes(delta)}


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
