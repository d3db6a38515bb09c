"""CSV answers: one row per object, UTF-8 with a byte-order mark so that Excel reads Chinese."""

import codecs

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework_csv.renderers import CSVRenderer as LibraryCSVRenderer


def is_scalar(value):
    return not isinstance(value, dict | list)


class CSVRenderer(LibraryCSVRenderer):
    """djangorestframework-csv's renderer, with the columns in the serializer's order.

    A paginated answer gives its `results` as rows; nested objects become dotted columns
    (`indicator.slug`), lists of plain values one cell joined with "; ".
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        rows = [self.flatten_item(item) for item in (data if isinstance(data, list) else [data])]
        header = list(dict.fromkeys(column for row in rows for column in row))
        context = {**(renderer_context or {}), "header": header}
        return codecs.BOM_UTF8 + super().render(rows, media_type, context)

    def flatten_item(self, item):
        if isinstance(item, dict) and not item:
            return {"": ""}
        return super().flatten_item(item)

    def flatten_list(self, values):
        if all(is_scalar(value) for value in values):
            return {"": "; ".join("" if value is None else str(value) for value in values)}
        return super().flatten_list(values)


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, with an unknown `?format=` answered 400 (naming it) instead of 404."""

    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            choices = ", ".join(renderer.format for renderer in renderers if renderer.format != "api")
            raise ValidationError({"format": [_("Unknown format; use one of: %s.") % choices]}) from None
