"""Addresses of routes, remembered: `reverse()` for the links that pages and API answers repeat.

Django's `reverse()` matches the route's pattern against its arguments on every call: a quarter of
an API list's time went to it (decision 45), for a few thousand addresses that never change. The
same route and arguments give the same address as long as the URLconf, the script prefix and the
language do not change; all three are part of the key, and a change of settings (in tests)
forgets everything.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language


def reverse(viewname, kwargs=None):
    """`django.urls.reverse(viewname, kwargs=kwargs)`, remembered: raises NoReverseMatch as it does."""
    arguments = tuple(sorted(kwargs.items())) if kwargs else ()
    return _remembered(viewname, arguments, get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=16384)  # about 2 MB; the 100x benchmark set has some 10,000 addresses in each language
def _remembered(viewname, arguments, language, script_prefix, urlconf):
    # The language and script prefix are read again by Django: they are arguments to be in the key.
    return django_reverse(viewname, urlconf=urlconf, kwargs=dict(arguments))


@receiver(setting_changed)
def _forget(**kwargs):
    _remembered.cache_clear()
