"""The site's own notes beside the figures they qualify (docs/decisions/0028-site-notes-and-cross-references.md).

A page asks for the notes of many cards; all are answered from one index per request, built in
one query (site notes are few), so a page's query count does not grow with its cards.
The template tags (`{% site_notes %}`, `{% site_notes_about %}`) read it; so do feeds, citations
and embed sizes.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q

from core.publishing import built_once

from .models import SiteNote


class NoteIndex:
    """The published site notes, by the observation, indicator and finding they qualify.

    A page that knows what it shows may give a `Scope` (`scope_notes()`): the index then reads only
    the notes on those things, which keeps its cost flat as notes accumulate elsewhere. Asked about
    anything outside its scope, it reads them all, so a scope can make a page faster, never wrong.
    """

    def __init__(self, scope=None):
        self._load(scope)

    def _load(self, scope):
        """One query: each note with what it qualifies (findings, a higher app, by relation name).

        A row per note and link: the links join the notes (LEFT OUTER, so a note on nothing still
        comes), and the scope's condition keeps the rows that name something on the page. Every
        link of the scope that a note has is on such a row, since the condition asks for any of
        the row's links to be in the scope. A page shows a note's text and basis only: the other
        fields are left in the database (they made up half the cost of the index on a page).
        """
        self.scope = scope
        shown = _public_notes()["notes"]
        if scope is not None:
            shown = shown.filter(scope.condition())
        rows = shown.only("pk", "order", "text", "basis").annotate(
            observation_id=F("observations"),
            indicator_id=F("indicators"),
            observation_finding_id=F("observations__findings"),
            indicator_finding_id=F("indicators__findings"),
        )
        self.notes = {}
        self.by_observation, self.by_indicator, self.by_finding = defaultdict(set), defaultdict(set), defaultdict(set)
        for row in rows:
            note = self.notes.setdefault(row.pk, row)
            if row.observation_id is not None:
                self.by_observation[row.observation_id].add(note.pk)
            if row.indicator_id is not None:
                self.by_indicator[row.indicator_id].add(note.pk)
            for finding_id in (row.observation_finding_id, row.indicator_finding_id):
                if finding_id is not None:
                    self.by_finding[finding_id].add(note.pk)

    def notes_for(self, observations=(), indicators=(), findings=()):
        if self.scope is not None and not self.scope.covers(observations, indicators, findings):
            self._load(None)
        ids = set()
        for observation in observations:
            ids |= self.by_observation.get(observation.pk, set()) | self.by_indicator.get(
                observation.indicator_id, set()
            )
        for indicator in indicators:
            ids |= self.by_indicator.get(indicator.pk, set())
        for finding in findings:
            ids |= self.by_finding.get(finding.pk, set())
        return sorted((self.notes[pk] for pk in ids), key=lambda note: (note.order, note.pk))


@built_once
def _public_notes():
    return {"notes": SiteNote.objects.published()}


@dataclass(frozen=True)
class Scope:
    """What a page shows figures of: the notes on these are all the page needs."""

    observations: frozenset
    indicators: frozenset
    findings: frozenset

    @classmethod
    def of(cls, observations=(), indicators=(), findings=()):
        observations = [obj for obj in observations if obj is not None]
        indicator_ids = {obj.pk for obj in indicators if obj is not None}
        indicator_ids |= {obs.indicator_id for obs in observations}  # a figure shows its indicator's notes
        return cls(
            frozenset(obs.pk for obs in observations),
            frozenset(indicator_ids),
            frozenset(obj.pk for obj in findings if obj is not None),
        )

    def condition(self):
        """The notes on these figures, indicators, and findings' figures and indicators."""
        return (
            Q(observations__in=self.observations)
            | Q(indicators__in=self.indicators)
            | Q(observations__findings__in=self.findings)
            | Q(indicators__findings__in=self.findings)
        )

    def covers(self, observations, indicators, findings):
        return (
            {obs.pk for obs in observations} <= self.observations
            and {obs.indicator_id for obs in observations} <= self.indicators
            and {obj.pk for obj in indicators} <= self.indicators
            and {obj.pk for obj in findings} <= self.findings
        )


def request_index(request) -> NoteIndex:
    """The request's index: built once, on first use, unless the view scoped it (`scope_notes`)."""
    if not hasattr(request, "_site_note_index"):
        request._site_note_index = NoteIndex()
    return request._site_note_index


def scope_notes(request, **shown):
    """Read only the notes on what this page shows (`Scope.of(**shown)`): before it renders."""
    request._site_note_index = NoteIndex(Scope.of(**shown))
