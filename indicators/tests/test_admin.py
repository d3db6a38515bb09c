"""Editors read observations in the admin as readers read them on the site."""

import re

import pytest

from core.services import change_propose
from core.tests.admin_forms import logged_in_client
from indicators.models import Observation

pytestmark = pytest.mark.django_db


def population_2014():
    return Observation.objects.get(indicator__slug="resident-population", region__slug="beijing", period_year=2014)


def test_the_observation_list_shows_values_as_readers_read_them_in_chinese():
    client = logged_in_client("zh-editor", "Editors", language="zh-hans")
    html = client.get("/admin/indicators/observation/").content.decode()
    assert "1293.5万人" in html
    assert "12935000.000000" not in html


def test_the_observation_list_shows_values_as_readers_read_them_in_english(editor):
    html = editor.get("/admin/indicators/observation/").content.decode()
    assert "12.935 million people" in html
    assert "12935000.000000" not in html


def test_a_read_only_observation_shows_its_value_as_readers_read_it():
    """A figure with a change awaiting review is read-only for editors, in readers' words."""
    client = logged_in_client("zh-editor", "Editors", language="zh-hans")
    observation = population_2014()
    change_propose(user=client.user, instance=observation, data={"locator": "[3]（待核）"})
    html = client.get(f"/admin/indicators/observation/{observation.pk}/change/").content.decode()
    assert 'name="value"' not in html  # read-only
    readonly = re.findall(r'<div class="readonly">(.*?)</div>', html, re.S)
    assert "1293.5万人" in readonly
    assert "12935000.000000" not in html


def test_an_editable_observation_shows_the_value_readers_see_beside_the_field(publisher):
    observation = population_2014()
    html = publisher.get(f"/admin/indicators/observation/{observation.pk}/change/").content.decode()
    assert re.search(r'name="value" value="12935000"', html)
    assert "12.935 million people" in html
