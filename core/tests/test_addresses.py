"""Remembered addresses are Django's addresses, for the language, script prefix and settings of the moment."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from core import addresses

ROUTES = [
    ("bluepaper:finding", {"key": "k5uj8", "slug": "high-speed-rail-network"}),
    ("indicators:indicator", {"slug": "high-speed-rail-mileage"}),
    ("api:finding-detail", {"key": "k5uj8"}),
    ("api:finding-detail", {"key": "k5uj8", "format": "json"}),
    ("indicators:indicator-list", None),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("viewname", "kwargs"), ROUTES)
def test_an_address_is_djangos_in_each_language(viewname, kwargs, language):
    with translation.override(language):
        assert addresses.reverse(viewname, kwargs) == django_reverse(viewname, kwargs=kwargs)
        assert addresses.reverse(viewname, kwargs) == django_reverse(viewname, kwargs=kwargs)  # remembered


def test_the_language_and_the_script_prefix_are_part_of_the_key():
    route = ("indicators:indicator", {"slug": "resident-population"})
    with translation.override("zh-hans"):
        chinese = addresses.reverse(*route)
    with translation.override("en"):
        english = addresses.reverse(*route)
    assert (chinese, english) == ("/indicators/resident-population/", "/en/indicators/resident-population/")
    set_script_prefix("/bluepaper/")
    try:
        with translation.override("zh-hans"):
            assert addresses.reverse(*route) == "/bluepaper/indicators/resident-population/"
    finally:
        set_script_prefix("/")
    with translation.override("zh-hans"):
        assert addresses.reverse(*route) == chinese


def test_a_change_of_settings_forgets_every_address():
    addresses.reverse("indicators:indicator-list")
    assert addresses._remembered.cache_info().currsize > 0
    with override_settings(PAGE_MAX_AGE=1):
        assert addresses._remembered.cache_info().currsize == 0


def test_a_route_that_does_not_match_raises_as_django_does():
    with pytest.raises(NoReverseMatch):
        addresses.reverse("indicators:indicator", {"slug": "not a slug"})
