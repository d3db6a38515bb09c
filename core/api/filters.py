"""Filter pieces shared by the resources' filtersets (django-filter)."""

from functools import reduce
from operator import or_

import django_filters
from django.conf import settings
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname

MAX_SEARCH_LENGTH = 100  # characters, as on the site's search page


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """An object named by its slug (or key); an unknown or unpublished one is a 400."""

    def __init__(self, *, queryset, to_field_name="slug", **kwargs):
        super().__init__(queryset=queryset, to_field_name=to_field_name, **kwargs)


def published_choices(model, lookup=""):
    """The choices of a filter naming an object: what is public at the time of the request.

    `lookup` follows relations from `model` (`"strategies"`), so that an app can filter by a
    higher app's objects without importing it. A callable, so that "now" is the request's.
    """

    def queryset(request):
        related = model
        for part in filter(None, lookup.split("__")):
            related = related._meta.get_field(part).related_model
        return related.objects.published()

    return queryset


def search_filter(*fields):
    """A `search` filter: the words appear in one of `fields`, in either language, any case."""

    def search(queryset, name, value):
        conditions = [
            Q(**{f"{build_localized_fieldname(field, code)}__icontains": value})
            for field in fields
            for code, _name in settings.LANGUAGES
        ]
        return queryset.filter(reduce(or_, conditions))

    return django_filters.CharFilter(
        method=search,
        max_length=MAX_SEARCH_LENGTH,
        help_text=f"Text to look for in {', '.join(fields)} (Chinese or English).",
    )


def updated_since_filter():
    """Objects changed or published at or after the given time (ISO 8601)."""

    def updated_since(queryset, name, value):
        return queryset.filter(Q(updated_at__gte=value) | Q(published_at__gte=value))

    return django_filters.IsoDateTimeFilter(
        method=updated_since,
        help_text="Changed or published at or after this time, e.g. `2026-11-01T00:00:00+08:00`.",
    )


def ordering_filter(**fields):
    """An `ordering` filter: parameter value → model field; a leading `-` reverses the order.

    Labelled in plain words, as the schema's other descriptions are (django-filter would
    translate its "descending" label once, at import, in whichever language was active).
    """
    labels = {field: name for name, field in fields.items()} | {f"-{name}": f"{name}, descending" for name in fields}
    return django_filters.OrderingFilter(
        fields={field: name for name, field in fields.items()},
        field_labels=labels,
        help_text="Order of the results: one of the values below, or several separated by commas.",
    )
