"""A page that knows what it shows reads only the site notes on those things (a `Scope`), and is
never wrong for it: asked about anything else, the index reads every note."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluepaper.models import Finding
from core.publishing import Status
from indicators.models import Indicator, SiteNote
from indicators.site_notes import NoteIndex, Scope

pytestmark = pytest.mark.django_db

HIGH_SPEED_RAIL = "/findings/k5uj8/high-speed-rail-network/"


def note_on(*, observations=(), indicators=(), text="scoped-note-marker"):
    note = SiteNote.objects.create(
        text_zh_hans=text, text_en=text, status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(1)
    )
    note.observations.add(*observations)
    note.indicators.add(*indicators)
    return note


def elsewhere(count):
    """`count` notes on an indicator no page of the high-speed-rail finding shows."""
    population = Indicator.objects.get(slug="resident-population")
    return [note_on(indicators=[population], text=f"elsewhere-{n}") for n in range(count)]


def test_a_scoped_index_answers_as_the_whole_index_does():
    population = Finding.objects.get(key="p7k2m")
    observations = list(population.observations.all())
    scoped = NoteIndex(Scope.of(observations=observations, findings=[population]))
    whole = NoteIndex()
    assert scoped.notes_for(findings=[population]) == whole.notes_for(findings=[population]) != []
    assert scoped.notes_for(observations=observations) == whole.notes_for(observations=observations) != []
    assert set(scoped.notes) < set(whole.notes) or SiteNote.objects.published().count() == len(scoped.notes)


def test_a_scoped_index_reads_only_the_notes_in_its_scope():
    elsewhere(5)
    rail = Finding.objects.get(key="k5uj8")
    scoped = NoteIndex(Scope.of(observations=rail.observations.all(), findings=[rail]))
    assert not any(note.text_en.startswith("elsewhere-") for note in scoped.notes.values())
    assert len(NoteIndex().notes) >= 5


def test_asked_outside_its_scope_the_index_reads_every_note():
    rail = Finding.objects.get(key="k5uj8")
    population = Finding.objects.get(key="p7k2m")
    scoped = NoteIndex(Scope.of(findings=[rail]))
    assert scoped.notes_for(findings=[population]) == NoteIndex().notes_for(findings=[population]) != []
    assert scoped.scope is None  # widened once, then answers everything


def test_the_index_is_one_query_and_knows_each_link_of_a_note():
    """A row per note and link: a note on two figures and an indicator is found through each."""
    rail = Finding.objects.get(key="k5uj8")
    population = Finding.objects.get(key="p7k2m")
    figures = list(rail.observations.all()[:2])
    note = note_on(observations=figures, indicators=[Indicator.objects.get(slug="resident-population")])
    for scope in (Scope.of(observations=figures, findings=[rail]), None):
        with CaptureQueriesContext(connection) as queries:
            index = NoteIndex(scope)
        assert len(queries) == 1
        for figure in figures:
            assert note in index.notes_for(observations=[figure])
        assert note in index.notes_for(findings=[rail])
    # Whole: the indicator's findings too, through the indicator the note is on.
    assert note in index.notes_for(findings=[population])
    assert list(index.notes.values()).count(note) == 1


def test_the_finding_page_flags_a_note_on_its_neighbours_figures(client):
    html = client.get(HIGH_SPEED_RAIL).content.decode()
    neighbour = Finding.objects.get(key=html.split('rel="prev" href="/findings/')[1].split("/")[0])
    assert neighbour.observations.exists()
    note = note_on(observations=neighbour.observations.all())
    assert f"{neighbour.get_absolute_url()}#site-note-{note.pk}" in client.get(HIGH_SPEED_RAIL).content.decode()


@pytest.mark.parametrize("path", [HIGH_SPEED_RAIL, "/indicators/high-speed-rail-mileage/", "/regions/tianjin/"])
def test_notes_elsewhere_add_nothing_to_what_a_page_reads(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as before:
        client.get(path)
    elsewhere(30)
    with CaptureQueriesContext(connection) as after:
        response = client.get(path)
    assert response.status_code == 200
    assert len(after) == len(before)
    read = response.wsgi_request._site_note_index.notes.values()
    assert not any(note.text_en.startswith("elsewhere-") for note in read)
    assert SiteNote.objects.filter(text_en__startswith="elsewhere-").count() == 30


@pytest.mark.parametrize("path", [HIGH_SPEED_RAIL, "/indicators/high-speed-rail-mileage/"])
def test_a_page_makes_the_same_queries_whether_or_not_its_figures_carry_notes(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as without:
        assert "site-note-" not in client.get(path).content.decode()
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    note = note_on(observations=indicator.observations.all())
    with CaptureQueriesContext(connection) as with_note:
        assert f"site-note-{note.pk}" in client.get(path).content.decode()
    assert len(with_note) == len(without)
