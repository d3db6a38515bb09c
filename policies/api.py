"""The recommended strategies in the public API, read through `published()` like their pages."""

import django_filters
from rest_framework import serializers

from bluepaper.api import ChallengeLinkSerializer, ChapterLinkSerializer, chapter_filter, report_filter
from core.api.filters import SlugFilter, ordering_filter, published_choices, search_filter
from core.api.serializers import (
    ApiUrlField,
    PageUrlField,
    ResourceSerializer,
    SiteCrossReferencesField,
    TranslatedField,
    UntranslatedField,
    site_cross_reference,
)
from core.api.views import PublicViewSet
from core.publishing import published_prefetch
from indicators.api import CitedSerializer, FindingLinkSerializer

from .models import Action, Strategy


class ActionSerializer(ResourceSerializer):
    text = TranslatedField()

    class Meta:
        model = Action
        fields = ["order", "text"]


class StrategySerializer(CitedSerializer):
    url = ApiUrlField(view_name="api:strategy-detail", lookup_field="slug")
    html_url = PageUrlField()
    title = TranslatedField()
    summary = TranslatedField(help_text="Markdown.")
    zh_is_translation = serializers.BooleanField(help_text="The Chinese text is the site's own translation.")
    chapter = ChapterLinkSerializer(read_only=True)
    actions = ActionSerializer(many=True, read_only=True, help_text="Its concrete steps, in order.")
    challenges = site_cross_reference(ChallengeLinkSerializer, "Challenges.")
    findings = site_cross_reference(FindingLinkSerializer, "Findings.")
    site_cross_references = SiteCrossReferencesField()
    untranslated = UntranslatedField()

    class Meta:
        model = Strategy
        fields = [
            "url", "html_url", "number", "slug", "title", "summary", "zh_is_translation", "chapter", "source",
            "locator", "actions", "challenges", "findings", "site_cross_references", "untranslated",
            "published_at", "updated_at",
        ]  # fmt: skip
        site_cross_references = ["challenges", "findings"]


class StrategyFilter(django_filters.FilterSet):
    report = report_filter("chapter__report")
    chapter = chapter_filter()
    challenge = SlugFilter(
        field_name="challenges",
        queryset=published_choices(Strategy, "challenges"),
        help_text="A challenge's slug: the strategies that answer it.",
    )
    finding = SlugFilter(
        field_name="findings",
        queryset=published_choices(Strategy, "findings"),
        to_field_name="key",
        help_text="A finding's key: the strategies it motivates.",
    )
    search = search_filter("title", "summary")
    ordering = ordering_filter(number="number", updated="updated_at")

    class Meta:
        model = Strategy
        fields = ["report", "chapter", "challenge", "finding"]


class StrategyViewSet(PublicViewSet):
    """The strategies the report recommends, with their actions and what they answer."""

    serializer_class = StrategySerializer
    filterset_class = StrategyFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Strategy.objects.published()
            .select_related("chapter__report", "source")
            .prefetch_related(
                "actions",
                published_prefetch(Strategy, "challenges"),
                published_prefetch(Strategy, "findings"),
            )
        )
