"""The correction page: a held change to a cited figure, published with the text it makes wrong."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import services, workflow
from core.locking import state_token
from core.models import PendingChange
from core.proposals import describe
from indicators.models import Observation

from .corrections import (
    TEXT_FIELDS,
    TEXT_LABELS,
    citing_findings,
    correction_problems,
    correction_publish,
    figures_after,
    proposed_observation,
)
from .models import Finding

NOTE_ATTRS = {"rows": 2, "cols": 90, "class": "vLargeTextField"}
ROWS = {"title": 3, "summary": 4, "body": 8}


class CorrectionForm(forms.Form):
    """Each affected finding's text in both languages, and the change note readers will see."""

    note_zh_hans = forms.CharField(label=_("Change note (Chinese)"), widget=forms.Textarea(attrs=NOTE_ATTRS))
    note_en = forms.CharField(label=_("Change note (English)"), widget=forms.Textarea(attrs=NOTE_ATTRS))

    def __init__(self, *args, findings, proposed, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings, self.proposed = findings, proposed
        for finding in findings:
            for name in TEXT_FIELDS:
                rows = ROWS[name.split("_", 1)[0]]
                self.fields[f"{finding.pk}-{name}"] = forms.CharField(
                    label=TEXT_LABELS[name], initial=getattr(finding, name) or "", required=name.startswith("title_zh"),
                    widget=forms.Textarea(attrs={"rows": rows, "cols": 90, "class": "vLargeTextField"}), strip=False,
                )  # fmt: skip

    def sections(self):
        """The fields of each finding, for the template."""
        return [(finding, [self[f"{finding.pk}-{name}"] for name in TEXT_FIELDS]) for finding in self.findings]

    def texts(self):
        """pk → field → text, with the line ends a stored text has."""
        return {
            finding.pk: {name: self.cleaned_data[f"{finding.pk}-{name}"].replace("\r\n", "\n") for name in TEXT_FIELDS}
            for finding in self.findings
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for finding, texts in zip(self.findings, self.texts().values(), strict=True):
            figures = "; ".join(obs.display_value() for obs in figures_after(finding, self.proposed))
            for name, number in correction_problems(finding, texts, self.proposed):
                message = _("“%(number)s” is none of this finding's figures after the correction (%(figures)s): "
                            "correct the number.")  # fmt: skip
                self.add_error(f"{finding.pk}-{name}", message % {"number": number, "figures": figures})
        return cleaned


def correction_view(model_admin, request, change_id):
    """Show the figure now and as corrected, and the text citing it; publish, send back or discard."""
    change = get_object_or_404(PendingChange, pk=change_id, kind=PendingChange.Kind.CORRECTION)
    model = change.content_type.model_class()
    if not (workflow.can_publish(request.user, Finding) and workflow.can_publish(request.user, model)):
        raise PermissionDenied
    observation = change.content_object
    open_ = change.state == PendingChange.State.PENDING and observation is not None
    findings = list(citing_findings(observation).prefetch_related("observations")) if open_ else []
    proposed = proposed_observation(change) if open_ else None
    form = CorrectionForm(request.POST or None, findings=findings, proposed=proposed)
    if request.method == "POST" and open_:
        response = decide(request, change, form)
        if response is not None:
            return response
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Finding._meta,
        "title": _("Publish a correction"),
        "change": change,
        "observation": observation,
        "proposed": proposed,
        "is_open": open_,
        "figure_rows": figure_rows(observation, proposed) if open_ else [],
        "rows": describe(observation, change.data) if open_ else [],
        "moved_on": open_ and state_token(Observation, observation.pk) != change.base_token,
        "form": form,
    }
    return TemplateResponse(request, "admin/bluepaper/correction.html", context)


def figure_rows(observation, proposed):
    """The figure as readers see it, now and as corrected, in each language."""
    languages = [(_("Chinese"), "zh-hans"), (_("English"), "en")]
    return [
        {"language": name, "now": observation.display_value(code), "proposed": proposed.display_value(code)}
        for name, code in languages
    ]


def decide(request, change, form):
    """Publish (everything at once), send back with a reason, or discard; None: show the form again."""
    reason = request.POST.get("reason", "").strip()
    try:
        if "_publish" in request.POST:
            if not form.is_valid():
                return None
            data = form.cleaned_data
            correction_publish(user=request.user, change=change, texts=form.texts(),
                               note_zh_hans=data["note_zh_hans"], note_en=data["note_en"])  # fmt: skip
            done = _("The correction is published: the figure, the findings' text and the change note are live.")
        elif "_send_back" in request.POST:
            services.change_send_back(user=request.user, change=change, reason=reason)
            done = _("The correction was sent back.")
        elif "_discard" in request.POST:
            services.change_withdraw(user=request.user, change=change)
            done = _("The correction was discarded: nothing public changed.")
        else:
            return None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    messages.success(request, done)
    return redirect(reverse("admin:bluepaper_finding_changelist"))
