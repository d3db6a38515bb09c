"""The API keeps its own OpenAPI schema: schemathesis generates requests from the schema and checks
every answer against it (no server error, documented status, content type, headers and body).

Run in process against the WSGI application, on the seed content, with a fixed seed, so that a
failure is the same on every machine. Only positive requests (valid per the schema) are sent:
a valid slug for a filter may still name nothing, which the schema documents as a 400.
"""

import logging

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

SEED = 20261202
EXAMPLES_PER_OPERATION = 30  # 18 operations: 540 requests
LEAST_REQUESTS = 500
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def check_operation(operation, sent):
    @hypothesis.seed(SEED)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,  # no example memory between runs: the fixed seed alone decides
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operation.as_strategy())
    def run(case):
        sent.append(case.call_and_validate(checks=CHECKS).status_code)

    run()


@pytest.fixture(autouse=True)
def quiet_request_log():
    """Thousands of 4xx answers are expected here: Django need not log a warning for each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def keep_database_connection():
    """Keep the test's connection (and its transaction) across requests, as Django's test client does.

    Called directly, the WSGI handler closes the connection after each request, which ends the
    test's transaction on PostgreSQL.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_answer_matches_the_schema(keep_database_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    sent = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 18  # list and detail of nine resources
    for operation in operations:
        check_operation(operation, sent)
    assert len(sent) >= LEAST_REQUESTS
    assert all(status < 500 for status in sent)
    assert sent.count(200) > len(sent) // 10, "most requests should not be errors"
