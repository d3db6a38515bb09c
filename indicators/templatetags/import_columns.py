"""The import page names columns as the editor's files do: in Chinese, or by code."""

from django import template

from indicators.resources import column_header as header

register = template.Library()


@register.filter
def column_header(code):
    """The header of the column `code` in the admin's language ("时期", or "period_kind")."""
    try:
        return header(code)
    except Exception:  # noqa: BLE001 - not a column (a whole-row error): show it as it is
        return code
