"""Shared test fixtures: the seed content, and Debian's Chromium for browser tests."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.serializers import deserialize, serialize
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser tests
# (loading the seed) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


_MIGRATED_GROUPS = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once; each test's transaction rolls its own changes back."""
    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)
        groups = Group.objects.all()
        _MIGRATED_GROUPS.append(serialize("json", groups, use_natural_foreign_keys=True, use_natural_primary_keys=True))


@pytest.fixture
def migrated_groups(transactional_db):
    """The groups migrations create, back after an earlier transactional test emptied the database.

    Transactional (browser) tests end by flushing every table: the seed is reloaded by `load_seed`,
    but the Editors and Publishers groups come from migrations, which a flush does not replay.
    """
    for group in deserialize("json", _MIGRATED_GROUPS[0]):
        group.save()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's chromium (Playwright's own browser download does not work here)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does).")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language: a request leaves its language active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(db):
    """A client logged in through the admin's login form as a member of "Editors"."""
    from core.tests.admin_forms import logged_in_client

    return logged_in_client("editor", "Editors")


@pytest.fixture
def publisher(db):
    """A client logged in through the admin's login form as a member of "Publishers"."""
    from core.tests.admin_forms import logged_in_client

    return logged_in_client("publisher", "Publishers")


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its commit (workflow e-mail): `with mails(): client.post(…)`.

    Tests run inside a transaction that never commits, so on-commit work runs only when asked.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)
