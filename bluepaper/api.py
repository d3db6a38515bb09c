"""The report in the public API: editions, chapters, findings and challenges.

Read through `published()` and `published_prefetch()` like the pages: a draft, scheduled or
archived object, or one under an unpublished chapter or report, shows nowhere.
"""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from core.addresses import reverse
from core.api.filters import SlugFilter, ordering_filter, published_choices, search_filter, updated_since_filter
from core.api.serializers import (
    ApiUrlField,
    PageUrlField,
    ResourceSerializer,
    SiteCrossReferencesField,
    TranslatedField,
    UntranslatedField,
    link_serializer,
    site_cross_reference,
)
from core.api.views import PublicViewSet
from core.languages import localized
from core.publishing import published_prefetch
from core.text import render_markdown
from indicators.api import (
    CitedSerializer,
    FindingLinkSerializer,
    IndicatorLinkSerializer,
    ObservationSerializer,
    RegionLinkSerializer,
    figures,
)
from indicators.models import Indicator, Region

from .models import Challenge, ChangeNote, Chapter, Finding, FindingVersion, Report

ReportLinkSerializer = link_serializer(Report, view_name="api:report-detail", lookup_field="year")
ChapterLinkSerializer = link_serializer(Chapter, view_name="api:chapter-detail", lookup_field="pk", fields=("number",))
ChallengeLinkSerializer = link_serializer(Challenge, view_name="api:challenge-detail", lookup_field="slug")
# Strategies belong to a higher app: named through the relation, never imported.
Strategy = Finding._meta.get_field("strategies").related_model
StrategyLinkSerializer = link_serializer(
    Strategy, view_name="api:strategy-detail", lookup_field="slug", fields=("number",)
)


# Serializers ---------------------------------------------------------------------------------


