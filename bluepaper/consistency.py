"""The consistency report: where the prose and the data could disagree.

(a) numbers typed into a finding's text that match none of its observations, (b) published findings
whose page now reads differently from their last published version ("stale": a figure, a name or a
note changed since), (c) observations without a source. Run by `manage.py check_consistency` (CI runs
it on the seed) and shown in the admin. `untied_numbers` is also the gate of the finding form and of
the correction page: a public finding never states a number that none of its figures backs.
"""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch

from core.publishing import Status
from indicators.figures import TOKEN, typed_numbers
from indicators.models import Observation

from .models import Finding
from .services import finding_differs_from_version

TEXT_FIELDS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in ("zh_hans", "en")]


@dataclass
class ConsistencyReport:
    untied_numbers: list = field(default_factory=list)  # (finding, field name, number as typed)
    unknown_tokens: list = field(default_factory=list)  # (finding, field name, token)
    stale_findings: list = field(default_factory=list)  # (finding, [observations revised since]): see is_stale
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


def untied_numbers(texts: dict, observations) -> list[tuple[str, str]]:
    """(field, number as typed) for each number in `texts` (field → text) that none of `observations` has."""
    values = {obs.value.normalize() for obs in observations if obs.value is not None}
    return [
        (name, typed)
        for name, text in texts.items()
        for typed, value in typed_numbers(text or "")
        if value.normalize() not in values
    ]


def numbers_in(finding):
    """Problems in one finding's text: typed numbers no observation backs, tokens of no observation of its own."""
    texts = {name: getattr(finding, name) or "" for name in TEXT_FIELDS}
    untied = [(finding, name, typed) for name, typed in untied_numbers(texts, finding.observations.all())]
    observation_ids = {obs.pk for obs in finding.observations.all()}
    unknown = [
        (finding, name, token.group(0))
        for name, text in texts.items()
        for token in TOKEN.finditer(text)
        if int(token[1]) not in observation_ids
    ]
    return untied, unknown


def is_stale(finding) -> bool:
    """Whether readers of `/findings/<key>/` see what its last published version did not record.

    It clears when the figure is set back, or when the finding is saved (recording a new version).
    """
    return finding.status == Status.PUBLISHED and finding_differs_from_version(finding)


def revised_since_publication(finding):
    """The observations changed after its last publication (the likely reason it is stale)."""
    published = finding.last_published or finding.published_at
    if published is None:
        return []
    return [obs for obs in finding.observations.all() if obs.updated_at > published]


def consistency_report() -> ConsistencyReport:
    report = ConsistencyReport()
    for finding in findings_to_check():
        untied, unknown = numbers_in(finding)
        report.untied_numbers += untied
        report.unknown_tokens += unknown
        if is_stale(finding):
            report.stale_findings.append((finding, revised_since_publication(finding)))
    report.unsourced_observations = list(
        Observation.objects.exclude(status=Status.ARCHIVED)
        .filter(source__isnull=True)
        .select_related("indicator", "region")
    )
    return report
