"""Staff previews: any content object exactly as its public page will show it, unpublished.

GET shows the object as saved (a draft, an item in review, a scheduled publication). POST,
from the admin's change form, shows the form's unsaved changes — a pending change to a
published item — without saving anything. Everyone else gets the site's 404.
This is wiring: it knows the page function of every app, so it sits on top of the layers.
"""

from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from bluepaper.models import Challenge, Chapter, Finding, Report
from bluepaper.views import challenge_page, chapter_page, finding_page, report_page
from indicators.models import Indicator, Region
from indicators.views import indicator_page, region_page
from policies.models import Strategy
from policies.views import strategy_page

PAGES = {
    Report: report_page,
    Chapter: chapter_page,
    Finding: finding_page,
    Challenge: challenge_page,
    Strategy: strategy_page,
    Indicator: indicator_page,
    Region: region_page,
}
MODELS = {(model._meta.app_label, model._meta.model_name): model for model in PAGES}


@never_cache
def preview(request, app_label, model_name, pk):
    model = MODELS.get((app_label, model_name))
    user = request.user
    if model is None or not (user.is_active and user.is_staff):
        raise Http404
    if not user.has_perm(f"{app_label}.view_{model_name}"):
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    if request.method == "POST":
        form = bind_admin_form(request, obj)
        if not form.is_valid():
            return render(request, "website/preview_invalid.html", {"form": form, "object": obj}, status=400)
        obj = form.instance
        attach_unsaved_links(obj, form)
    return PAGES[model](request, obj, extra={"preview": True})


def bind_admin_form(request, obj):
    """The object's admin change form, bound to what the editor has typed (never saved)."""
    model_admin = admin.site._registry[type(obj)]
    form_class = model_admin.get_form(request, obj, change=True)
    return form_class(request.POST, request.FILES, instance=obj)


def attach_unsaved_links(obj, form):
    """Show the form's many-to-many choices instead of the saved ones (public targets only)."""
    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    for field in obj._meta.many_to_many:
        if field.name in form.cleaned_data:
            chosen = [item.pk for item in form.cleaned_data[field.name]]
            queryset = field.related_model.objects.published().filter(pk__in=chosen)
            if hasattr(queryset, "in_display_order"):
                queryset = queryset.in_display_order()
            cache[field.name] = queryset