class ReportSerializer(CitedSerializer):
    url = ApiUrlField(view_name="api:report-detail", lookup_field="year")
    html_url = PageUrlField()
    title = TranslatedField()
    summary = TranslatedField()
    introduction = TranslatedField(help_text="Markdown.")
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    chapters = ChapterLinkSerializer(many=True, read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = Report
        fields = [
            "url", "html_url", "year", "title", "summary", "introduction", "zh_is_translation", "source", "locator",
            "chapters", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip


class ChapterSerializer(CitedSerializer):
    url = ApiUrlField(view_name="api:chapter-detail")
    html_url = PageUrlField()
    report = ReportLinkSerializer(read_only=True)
    title = TranslatedField()
    summary = TranslatedField()
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    findings = FindingLinkSerializer(many=True, read_only=True)
    challenges = ChallengeLinkSerializer(many=True, read_only=True)
    strategies = StrategyLinkSerializer(many=True, read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = Chapter
        fields = [
            "url", "html_url", "id", "report", "number", "slug", "title", "summary", "zh_is_translation", "source",
            "locator", "findings", "challenges", "strategies", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip


class ChangeNoteSerializer(ResourceSerializer):
    text = TranslatedField(help_text="What changed.")

    class Meta:
        model = ChangeNote
        fields = ["date", "text"]


class VersionSerializer(ResourceSerializer):
    html_url = PageUrlField(help_text="The finding exactly as it was published this time.")

    class Meta:
        model = FindingVersion
        fields = ["number", "published_at", "html_url"]


@extend_schema_field(OpenApiTypes.URI)
class PermanentUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, finding):
        path = reverse("bluepaper:finding-short", kwargs={"key": finding.key})
        return self.context["request"].build_absolute_uri(path)


@extend_schema_field(OpenApiTypes.STR)
class BodyHtmlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, finding):
        return finding.with_figures(str(render_markdown(localized(finding, "body").text)))


class FindingSerializer(CitedSerializer):
    url = ApiUrlField(view_name="api:finding-detail", lookup_field="key")
    html_url = PageUrlField()
    permanent_url = PermanentUrlField(help_text="The short address that never breaks: cite this one.")
    title = TranslatedField()
    summary = TranslatedField()
    body = TranslatedField(help_text="Markdown; `[[figure:N]]` stands for observation N of `observations`.")
    body_html = BodyHtmlField(help_text="The body as the page shows it, figures written out.")
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    version = serializers.SerializerMethodField(help_text="The number of its current published version.")
    versions = VersionSerializer(source="public_versions", many=True, read_only=True)
    change_notes = ChangeNoteSerializer(many=True, read_only=True, help_text="Public corrections, newest first.")
    report = ReportLinkSerializer(source="chapter.report", read_only=True)
    chapter = ChapterLinkSerializer(read_only=True)
    observations = ObservationSerializer(many=True, read_only=True, help_text="The figures it cites.")
    indicators = IndicatorLinkSerializer(many=True, read_only=True)
    regions = RegionLinkSerializer(many=True, read_only=True)
    challenges = site_cross_reference(ChallengeLinkSerializer, "Challenges.")
    strategies = site_cross_reference(StrategyLinkSerializer, "Strategies.")
    site_cross_references = SiteCrossReferencesField()
    untranslated = UntranslatedField()

    class Meta:
        model = Finding
        fields = [
            "url", "html_url", "permanent_url", "key", "slug", "title", "summary", "body", "body_html",
            "zh_is_translation", "featured", "order", "version", "versions", "change_notes", "report", "chapter",
            "source", "locator", "observations", "indicators", "regions", "challenges", "strategies",
            "site_cross_references", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip
        site_cross_references = ["challenges", "strategies"]

    def get_version(self, finding) -> int | None:
        versions = finding.public_versions
        return versions[-1].number if versions else None


class ChallengeSerializer(CitedSerializer):
    url = ApiUrlField(view_name="api:challenge-detail", lookup_field="slug")
    html_url = PageUrlField()
    title = TranslatedField()
    description = TranslatedField(help_text="Markdown.")
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    chapter = ChapterLinkSerializer(read_only=True)
    evidence = site_cross_reference(FindingLinkSerializer, "Findings.")
    strategies = site_cross_reference(StrategyLinkSerializer, "Strategies.")
    site_cross_references = SiteCrossReferencesField()
    untranslated = UntranslatedField()

    class Meta:
        model = Challenge
        fields = [
            "url", "html_url", "slug", "title", "description", "zh_is_translation", "chapter", "source", "locator",
            "evidence", "strategies", "site_cross_references", "untranslated", "published_at", "updated_at",
        ]  # fmt: skip
        site_cross_references = ["evidence", "strategies"]


# Filters -------------------------------------------------------------------------------------


def report_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=published_choices(Report), to_field_name="year", help_text="A report's year."
    )


def chapter_filter():
    return django_filters.ModelChoiceFilter(queryset=published_choices(Chapter), help_text="A chapter's id.")


class ReportFilter(django_filters.FilterSet):
    search = search_filter("title", "summary", "introduction")
    ordering = ordering_filter(year="year")

    class Meta:
        model = Report
        fields = []


class ChapterFilter(django_filters.FilterSet):
    report = report_filter("report")
    search = search_filter("title", "summary")
    ordering = ordering_filter(number="number")

    class Meta:
        model = Chapter
        fields = ["report"]


class FindingFilter(django_filters.FilterSet):
    report = report_filter("chapter__report")
    chapter = chapter_filter()
    region = SlugFilter(field_name="regions", queryset=published_choices(Region), help_text="A region's slug.")
    indicator = SlugFilter(
        field_name="indicators",
        queryset=published_choices(Indicator),
        help_text="An indicator's slug.",
    )
    strategy = SlugFilter(
        field_name="strategies",
        queryset=published_choices(Finding, "strategies"),
        help_text="A strategy's slug: the findings that motivate it.",
    )
    featured = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="by_featured",
        help_text="`true`: only the key findings; `false`: only the others.",
    )
    observation = django_filters.ModelChoiceFilter(
        field_name="observations",
        queryset=published_choices(Finding, "observations"),
        help_text="An observation's id: the findings citing that figure.",
    )
    updated_since = updated_since_filter()
    search = search_filter("title", "summary", "body")
    ordering = ordering_filter(chapter="chapter__number", order="order", published="published_at", updated="updated_at")

    class Meta:
        model = Finding
        fields = ["report", "chapter", "region", "indicator", "strategy", "observation", "featured"]

    def by_featured(self, queryset, name, value):
        return queryset.filter(featured=value == "true")


class ChallengeFilter(django_filters.FilterSet):
    report = report_filter("chapter__report")
    chapter = chapter_filter()
    strategy = SlugFilter(
        field_name="strategies",
        queryset=published_choices(Challenge, "strategies"),
        help_text="A strategy's slug: the challenges it answers.",
    )
    search = search_filter("title", "description")
    ordering = ordering_filter(order="order", updated="updated_at")

    class Meta:
        model = Challenge
        fields = ["report", "chapter", "strategy"]


# Views ---------------------------------------------------------------------------------------


def public_versions():
    """A finding's versions already live, oldest first, as `public_versions`."""
    versions = FindingVersion.objects.seen().order_by("number")
    return Prefetch("versions", queryset=versions, to_attr="public_versions")


class ReportViewSet(PublicViewSet):
    """Editions of the blue paper, one a year."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    lookup_field = "year"

    def get_queryset(self):
        return (
            Report.objects.published().select_related("source").prefetch_related(published_prefetch(Report, "chapters"))
        )


class ChapterViewSet(PublicViewSet):
    """The chapters of each edition, with their findings, challenges and strategies."""

    serializer_class = ChapterSerializer
    filterset_class = ChapterFilter

    def get_queryset(self):
        return (
            Chapter.objects.published()
            .select_related("report", "source")
            .prefetch_related(
                published_prefetch(Chapter, "findings"),
                published_prefetch(Chapter, "challenges"),
                published_prefetch(Chapter, "strategies"),
            )
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "region",
                str,
                description="A region's slug.",
                examples=[OpenApiExample("Tianjin", value="tianjin")],
            ),
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description=FindingFilter.base_filters["updated_since"].extra["help_text"],
                examples=[OpenApiExample("Since 1 November 2026", value="2026-11-01T00:00:00+08:00")],
            ),
        ]
    ),
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                "key", str, OpenApiParameter.PATH, examples=[OpenApiExample("High-speed rail", value="k5uj8")]
            )
        ]
    ),
)
class FindingViewSet(PublicViewSet):
    """The report's claims, each with its figures, versions, corrections and cross-links."""

    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    lookup_field = "key"

    def get_queryset(self):
        return (
            Finding.objects.published()
            .select_related("chapter__report", "source")
            .prefetch_related(
                published_prefetch(Finding, "observations", figures()),
                published_prefetch(Finding, "indicators"),
                published_prefetch(Finding, "regions"),
                published_prefetch(Finding, "strategies"),
                published_prefetch(Finding, "challenges"),
                "change_notes",
                public_versions(),
            )
        )


class ChallengeViewSet(PublicViewSet):
    """The problems the report names, with their evidence and the strategies that answer them."""

    serializer_class = ChallengeSerializer
    filterset_class = ChallengeFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Challenge.objects.published()
            .select_related("chapter__report", "source")
            .prefetch_related(published_prefetch(Challenge, "evidence"), published_prefetch(Challenge, "strategies"))
        )
