"""A request id on every log line and response, so one request can be followed across servers.

nginx (or any proxy) may send its own id in `X-Request-ID`; a well-formed one is kept so that the
proxy's log and the application's agree, anything else is replaced by a fresh id.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")
_current = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Give the request an id, make it current for logging, and send it back in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request.id = offered if _WELL_FORMED.fullmatch(offered) else uuid.uuid4().hex
        # Kept until the response is finished, not reset here: Django logs "Not Found" and
        # errors after the middleware has returned, and those lines need the id most.
        _current.set(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    _current.set("-")


class RequestIdFilter(logging.Filter):
    """Add `request_id` to every log record ("-" outside a request)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True
