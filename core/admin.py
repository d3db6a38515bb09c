"""Admin pieces shared by every publishable content type: workflow, versions, audit."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import FileField
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services, workflow
from .admin_forms import APPROVE, SEND_BACK, SUBMIT_REVIEW, WorkflowForm
from .history import untracked_in_diffs
from .models import PendingChange, ReviewEvent
from .proposals import WORKFLOW_FIELDS, form_values, proposal_data
from .publishing import Publishable, Status
from .revisions import RevisionContextHelper, reason_in_words, revision_numbers

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


class ContentAdmin(admin.ModelAdmin):
    """Every content admin writes through core/services.py, never by saving models itself.

    An editor's change to something public becomes a pending change; an item in review, or
    one with a change awaiting review, is read-only for editors; a stale form is refused.
    """

    change_form_template = "admin/core/change_form.html"

    def route(self, request, obj):
        return workflow.edit_route(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or workflow.can_publish(request.user, self.model):
            return True
        return self.route(request, obj) != workflow.Route.LOCKED and services.open_change(obj) is None

    def has_delete_permission(self, request, obj=None):
        # Published content is archived, never deleted: links to it must keep answering.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or (workflow.may_edit(request.user, obj) and not workflow.was_public(obj)))

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and self.route(request, obj) == workflow.Route.PROPOSE:
            # A pending change holds values, not uploaded files: a new picture is a new image.
            fields += tuple(f.name for f in self.model._meta.concrete_fields if isinstance(f, FileField))
        return fields

    # Writing -----------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Deferred to save_related, which writes the item, its links and its rows as one version."""

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if change and self.route(request, obj) == workflow.Route.PROPOSE:
            self.propose(request, form)
            return

        def write():
            obj.save()
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        request.corrections = []
        try:
            saved = services.content_save(user=request.user, instance=obj, write=write)
        except ValidationError as error:  # a correction of this figure already awaits publication
            request.workflow_message = (messages.ERROR, " ".join(error.messages))
            request.staged = None
            return
        if isinstance(saved, PendingChange):
            request.corrections.append(saved)
        if request.corrections:
            self.corrections_held(request, request.corrections)
            return
        self.workflow_step(request, form, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows are content too: each is written (or deleted) through the services."""
        rows = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            services.content_delete(user=request.user, instance=deleted)
        for row in rows:
            saved = services.content_save(user=request.user, instance=row)
            if isinstance(saved, PendingChange):  # a cited figure: held as a correction
                getattr(request, "corrections", []).append(saved)
        formset.save_m2m()

    def corrections_held(self, request, corrections):
        """Say that a change was held as a correction, and lead to the page that publishes it."""
        request.staged = corrections[0]
        items = "; ".join(change.object_repr for change in corrections)
        request.workflow_message = (
            messages.WARNING,
            _(
                "Public findings cite “%(items)s”: the change was held as a correction. Nothing public "
                "changed; publish it with the findings' text and a change note on the correction page."
            )
            % {"items": items},
        )
        url = services.completion_url(corrections[0])
        if url and workflow.can_publish(request.user, type(corrections[0].content_object)):
            request.workflow_redirect = url

    def propose(self, request, form):
        data = proposal_data(form.instance, form_values(form))
        note = form.cleaned_data.get("workflow_comment", "")
        request.proposed = False
        try:
            services.change_propose(user=request.user, instance=form.instance, data=data, note=note)
        except ValidationError as error:
            request.workflow_message = (messages.WARNING, " ".join(error.messages))
            return
        request.proposed = True
        request.workflow_message = (
            messages.SUCCESS,
            _(
                "Your change was sent to the publishers for review. "
                "The public page stays as it is until one approves it."
            ),
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if hasattr(request, "staged"):
            return str(_("Held a change as a correction (nothing public changed).")) if request.staged else ""
        if hasattr(request, "proposed"):  # nothing was saved: the formsets hold no saved rows
            return str(_("Proposed a change for review (nothing public changed).")) if request.proposed else ""
        return super().construct_change_message(request, form, formsets, add)

    def workflow_step(self, request, form, obj):
        """Hook: PublishableAdmin moves the item on when a workflow button was pressed."""

    def delete_model(self, request, obj):
        services.content_delete(user=request.user, instance=obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # a rule of the write path; the transaction was rolled back
            return self.refused(request, error, object_id)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self.refused(request, error, object_id)

    def refused(self, request, error, object_id):
        """Say why the write path refused a change (nothing was saved), back on the item's form."""
        self.message_user(request, " ".join(error.messages), messages.ERROR)
        opts = self.model._meta
        if object_id is None:
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.content_delete(user=request.user, instance=obj)

    def response_change(self, request, obj):
        if hasattr(request, "workflow_message"):
            self.message_user(request, request.workflow_message[1], request.workflow_message[0])
            opts = obj._meta
            url = getattr(request, "workflow_redirect", None)
            return redirect(url or reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if hasattr(request, "workflow_message"):
            self.message_user(request, request.workflow_message[1], request.workflow_message[0])
        return super().response_add(request, obj, post_url_continue)

    # The change page ---------------------------------------------------------------------

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
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, obj):
        content_type = ContentType.objects.get_for_model(obj)
        steps = ReviewEvent.objects.filter(content_type=content_type, object_id=obj.pk).select_related("user")
        return {
            "edit_route": str(self.route(request, obj)),
            "open_change": services.open_change(obj),
            "review_steps": steps[:5],
            "can_publish": workflow.can_publish(request.user, self.model),
        }

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
        opts = obj._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        if request.method == "POST":
            try:
                result = services.version_restore(user=request.user, record=record, live=obj)
            except ValidationError as error:  # e.g. the version cites a figure that is no longer public
                return self.refused(request, error, obj.pk)
            if isinstance(result, PendingChange):
                return self.restore_held(request, result, change_url)
            self.log_change(request, result, [{"restored": {"version": history_id}}])
            self.message_user(request, _("The earlier version was restored as a new version."), messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "record": record,
            "edit_route": str(self.route(request, obj)),
            "is_live": workflow.is_live(obj),
            "needs_correction": services.needs_correction(obj),
            "title": _("Restore an earlier version"),
            **self.restore_context(request, obj, versions, record),
        }
        return TemplateResponse(request, "admin/core/restore_confirmation.html", context)

    def restore_context(self, request, obj, versions, record):
        """What the restore page shows: the revision's number and each change by field label."""
        # From now (old) to after the restore (new), so the marked text reads as the restore's effect.
        # A restore brings back content, never a workflow status or time (core/services.py).
        hidden = untracked_in_diffs(self.model) | WORKFLOW_FIELDS
        delta = record.diff_against(versions.latest(), excluded_fields=hidden, foreign_keys_are_objs=True)
        self.number_revisions([record])
        return {"changes": self.get_historical_record_context_helper(request, record).context_for_delta_changes(delta)}

    def restore_held(self, request, change, change_url):
        if change.kind != PendingChange.Kind.CORRECTION:
            self.message_user(request, _("The restore was sent to the publishers for review."), messages.SUCCESS)
            return redirect(change_url)
        message = _(
            "Public findings cite this figure: the restore was held as a correction. Nothing public changed "
            "until the correction is published with the findings' text and a change note."
        )
        self.message_user(request, message, messages.WARNING)
        url = services.completion_url(change)
        return redirect(url if url and workflow.can_publish(request.user, self.model) else change_url)


class ContentInlineFormSet(BaseInlineFormSet):
    """Refuse, row by row, what the inline's permissions cannot express."""

    user = None  # set per request by ContentInline.get_formset

    def clean(self):
        super().clean()
        self.check_rules()
        for form in self.initial_forms:
            row = form.instance
            if self._should_delete_form(form) and workflow.was_public(row):
                message = _("“%(row)s” has been public, so it cannot be deleted: archive it on its own page.")
                raise ValidationError(message, params={"row": row})
            if form.has_changed() and not workflow.may_edit(self.user, row):
                message = _("“%(row)s” is public: change it on its own page, where your change goes to review.")
                raise ValidationError(message, params={"row": row})

    def check_rules(self):
        """The write path's rules for each changed or deleted row (core.services.guard)."""
        problems = []
        for form in self.forms:
            deleting = self.can_delete and self._should_delete_form(form)
            if form.instance.pk is None and deleting or not (deleting or form.has_changed()):
                continue
            try:
                services.content_check(instance=form.instance, deleting=deleting)
            except ValidationError as error:
                problems += error.messages
        if problems:
            raise ValidationError(problems)


class ContentInline:
    """Inline rows follow their parent: editors change them only where they may change the parent
    directly, a status is a publisher's to give, and a row that has been public is never deleted."""

    formset = ContentInlineFormSet

    def direct(self, request, obj):
        return obj is None or workflow.may_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.direct(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.direct(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.direct(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if issubclass(self.model, Publishable) and not workflow.can_publish(request.user, self.model):
            fields += ("status",)
        return fields

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset


class PublishableAdmin(ContentAdmin, TranslationAdmin, SimpleHistoryAdmin):
    """A translated model admin with the workflow, the version history and restore."""

    form = WorkflowForm
    list_filter = (PublicationFilter, "status")
    readonly_fields = ("created_at", "updated_at")
    actions = ("submit_for_review", "publish_selected", "unpublish_selected", "archive_selected")
    save_on_top = True
    object_history_list_template = "admin/core/object_history_list.html"
    # Models with a public page of their own offer a preview of it (website/previews.py).
    has_preview = False

    # Permissions -------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

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
        return reverse(
            "website:preview", kwargs={"app_label": opts.app_label, "model_name": opts.model_name, "pk": obj.pk}
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not workflow.can_publish(request.user, self.model):
            # Editors move an item with the workflow's buttons, never by choosing a status.
            fields = (*fields, "status", "published_at")
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

    # Workflow ----------------------------------------------------------------------------

    def workflow_step(self, request, form, obj):
        """Submit, approve or send back, when the form was saved with that button."""
        comment = form.cleaned_data.get("workflow_comment", "")
        steps = {
            SUBMIT_REVIEW: (services.content_submit, {"comment": comment}, _("Submitted for review.")),
            APPROVE: (services.content_publish, {"comment": comment}, _("Approved and published.")),
            SEND_BACK: (services.content_send_back, {"reason": comment}, _("Sent back to the editor.")),
        }
        for button, (service, kwargs, message) in steps.items():
            if button in request.POST:
                service(user=request.user, instance=obj, **kwargs)
                request.workflow_message = (messages.SUCCESS, message)
                return

    def run_each(self, request, queryset, service, message, **kwargs):
        done = 0
        for item in queryset:
            try:
                service(user=request.user, instance=item, **kwargs)
            except ValidationError as error:  # a rule of the write path: say which item, and why
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            except PermissionDenied:
                continue
            done += 1
        self.message_user(request, message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item submitted for review.", "%(count)d items submitted for review.", n)

        self.run_each(request, queryset.filter(status=Status.DRAFT), services.content_submit, message)

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item published.", "%(count)d items published.", n)

        self.run_each(request, queryset.exclude(status=Status.PUBLISHED), services.content_publish, message)

    @admin.action(description=_("Return the selected items to draft"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", n)

        self.run_each(request, queryset.exclude(status=Status.DRAFT), services.content_move, message,
                      status=Status.DRAFT)  # fmt: skip

    @admin.action(description=_("Archive the selected items"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        def message(n):
            return ngettext("%(count)d item archived.", "%(count)d items archived.", n)

        self.run_each(request, queryset.exclude(status=Status.ARCHIVED), services.content_move, message,
                      status=Status.ARCHIVED)  # fmt: skip

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


# Registered last: they build on the classes above.
from . import image_admin, review_admin, synonym_admin  # noqa: E402, F401, I001
