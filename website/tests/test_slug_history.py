"""A renamed page keeps its old address: every public type with a slug answers 301 to the new one."""

import pytest
from django.conf import settings
from django.utils import translation

from bluepaper.models import Challenge, Chapter, Finding
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = pytest.mark.django_db

PREFIXES = ["", "/en"]


def path_of(item):
    with translation.override(settings.LANGUAGE_CODE):
        return item.get_absolute_url()


def rename(item, slug):
    """Give `item` a new slug through its ordinary save; return its old and new paths."""
    old = path_of(item)
    item.slug = slug
    item.save()
    return old, path_of(item)


@pytest.mark.parametrize("model", [Chapter, Challenge, Strategy, Indicator, Region, Finding])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_an_old_slug_answers_301_to_the_new_one_in_the_same_language(client, model, prefix):
    item = model.objects.published().order_by("pk").first()
    old, new = rename(item, f"renamed-{item.slug}")
    assert old != new
    response = client.get(f"{prefix}{old}")
    assert response.status_code == 301, old
    assert response["Location"] == f"{prefix}{new}"
    assert client.get(f"{prefix}{new}").status_code == 200


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_slug_renamed_twice_still_leads_to_the_page(client, prefix):
    indicator = Indicator.objects.get(slug="high-speed-rail-mileage")
    first, _ = rename(indicator, "hsr")
    _, latest = rename(indicator, "hsr-mileage")
    response = client.get(f"{prefix}{first}")
    assert response.status_code == 301 and response["Location"] == f"{prefix}{latest}"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_finding_key_and_a_report_year_never_change(client, prefix):
    finding = Finding.objects.get(key="k5uj8")
    response = client.get(f"{prefix}/findings/k5uj8/")
    assert response.status_code == 301 and response["Location"] == f"{prefix}{path_of(finding)}"
    assert client.get(f"{prefix}/reports/2025/").status_code == 200
