"""The consistency report: where the prose and the data could disagree.

(a) numbers typed into a finding's text that match none of its observations, (b) findings whose
observations were revised after the finding was last published ("stale"), (c) observations without a
source. Run by `manage.py check_consistency` (CI runs it on the seed) and shown in the admin.
"""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch

from core.publishing import Status
from indicators.figures import TOKEN, typed_numbers
from indicators.models import Observation

from .models import Finding

TEXT_FIELDS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in ("zh_hans", "en")]


@dataclass
class ConsistencyReport:
    untied_numbers: list = field(default_factory=list)  # (finding, field name, number as typed)
    unknown_tokens: list = field(default_factory=list)  # (finding, field name, token)
    stale_findings: list = field(default_factory=list)  # (finding, [observations revised since])
    unsourced_observations: list = field(default_factory=list)

    @property
    def problem_count(self):
        return sum(
            len(part)
            for part in (self.untied_numbers, self.unknown_tokens, self.stale_findings, self.unsourced_observations)
        )


def findings_to_check():
    """Every finding that is or will be public, with its observations, in two queries."""
    return (
        Finding.objects.exclude(status__in=[Status.ARCHIVED])
        .annotate(last_published=Max("versions__published_at"))
        .prefetch_related(Prefetch("observations", Observation.objects.select_related("indicator")))
        .order_by("pk")
    )


def numbers_in(finding):
    """Problems in one finding's text: typed numbers no observation backs, tokens of no observation of its own."""
    values = {obs.value.normalize() for obs in finding.observations.all() if obs.value is not None}
    observation_ids = {obs.pk for obs in finding.observations.all()}
    untied, unknown = [], []
    for name in TEXT_FIELDS:
        text = getattr(finding, name) or ""
        untied += [(finding, name, typed) for typed, value in typed_numbers(text) if value.normalize() not in values]
        unknown += [
            (finding, name, token.group(0)) for token in TOKEN.finditer(text) if int(token[1]) not in observation_ids
        ]
    return untied, unknown


def revised_since_publication(finding):
    """Its observations changed after its last publication (a published version, or its publish time)."""
    published = finding.last_published or finding.published_at
    if finding.status != Status.PUBLISHED or published is None:
        return []
    return [obs for obs in finding.observations.all() if obs.updated_at > published]


def consistency_report() -> ConsistencyReport:
    report = ConsistencyReport()
    for finding in findings_to_check():
        untied, unknown = numbers_in(finding)
        report.untied_numbers += untied
        report.unknown_tokens += unknown
        revised = revised_since_publication(finding)
        if revised:
            report.stale_findings.append((finding, revised))
    report.unsourced_observations = list(
        Observation.objects.exclude(status=Status.ARCHIVED)
        .filter(source__isnull=True)
        .select_related("indicator", "region")
    )
    return report
