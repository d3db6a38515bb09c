"""Corrections: a figure that public findings cite changes only together with their text.

A change to such an observation — by the observation form, the indicator's inline, an import or
a restore, whoever makes it — is held by core.services as a correction (`stage_when`). It is
published on the correction page (bluepaper/correction_admin.py, registered with `completed_at`)
with each affected finding's text and a change note in both languages, in one transaction:
readers see the old figure and the old text until then, and the new ones together after it, each
finding recording a new published version.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core import services
from core.models import PendingChange
from core.proposals import apply_values
from core.publishing import Status
from indicators.models import Observation

from .consistency import numbers_in, untied_numbers
from .models import ChangeNote, Finding

# The finding's text a correction may change, in both languages.
TEXT_FIELDS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in ("zh_hans", "en")]
TEXT_LABELS = {
    "title_zh_hans": _lazy("Title (Chinese)"), "title_en": _lazy("Title (English)"),
    "summary_zh_hans": _lazy("Summary (Chinese)"), "summary_en": _lazy("Summary (English)"),
    "body_zh_hans": _lazy("Body (Chinese)"), "body_en": _lazy("Body (English)"),
}  # fmt: skip


def citing_findings(observation):
    """The public findings that cite `observation`: what a change to it would make wrong."""
    return Finding.objects.published().filter(observations=observation).distinct()


def is_cited_in_public(observation) -> bool:
    return observation.status == Status.PUBLISHED and citing_findings(observation).exists()


def correction_url(change) -> str:
    return reverse("admin:bluepaper_finding_correction", args=[change.pk])


services.stage_when(Observation, is_cited_in_public)
services.completed_at(Observation, correction_url)


@services.write_check(Finding)
def finding_states_only_its_figures(*, instance):
    """A public finding states no number none of its figures has, whatever route writes it (a restore,
    an approval, a list action); the finding form and the correction page say so field by field first."""
    if instance.status != Status.PUBLISHED:
        return
    untied, _unknown = numbers_in(Finding.objects.prefetch_related("observations").get(pk=instance.pk))
    if untied:
        _finding, name, number = untied[0]
        message = _("“%(number)s” in %(field)s of “%(finding)s” is none of its figures: correct the number first.")
        raise ValidationError(message % {"number": number, "field": TEXT_LABELS[name], "finding": instance})


def pending_corrections(finding):
    """The corrections awaiting publication of the figures `finding` cites: it needs attention."""
    return PendingChange.objects.filter(
        kind=PendingChange.Kind.CORRECTION,
        state=PendingChange.State.PENDING,
        content_type=ContentType.objects.get_for_model(Observation),
        object_id__in=finding.observations.values_list("pk", flat=True),
    )


def proposed_observation(change):
    """The observation as the correction would make it (not saved)."""
    proposed = copy.copy(change.content_object)
    apply_values(proposed, change.data)
    return proposed


def figures_after(finding, proposed):
    """The finding's figures as readers would see them once the correction is published."""
    return [proposed if obs.pk == proposed.pk else obs for obs in finding.observations.all()]


def correction_problems(finding, texts, proposed) -> list[tuple[str, str]]:
    """(field, number) typed in `texts` that none of the finding's figures would back after the correction."""
    return untied_numbers(texts, figures_after(finding, proposed))


def correction_publish(*, user, change, texts: dict, note_zh_hans: str, note_en: str):
    """Publish the figure, each affected finding's `texts` (pk → field → text) and a change note, at once."""
    findings = list(citing_findings(change.content_object).prefetch_related("observations"))
    if findings and not (note_zh_hans.strip() and note_en.strip()):
        raise ValidationError(_("Write the change note in both languages: readers see it on each finding."))
    proposed = proposed_observation(change)
    for finding in findings:
        if problems := correction_problems(finding, texts.get(finding.pk, {}), proposed):
            name, number = problems[0]
            raise ValidationError(_("“%(number)s” in %(field)s of “%(finding)s” is none of its figures.")
                                  % {"number": number, "field": TEXT_LABELS[name], "finding": finding})  # fmt: skip

    def complete():
        # The figure is written first: each finding's new version renders it, and its note.
        with translation.override(settings.LANGUAGE_CODE):
            for finding in findings:
                note = ChangeNote(finding=finding, text_zh_hans=note_zh_hans.strip(), text_en=note_en.strip())
                services.content_save(user=user, instance=note)
                for name, value in texts.get(finding.pk, {}).items():
                    setattr(finding, name, value)
                services.content_save(user=user, instance=finding, reason=_("Correction"))

    return services.correction_publish(user=user, change=change, complete=complete, comment=note_zh_hans)
