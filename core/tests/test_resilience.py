"""A service behind the site going down: Redis is a cache miss, the database a friendly 503."""

import io
import json
import logging
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.test import override_settings
from pythonjsonlogger.json import JsonFormatter

from core import resilience
from core.request_id import RequestIdFilter

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once, as when Redis has stopped.
REDIS_DOWN = {
    "default": {
        "BACKEND": "core.resilience.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def database_down():
    """Every SQL statement fails as it does when the database server has gone away."""
    gone = OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=gone):
        yield


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_pages_are_served_from_the_database_and_a_warning_logged(client, caplog):
    resilience._last_warning[0] = 0.0
    for path in ("/", "/en/strategies/", "/indicators/high-speed-rail-mileage/", "/api/v1/findings/"):
        assert client.get(path).status_code == 200, path
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.add("key", 1) is False and cache.get_many(["a", "b"]) == {}
    warnings = [r for r in caplog.records if r.name == "bluepaper.resilience" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Redis unavailable" in warnings[0].getMessage()


@pytest.mark.parametrize(
    ("path", "words", "lang"),
    [
        ("/", "暂时无法访问", 'lang="zh-Hans"'),
        ("/en/strategies/", "briefly unavailable", 'lang="en"'),
        ("/en/indicators/high-speed-rail-mileage/", "briefly unavailable", 'lang="en"'),
        ("/regions/beijing/", "暂时无法访问", 'lang="zh-Hans"'),
    ],
)
def test_with_the_database_down_pages_answer_a_friendly_503_in_their_language(client, database_down, path, words, lang):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert words in html and lang in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_with_the_database_down_healthz_answers_503(client, database_down):
    assert client.get("/healthz").status_code == 503


def test_the_error_log_is_json_with_the_request_id(client, database_down):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**options))
    logger = logging.getLogger("bluepaper.resilience")
    logger.addHandler(handler)
    try:
        response = client.get("/en/", HTTP_X_REQUEST_ID="nginx-4f2a9c1d")
    finally:
        logger.removeHandler(handler)
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["request_id"] == response["X-Request-ID"] == "nginx-4f2a9c1d"
    assert record["level"] == "ERROR" and record["logger"] == "bluepaper.resilience"
    assert "Database unavailable" in record["message"]


def test_every_response_carries_a_request_id_and_a_forged_one_is_replaced(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")
    assert forged["X-Request-ID"] != "x\r\nSet-Cookie: a=b" and len(forged["X-Request-ID"]) == 32
