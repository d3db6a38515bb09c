"""The editorial queue on the admin's home page: what awaits review, what is scheduled."""

from django import template
from django.contrib import admin
from django.urls import reverse

from core.models import PendingChange
from core.publishing import Publishable

register = template.Library()


@register.inclusion_tag("admin/core/editorial_queue.html", takes_context=True)
def editorial_queue(context):
    """Count, per content type the user may see, the items in review and scheduled."""
    request = context["request"]
    rows = []
    for model, model_admin in admin.site._registry.items():
        if not issubclass(model, Publishable) or not model_admin.has_view_permission(request):
            continue
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        review, scheduled = model.objects.in_review().count(), model.objects.scheduled().count()
        if review or scheduled:
            rows.append({"name": opts.verbose_name_plural, "url": changelist, "review": review,
                         "scheduled": scheduled})  # fmt: skip
    return {"rows": rows, "pending_changes": pending_changes(request), "corrections": corrections(request)}


def pending_changes(request):
    """How many proposed changes to public content await review (an editor's own, for editors)."""
    if not request.user.has_perm("core.view_pendingchange"):
        return None
    waiting = PendingChange.objects.filter(state=PendingChange.State.PENDING)
    if not request.user.has_perm("core.approve_pendingchange"):
        waiting = waiting.filter(author=request.user)
    return {"count": waiting.count(), "url": reverse("admin:core_pendingchange_changelist") + "?state__exact=pending"}


def corrections(request):
    """How many corrections of cited figures await publication: their findings need attention."""
    if not request.user.has_perm("core.view_pendingchange"):
        return None
    waiting = PendingChange.objects.filter(state=PendingChange.State.PENDING, kind=PendingChange.Kind.CORRECTION)
    url = reverse("admin:core_pendingchange_changelist") + "?kind__exact=correction&state__exact=pending"
    return {"count": waiting.count(), "url": url}
