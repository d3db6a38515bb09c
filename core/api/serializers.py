"""Serializer pieces shared by every resource: bilingual text, links, sources, change times."""

from functools import cache
from urllib.parse import urlencode

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import preserve_builtin_query_params

from core.addresses import reverse
from core.languages import localized
from core.publishing import published_count, published_prefetch


class LatestChange:
    """The latest change among every object a response shows: its `Last-Modified`."""

    def __init__(self):
        self.value = None

    def see(self, obj):
        now = timezone.now()
        for name in ("updated_at", "published_at", "created_at"):
            moment = getattr(obj, name, None)
            if moment is not None and moment <= now and (self.value is None or moment > self.value):
                self.value = moment


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """A bilingual field in the request's language; the Chinese text when the English is missing."""

    def __init__(self, model_field=None, of=None, **kwargs):
        self.model_field, self.of = model_field, of  # `of`: the field of a related object, e.g. "indicator"
        super().__init__(source="*", read_only=True, **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.model_field = self.model_field or field_name

    def localized(self, obj):
        return localized(getattr(obj, self.of) if self.of else obj, self.model_field)

    def to_representation(self, obj):
        return self.localized(obj).text

    def is_fallback(self, obj):
        return self.localized(obj).is_fallback


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class UntranslatedField(serializers.Field):
    """The names of the fields shown in Chinese because their English text is missing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Fields shown in Chinese because their English text is missing.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        fields = self.parent.fields.items()
        return [name for name, field in fields if isinstance(field, TranslatedField) and field.is_fallback(obj)]


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """An object's API address, as DRF draws it, with the route's address remembered (core/addresses.py).

    DRF's own `get_url` less its versioning scheme, which this API does not use.
    """

    def get_url(self, obj, view_name, request, format):
        if obj.pk in (None, ""):
            return None
        kwargs = {self.lookup_url_kwarg: getattr(obj, self.lookup_field)}
        if format is not None:
            kwargs["format"] = format
        return preserve_builtin_query_params(request.build_absolute_uri(reverse(view_name, kwargs)), request)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of an object's public page, in the request's language."""

    def __init__(self, method="get_absolute_url", **kwargs):
        self.method = method
        kwargs.setdefault("help_text", "The public page, in the language of the answer.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(getattr(obj, self.method)())


class ResourceSerializer(serializers.ModelSerializer):
    """Base of every resource and link: notes what it shows for the answer's `Last-Modified`."""

    def to_representation(self, instance):
        latest = self.context.get("latest_change")
        if latest is not None:
            latest.see(instance)
        return super().to_representation(instance)


class LinkSerializer(ResourceSerializer):
    """A link to an object, drawn once per answer: a list of findings links the same chapter,
    regions and indicators many times over, and each link costs two URL reversals."""

    def to_representation(self, instance):
        drawn = self.context.setdefault("drawn_links", {})  # the answer's context, shared by every field
        key = (type(self), instance.pk)
        if key not in drawn:
            drawn[key] = super().to_representation(instance)
        return dict(drawn[key])


@cache  # one class per kind of link, whichever app asks for it: one schema component
def link_serializer(model, *, view_name, lookup_field, title="title", translated=(), fields=()):
    """A short serializer for a link to `model`: API address, public page and title.

    `translated` names more bilingual fields to show, `fields` more plain model fields.
    """
    key = "id" if lookup_field == "pk" else lookup_field
    attributes = {
        "url": ApiUrlField(view_name=view_name, lookup_field=lookup_field),
        "html_url": PageUrlField(),
        **{name: TranslatedField() for name in (title, *translated)},
        "Meta": type("Meta", (), {"model": model, "fields": ["url", "html_url", key, title, *translated, *fields]}),
    }
    return type(f"{model.__name__}Link", (LinkSerializer,), attributes)


# An answer embeds at most this many of a list that grows with the content (the findings citing
# an indicator, a region or a figure; an indicator's figures), each with `<list>_count` and
# `<list>_url` beside it: a list of 50 indicators each cited by hundreds of findings must not
# cost seconds or megabytes (decision 45). The pages cap the same lists (decision 41).
EMBEDDED_AT_MOST = 10


class CappedListSerializer(serializers.ListSerializer):
    """The first EMBEDDED_AT_MOST items: `published_prefetch(…, limit=EMBEDDED_AT_MOST)` reads no more."""

    def to_representation(self, data):
        return super().to_representation(data[:EMBEDDED_AT_MOST])


def first_of(relation):
    """The attribute holding the first EMBEDDED_AT_MOST of `relation` (a cut prefetch's `to_attr`)."""
    return f"first_{relation}"


def with_first(queryset, relation, related=None):
    """`queryset` with what `capped(…, relation, …)` and `<relation>_count` show: the first
    EMBEDDED_AT_MOST public objects of `relation` (prefetched, `related` refining them) and how
    many there are (annotated)."""
    model = queryset.model
    first = published_prefetch(model, relation, related, limit=EMBEDDED_AT_MOST, to_attr=first_of(relation))
    return queryset.annotate(**{f"{relation}_count": published_count(model, relation)}).prefetch_related(first)


def capped(serializer_class, relation, help_text):
    """At most EMBEDDED_AT_MOST `serializer_class` items of `relation`, in the order of the whole list.

    Read from `first_of(relation)`, which `with_first(queryset, relation)` fills.
    """
    help_text = f"{help_text} At most {EMBEDDED_AT_MOST}: the first of the list at the `…_url` beside it."
    return CappedListSerializer(
        child=serializer_class(), source=first_of(relation), read_only=True, help_text=help_text
    )


def count_of(help_text):
    """The length of the whole list that a capped list begins (annotated by `with_first`)."""
    return serializers.IntegerField(read_only=True, help_text=help_text)


def list_url(view_name, parameter, field="slug"):
    """A link to a filtered list: the observations of this indicator, the findings citing it…"""

    @extend_schema_field(OpenApiTypes.URI)
    class ListUrlField(serializers.Field):
        def __init__(self, **kwargs):
            super().__init__(source="*", read_only=True, **kwargs)

        def to_representation(self, obj):
            query = urlencode({parameter: getattr(obj, field)})
            return self.context["request"].build_absolute_uri(f"{reverse(view_name)}?{query}")

    return ListUrlField


SITE_CROSS_REFERENCE = "The site's cross-reference: the blue paper does not make this link."


def site_cross_reference(link_serializer_class, help_text):
    """A list of links that the site adds, not the source: its schema help says so.

    Name the field in the serializer's `Meta.site_cross_references` too: the answer lists it.
    """
    return link_serializer_class(many=True, read_only=True, help_text=f"{SITE_CROSS_REFERENCE} {help_text}")


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SiteCrossReferencesField(serializers.Field):
    """The names of the link fields that are the site's cross-references, not the source's."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "The fields whose links this site adds as a reading aid: the blue paper does not make them.",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return list(self.parent.Meta.site_cross_references)
