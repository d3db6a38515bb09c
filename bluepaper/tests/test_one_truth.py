"""One truth per figure: a number a finding states in its title or summary is one of its figures.

Crawled from the public pages, as a reader or a journalist quoting the site sees them (the
heading, the lead, the <title> and the description), in both languages.
"""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils import translation

from bluepaper.models import Finding
from indicators.figures import typed_numbers

pytestmark = pytest.mark.django_db

PLACES = {
    "heading": re.compile(r"<h1>(.*?)</h1>", re.S),
    "lead": re.compile(r'<p class="lead prose">(.*?)</p>', re.S),
    "title": re.compile(r"<title>(.*?)</title>", re.S),
    "description": re.compile(r'<meta name="description" content="([^"]*)"'),
}


def stated_numbers(html):
    """(place, number as written, value) for each number in the page's heading, lead, title and description."""
    found = []
    for place, pattern in PLACES.items():
        for match in pattern.finditer(html):
            text = unescape(re.sub(r"<[^>]+>", "", match.group(1)))
            found += [(place, written, value) for written, value in typed_numbers(text)]
    return found


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_number_a_public_finding_states_is_one_of_its_figures(language):
    checked = 0
    for finding in Finding.objects.published().prefetch_related("observations"):
        figures = {obs.value.normalize() for obs in finding.observations.all() if obs.value is not None}
        with translation.override(language):
            url = finding.get_absolute_url()
        html = Client().get(url).content.decode()
        for place, written, value in stated_numbers(html):
            assert value.normalize() in figures, f"{url}: {place} states {written}, none of {sorted(figures)}"
            checked += 1
    assert checked >= 10  # the seed's titles state their figures: the test looked at them
