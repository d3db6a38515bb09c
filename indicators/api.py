"""The data in the public API: regions, indicators, observations and sources.

Everything is read through `published()`, and every cross-link through `published_prefetch()`:
what the pages do not show, the API does not either.
"""

import django_filters
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from core.api.filters import SlugFilter, ordering_filter, published_choices, search_filter
from core.api.serializers import (
    ApiUrlField,
    PageUrlField,
    ResourceSerializer,
    TranslatedField,
    UntranslatedField,
    capped,
    count_of,
    link_serializer,
    list_url,
    with_first,
)
from core.api.views import PublicViewSet
from core.publishing import published_prefetch

from .models import Hedge, Indicator, IndicatorCategory, Observation, PeriodKind, Qualifier, Region, SiteNote, Source

# Findings belong to a higher app: named through the relation, never imported.
Finding = Indicator._meta.get_field("findings").related_model
FindingLinkSerializer = link_serializer(Finding, view_name="api:finding-detail", lookup_field="key")


# Serializers ---------------------------------------------------------------------------------


class BlankAsNullUrlField(serializers.URLField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class SourceLinkSerializer(ResourceSerializer):
    url = ApiUrlField(view_name="api:source-detail")
    title = TranslatedField()
    publisher = TranslatedField()
    document_url = BlankAsNullUrlField(source="url", help_text="The source document itself, if online.")

    class Meta:
        model = Source
        fields = ["url", "id", "title", "publisher", "published_on", "document_url"]


class CitedSerializer(ResourceSerializer):
    """A record that names its source and the place in it (the paragraph reference `[3]`)."""

    source = SourceLinkSerializer(read_only=True, allow_null=True)
    locator = serializers.CharField(read_only=True, help_text="Where in the source, e.g. the paragraph `[3]`.")


RegionLinkSerializer = link_serializer(Region, view_name="api:region-detail", lookup_field="slug", title="name")
IndicatorLinkSerializer = link_serializer(
    Indicator, view_name="api:indicator-detail", lookup_field="slug", title="name", translated=("unit",)
)


class SiteNoteSerializer(ResourceSerializer):
    """A note the site adds to figures: the site's words, not the report's, with where they come from."""

    text = TranslatedField(help_text="What the site says about the figures, in its own words.")
    basis = TranslatedField(help_text="Where what the note says comes from.")

    class Meta:
        model = SiteNote
        fields = ["id", "text", "basis"]


SITE_NOTES_HELP = 'The site\'s own notes on the figures (shown as "Site note" on the pages), published ones only.'


@extend_schema_field(SiteNoteSerializer(many=True))
class FigureSiteNotesField(serializers.Field):
    """An observation's site notes: those on the figure and those on its indicator."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, help_text=SITE_NOTES_HELP, **kwargs)

    def to_representation(self, observation):
        notes = {note.pk: note for note in [*observation.site_notes.all(), *observation.indicator.site_notes.all()]}
        ordered = sorted(notes.values(), key=lambda note: (note.order, note.pk))
        return SiteNoteSerializer(ordered, many=True, context=self.context).data


class PeriodSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(source="period_kind", choices=PeriodKind.choices)
    year = serializers.IntegerField(source="period_year", allow_null=True)
    label = serializers.CharField(source="period_label", help_text="As a reader says it: `end of 2023`.")


class ObservationSerializer(CitedSerializer):
    """One figure with everything a reader sees beside it."""

    url = ApiUrlField(view_name="api:observation-detail")
    html_url = PageUrlField()
    indicator = IndicatorLinkSerializer(read_only=True)
    region = RegionLinkSerializer(read_only=True)
    period = PeriodSerializer(source="*", read_only=True)
    value = serializers.DecimalField(
        max_digits=20,
        decimal_places=6,
        coerce_to_string=True,
        normalize_output=True,
        allow_null=True,
        help_text="Exactly as the source gives it, in the indicator's unit; never rounded. Null for a value in words.",
    )
    value_text = TranslatedField(help_text="The value in words, for a figure the source gives without a number.")
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, help_text="exact, about, more than or nearly.")
    unit = TranslatedField(model_field="unit", of="indicator", help_text="The indicator's unit.")
    display_value = serializers.CharField(read_only=True, help_text="As a reader says it: `over 3,200 enterprises`.")
    hedge = serializers.ChoiceField(
        choices=Hedge.choices, help_text='How firmly the source states it: "projection" for "expected to".'
    )
    note = TranslatedField()
    site_notes = FigureSiteNotesField()
    findings = capped(FindingLinkSerializer, "findings", "Published findings citing this figure.")
    findings_count = count_of("How many published findings cite this figure.")
    findings_url = list_url("api:finding-list", "observation", field="pk")(help_text="All the findings citing it.")
    untranslated = UntranslatedField()

    class Meta:
        model = Observation
        fields = [
            "url", "html_url", "id", "indicator", "region", "period", "value", "value_text", "qualifier",
            "hedge", "unit", "display_value", "note", "site_notes", "source", "locator", "findings",
            "findings_count", "findings_url", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip


class ObservationInIndicatorSerializer(ObservationSerializer):
    class Meta(ObservationSerializer.Meta):
        fields = [name for name in ObservationSerializer.Meta.fields if name != "indicator"]


class IndicatorSerializer(ResourceSerializer):
    url = ApiUrlField(view_name="api:indicator-detail", lookup_field="slug")
    html_url = PageUrlField()
    name = TranslatedField()
    category = serializers.ChoiceField(
        choices=IndicatorCategory.choices, allow_blank=True, help_text="The theme it measures; blank when unset."
    )
    category_label = serializers.CharField(
        source="get_category_display", read_only=True, help_text="The theme in the answer's language."
    )
    unit = TranslatedField(help_text='As a reader says it after the number: "people", "km", "%".')
    definition = TranslatedField()
    caveat = TranslatedField(help_text="What a reader must know before using the figures.")
    site_notes = SiteNoteSerializer(many=True, read_only=True, help_text=SITE_NOTES_HELP)
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    observations = capped(ObservationInIndicatorSerializer, "observations", "Its published figures.")
    observations_count = count_of("How many published figures it has.")
    observations_url = list_url("api:observation-list", "indicator")(help_text="All its figures, filterable.")
    findings = capped(FindingLinkSerializer, "findings", "Published findings citing it.")
    findings_count = count_of("How many published findings cite it.")
    findings_url = list_url("api:finding-list", "indicator")(help_text="All the findings citing it, filterable.")
    untranslated = UntranslatedField()

    class Meta:
        model = Indicator
        fields = [
            "url", "html_url", "slug", "name", "category", "category_label", "unit", "definition", "caveat",
            "site_notes", "zh_is_translation", "observations", "observations_count", "observations_url",
            "findings", "findings_count", "findings_url", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip


class RegionSerializer(ResourceSerializer):
    url = ApiUrlField(view_name="api:region-detail", lookup_field="slug")
    html_url = PageUrlField()
    name = TranslatedField()
    short_name = TranslatedField()
    description = TranslatedField()
    observations_url = list_url("api:observation-list", "region")(help_text="Its observations, filterable.")
    findings = capped(FindingLinkSerializer, "findings", "Published findings about it.")
    findings_count = count_of("How many published findings are about it.")
    findings_url = list_url("api:finding-list", "region")(help_text="All the findings about it, filterable.")
    untranslated = UntranslatedField()

    class Meta:
        model = Region
        fields = [
            "url", "html_url", "slug", "name", "short_name", "description", "observations_url", "findings",
            "findings_count", "findings_url", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip


class SourceSerializer(SourceLinkSerializer):
    note = TranslatedField()
    observations_url = list_url("api:observation-list", "source", field="pk")(help_text="The figures from it.")
    untranslated = UntranslatedField()

    class Meta(SourceLinkSerializer.Meta):
        fields = [*SourceLinkSerializer.Meta.fields, "note", "observations_url", "untranslated"]


# Filters -------------------------------------------------------------------------------------


class ObservationFilter(django_filters.FilterSet):
    indicator = SlugFilter(queryset=published_choices(Indicator), help_text="An indicator's slug.")
    region = SlugFilter(queryset=published_choices(Region), help_text="A region's slug.")
    source = django_filters.ModelChoiceFilter(
        queryset=lambda request: Source.objects.cited(), help_text="A source's id."
    )
    finding = SlugFilter(
        field_name="findings",
        queryset=published_choices(Observation, "findings"),
        to_field_name="key",
        help_text="A finding's key: the figures it cites.",
    )
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices)
    period_from = django_filters.NumberFilter(
        field_name="period_year", lookup_expr="gte", min_value=0, max_value=9999, help_text="From this year on."
    )
    period_to = django_filters.NumberFilter(
        field_name="period_year", lookup_expr="lte", min_value=0, max_value=9999, help_text="Up to this year."
    )
    qualifier = django_filters.ChoiceFilter(choices=Qualifier.choices)
    search = search_filter("indicator__name", "region__name", "value_text", "note")
    ordering = ordering_filter(
        period="period_year", indicator="indicator__order", region="region__order", value="value", updated="updated_at"
    )

    class Meta:
        model = Observation
        fields = ["indicator", "region", "source", "finding", "period_kind", "period_from", "period_to", "qualifier"]


class IndicatorFilter(django_filters.FilterSet):
    region = SlugFilter(
        queryset=published_choices(Region),
        method="with_figures_in",
        help_text="A region's slug: indicators with published figures for it.",
    )
    finding = SlugFilter(
        field_name="findings",
        queryset=published_choices(Indicator, "findings"),
        to_field_name="key",
        help_text="A finding's key: the indicators it cites.",
    )
    category = django_filters.ChoiceFilter(
        choices=IndicatorCategory.choices, help_text="The theme it measures: " + ", ".join(IndicatorCategory.values)
    )
    search = search_filter("name", "definition", "caveat")
    ordering = ordering_filter(order="order", slug="slug", updated="updated_at")

    class Meta:
        model = Indicator
        fields = ["region", "finding", "category"]

    def with_figures_in(self, queryset, name, region):
        return queryset.filter(pk__in=Observation.objects.published().for_region(region).values("indicator"))


class RegionFilter(django_filters.FilterSet):
    indicator = SlugFilter(
        queryset=published_choices(Indicator),
        method="with_figures_of",
        help_text="An indicator's slug: regions with published figures for it.",
    )
    search = search_filter("name", "short_name", "description")
    ordering = ordering_filter(order="order", slug="slug")

    class Meta:
        model = Region
        fields = ["indicator"]

    def with_figures_of(self, queryset, name, indicator):
        return queryset.filter(pk__in=Observation.objects.published().filter(indicator=indicator).values("region"))


class SourceFilter(django_filters.FilterSet):
    search = search_filter("title", "publisher")

    class Meta:
        model = Source
        fields = []


# Views ---------------------------------------------------------------------------------------


def figures():
    """Observations as the API shows them: with indicator, region, source and citing findings."""
    return with_first(Observation.objects.in_display_order(), "findings").prefetch_related(
        published_prefetch(Observation, "site_notes"),
        published_prefetch(Observation, "indicator__site_notes"),
    )


OBSERVATION_EXAMPLE = OpenApiExample(
    "High-speed rail mileage (English)",
    response_only=True,
    value={
        "url": "https://bluepaper.example.org/api/v1/observations/8/",
        "html_url": "https://bluepaper.example.org/en/indicators/high-speed-rail-mileage/#obs-8",
        "id": 8,
        "indicator": {
            "url": "https://bluepaper.example.org/api/v1/indicators/high-speed-rail-mileage/",
            "html_url": "https://bluepaper.example.org/en/indicators/high-speed-rail-mileage/",
            "slug": "high-speed-rail-mileage",
            "name": "High-speed rail operating mileage",
            "unit": "km",
        },
        "region": {
            "url": "https://bluepaper.example.org/api/v1/regions/jing-jin-ji/",
            "html_url": "https://bluepaper.example.org/en/regions/jing-jin-ji/",
            "slug": "jing-jin-ji",
            "name": "Beijing–Tianjin–Hebei region",
        },
        "period": {"kind": "year_end", "year": 2023, "label": "end of 2023"},
        "value": "2624",
        "value_text": "",
        "qualifier": "exact",
        "unit": "km",
        "display_value": "2,624 km",
        "note": "",
        "source": {
            "url": "https://bluepaper.example.org/api/v1/sources/1/",
            "id": 1,
            "title": "Beijing–Tianjin–Hebei Development Report 2025: …",
            "publisher": "Jing Ji Guan Cha Wang (Economic Observer Online)",
            "published_on": "2025-07-21T13:20:00+08:00",
            "document_url": None,
        },
        "locator": "[4]",
        "findings": [
            {
                "url": "https://bluepaper.example.org/api/v1/findings/k5uj8/",
                "html_url": "https://bluepaper.example.org/en/findings/k5uj8/high-speed-rail-network/",
                "key": "k5uj8",
                "title": "Comprehensive transport network largely established: …",
            }
        ],
        "untranslated": [],
        "published_at": "2025-07-21T13:20:00+08:00",
        "updated_at": "2025-07-21T13:20:00+08:00",
    },
)


@extend_schema_view(
    list=extend_schema(
        examples=[OBSERVATION_EXAMPLE],
        parameters=[
            OpenApiParameter(
                "indicator",
                str,
                description="An indicator's slug.",
                examples=[OpenApiExample("High-speed rail mileage", value="high-speed-rail-mileage")],
            )
        ],
    ),
    retrieve=extend_schema(examples=[OBSERVATION_EXAMPLE]),
)
class ObservationViewSet(PublicViewSet):
    """Figures: an indicator's value for a region and a period, as the source states it."""

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter

    def get_queryset(self):
        return figures().published()


class IndicatorViewSet(PublicViewSet):
    """What is measured, with its figures and the findings citing it."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "slug"

    def get_queryset(self):
        indicators = Indicator.objects.published().prefetch_related(published_prefetch(Indicator, "site_notes"))
        return with_first(with_first(indicators, "observations", figures()), "findings")


class RegionViewSet(PublicViewSet):
    """Beijing, Tianjin, Hebei and the region as a whole."""

    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_field = "slug"

    def get_queryset(self):
        return with_first(Region.objects.published(), "findings")


class SourceViewSet(PublicViewSet):
    """Documents cited by published content; the citing record gives the place (`locator`)."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return Source.objects.cited()
