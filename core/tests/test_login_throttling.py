"""Login throttling through the admin's real login form (review S6; django-axes).

Five wrong passwords for one account from one address pause logins to that account from that
address for 15 minutes, with a notice in the editor's language; nobody else is locked out.
"""

import contextlib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.tests.admin_forms import PASSWORD, csrf_token

pytestmark = pytest.mark.django_db

NOTICE = {
    "en": "Too many failed attempts to log in as “{username}” from this address.",
    "zh-hans": "以“{username}”登录失败的次数过多。",
}
WRONG_PASSWORD = {"en": "Please enter the correct username and password", "zh-hans": "请输入一个正确的"}


@pytest.fixture
def editors():
    return [User.objects.create_user(name, password=PASSWORD, is_staff=True) for name in ("wang", "li")]


def browser(address="203.0.113.7", language="en"):
    """A browser with CSRF checks on, at `address`, asking for `language`."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def log_in(client, username, password):
    """Submit the admin's login form as a person does: open it, fill it in, send it."""
    token = csrf_token(client.get("/admin/login/?next=/admin/"))
    data = {"username": username, "password": password, "next": "/admin/", "csrfmiddlewaretoken": token}
    return client.post("/admin/login/?next=/admin/", data)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, username, times):
    return [log_in(client, username, "not-the-password") for _ in range(times)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_five_wrong_passwords_pause_the_account_with_a_notice_in_the_editors_language(editors, language):
    client = browser(language=language)
    first_four = fail(client, "wang", 4)
    assert all(r.status_code == 200 and WRONG_PASSWORD[language] in r.content.decode() for r in first_four)

    fifth = fail(client, "wang", 1)[0]
    right = log_in(client, "wang", PASSWORD)

    for response in (fifth, right):
        assert response.status_code == 429
        html = response.content.decode()
        assert NOTICE[language].format(username="wang") in html
        assert 'id="login-form"' in html  # still the login page, to try again later
    assert not logged_in(right)
    assert client.get("/admin/").status_code == 302  # to the login page: not logged in


def test_another_account_from_the_same_address_is_not_paused(editors):
    client = browser()
    fail(client, "wang", 5)
    assert logged_in(log_in(browser(), "li", PASSWORD))


def test_the_same_account_from_another_address_is_not_paused(editors):
    fail(browser("203.0.113.7"), "wang", 5)
    assert logged_in(log_in(browser("198.51.100.20"), "wang", PASSWORD))


@contextlib.contextmanager
def clock_moved_on(delta):
    """Let django-axes see the time `delta` from now (it reads the clock in three places)."""

    def later():
        return real_now() + delta

    real_now = timezone.now
    with (
        mock.patch("django.utils.timezone.now", later),
        mock.patch("axes.attempts.now", later),
        mock.patch("axes.handlers.proxy.now", later),
    ):
        yield


def test_logging_in_works_again_after_fifteen_minutes(editors):
    client = browser()
    fail(client, "wang", 5)
    with clock_moved_on(timedelta(minutes=14)):
        assert log_in(client, "wang", PASSWORD).status_code == 429
    with clock_moved_on(timedelta(minutes=16)):
        assert logged_in(log_in(client, "wang", PASSWORD))


def test_an_administrator_can_unlock_the_account_at_once(editors):
    client = browser()
    fail(client, "wang", 5)
    call_command("axes_reset_username", "wang", verbosity=0)
    assert logged_in(log_in(client, "wang", PASSWORD))


def test_behind_a_proxy_the_client_address_comes_from_the_proxys_header(settings, editors):
    # As prod.py sets it with TRUSTED_PROXY_HEADER=X-Real-IP: every request comes from nginx.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")
    attacker = Client(enforce_csrf_checks=True, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    colleague = Client(enforce_csrf_checks=True, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.20")
    fail(attacker, "wang", 5)
    assert log_in(attacker, "wang", PASSWORD).status_code == 429
    assert logged_in(log_in(colleague, "wang", PASSWORD))
