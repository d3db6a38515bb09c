"""Errors as one JSON shape: `status`, a sentence in `detail`, and `errors` by parameter name."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, its answer reshaped: `{"status": 400, "detail": "…", "errors": {"page": […]}}`."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django answers 500 and logs it
    body = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        body["detail"] = _("Invalid query parameters: see `errors`.")
        body["errors"] = {
            name: [str(message) for message in as_list(messages)] for name, messages in response.data.items()
        }
    else:
        body["detail"] = str(response.data.get("detail", "")) if isinstance(response.data, dict) else str(response.data)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait)
    response.data = body
    return response


def as_list(messages):
    return messages if isinstance(messages, list) else [messages]
