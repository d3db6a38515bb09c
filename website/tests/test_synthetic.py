"""The synthetic data set for `make bench`: N times the seed, published, every object marked."""

import pytest
from django.core.management import CommandError, call_command

from bluepaper.models import Challenge, Chapter, Finding, Report
from core.publishing import Publishable
from indicators.models import Indicator, Observation, Region, SiteNote, Source
from policies.models import Action, Strategy

pytestmark = pytest.mark.django_db

# What --scale 2 adds: twice the seed's shape (4 regions, 8 indicators, 1 edition of 4 chapters,
# 8 findings, 4 challenges, 5 strategies of 2 actions), 3 observations per new indicator and 2 more
# for each of the seed's 8 indicators, a site note per ten new indicators, one source.
EXPECTED = {
    Region: 8,
    Indicator: 16,
    Observation: 16 * 3 + 8 * 2,
    SiteNote: 1,
    Source: 1,
    Report: 2,
    Chapter: 8,
    Finding: 16,
    Challenge: 8,
    Strategy: 10,
    Action: 20,
}
MARKED_TEXT = {
    Region: "name",
    Indicator: "name",
    Observation: "note",
    SiteNote: "text",
    Source: "title",
    Report: "title",
    Chapter: "title",
    Finding: "title",
    Challenge: "title",
    Strategy: "title",
    Action: "text",
}


def added_by(scale):
    """The objects `make_synthetic --scale` adds, by model."""
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in EXPECTED}
    call_command("make_synthetic", scale=scale, force=True, verbosity=0)
    return {model: list(model.objects.exclude(pk__in=before[model])) for model in EXPECTED}


def test_adds_the_scale_times_the_seed_every_object_marked_and_published():
    added = added_by(2)
    assert {model: len(objects) for model, objects in added.items()} == EXPECTED
    for model, objects in added.items():
        field = MARKED_TEXT[model]
        for obj in objects:
            assert getattr(obj, f"{field}_zh_hans").startswith("「合成」"), obj
            assert getattr(obj, f"{field}_en").startswith("[synthetic] "), obj
            if hasattr(obj, "slug"):
                assert obj.slug.startswith("synthetic-"), obj
        if issubclass(model, Publishable):
            assert model.objects.published().filter(pk__in=[o.pk for o in objects]).count() == len(objects)


def test_findings_cite_figures_and_seed_pages_grow(client):
    added_by(2)
    finding = Finding.objects.filter(slug__startswith="synthetic-").first()
    assert finding.observations.count() >= 2
    page = client.get(finding.get_absolute_url())
    assert page.status_code == 200
    assert "「合成」" in page.content.decode()
    indicator = client.get("/indicators/high-speed-rail-mileage/").content.decode()
    assert "生成的数据，不是真实数据。" in indicator


def test_refuses_a_database_not_named_for_benchmarks_and_a_second_run():
    with pytest.raises(CommandError, match="bench"):
        call_command("make_synthetic", scale=1, verbosity=0)
    assert not Region.objects.filter(slug__startswith="synthetic-").exists()
    call_command("make_synthetic", scale=1, force=True, verbosity=0)
    with pytest.raises(CommandError, match="already"):
        call_command("make_synthetic", scale=1, force=True, verbosity=0)
