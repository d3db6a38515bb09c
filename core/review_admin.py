"""The publishers' review of pending changes: what an editor proposes for public content."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import services, workflow
from .locking import state_token
from .models import PendingChange
from .proposals import describe


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Publishers see every pending change and decide; editors see their own and may withdraw."""

    list_display = ("object_repr", "kind", "content_type", "author", "created_at", "state", "reviewer")
    list_filter = ("state", "kind", "content_type")
    list_select_related = ("author", "reviewer", "content_type")
    search_fields = ("object_repr", "note", "review_comment")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("core.approve_pendingchange"):
            return queryset
        return queryset.filter(author=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, unquote(object_id))
        if change is None or not self.has_view_permission(request, change):
            raise Http404
        completion = services.completion_url(change)
        model = change.content_type.model_class()
        deciding = change.state == PendingChange.State.PENDING and workflow.can_publish(request.user, model)
        if completion and deciding:
            # A correction is published with the text it makes wrong, on its own page.
            return redirect(completion)
        if request.method == "POST":
            return self.decide(request, change)
        return TemplateResponse(request, "admin/core/pending_change.html", self.review_context(request, change))

    def review_context(self, request, change):
        target = change.content_object
        model = change.content_type.model_class()
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review a change"),
            "change": change,
            "target": target,
            "target_url": reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[change.object_id]
            ),  # fmt: skip
            "rows": describe(target, change.data) if target is not None else [],
            "moved_on": target is not None and state_token(model, change.object_id) != change.base_token,
            "can_decide": change.state == PendingChange.State.PENDING and workflow.can_publish(request.user, model),
            "can_withdraw": change.state == PendingChange.State.PENDING and change.author_id == request.user.pk,
        }

    def decide(self, request, change):
        comment = request.POST.get("comment", "").strip()
        actions = {
            "_approve": (services.change_approve, {"comment": comment}, _("The change is approved and live.")),
            "_send_back": (services.change_send_back, {"reason": comment}, _("The change was sent back.")),
            "_withdraw": (services.change_withdraw, {}, _("The change was withdrawn.")),
        }
        for button, (service, kwargs, done) in actions.items():
            if button in request.POST:
                try:
                    service(user=request.user, change=change, **kwargs)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                    return redirect(request.path)
                except PermissionDenied as error:
                    raise PermissionDenied(str(error)) from error
                self.message_user(request, done, messages.SUCCESS)
                return redirect(reverse("admin:core_pendingchange_changelist"))
        return redirect(request.path)
