"""The data behind the report: what is measured, where, when, and who says so."""

from functools import reduce
from operator import or_

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.addresses import reverse
from core.languages import Bilingual, localized
from core.publishing import Publishable, PublishableQuerySet
from core.slugs import SlugHistoryMixin

from .formatting import format_period, format_quantity, format_quantity_html


class SourceQuerySet(models.QuerySet):
    def cited(self):
        """Return the sources that some public object cites: the only ones shown to the public."""
        citing = [
            model
            for model in apps.get_models()
            if issubclass(model, Cited) and issubclass(model, Publishable) and not model._meta.abstract
        ]
        return self.filter(reduce(or_, (models.Q(pk__in=m.objects.published().values("source")) for m in citing)))


class Source(models.Model):
    """A document that figures and claims come from; the citing record gives the locator."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateTimeField(_("publication date"), null=True, blank=True)
    url = models.URLField(_("address (URL)"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})"


class Cited(models.Model):
    """Abstract: a record that names its source document and the place in it."""

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    locator = models.CharField(
        _("locator"),
        max_length=50,
        blank=True,
        help_text=_("Where in the source, e.g. the paragraph reference [3]."),
    )

    class Meta:
        abstract = True


class Region(SlugHistoryMixin, Publishable):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Publishable.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:region", kwargs={"slug": self.slug})

    def onward_url(self):
        return reverse("indicators:region-list")


class IndicatorCategory(models.TextChoices):
    """The theme an indicator measures: the site's own grouping, for readers and the API's filter."""

    POPULATION = "population", _("population")
    DECONGESTION = "decongestion", _("relocation of non-capital functions")
    INDUSTRY = "industry", _("industrial cooperation and innovation")
    TRANSPORT = "transport", _("transport")
    PUBLIC_SERVICES = "public_services", _("public services")
    ECOLOGY = "ecology", _("ecology and environment")


class Indicator(Bilingual, SlugHistoryMixin, Publishable):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    unit = models.CharField(
        _("unit"),
        max_length=50,
        blank=True,
        help_text=_('As a reader says it after the number: "people", "km", "%".'),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=IndicatorCategory.choices,
        blank=True,
        help_text=_("The theme it measures: groups the indicators for readers and filters them in the API."),
    )
    definition = models.TextField(_("definition"), blank=True)
    caveat = models.TextField(_("caveat"), blank=True, help_text=_("What a reader must know before using the figures."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Publishable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:indicator", kwargs={"slug": self.slug})

    def onward_url(self):
        return reverse("indicators:indicator-list")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    NEARLY = "nearly", _("nearly")


class Hedge(models.TextChoices):
    """How firmly the source states a figure: a projection or an estimate is shown as one, everywhere."""

    NONE = "none", _("stated as fact")
    PROJECTION = "projection", _("projection (expected)")
    ESTIMATE = "estimate", _("estimate")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("in a year")
    YEAR_END = "year_end", _("at the end of a year")
    SINCE = "since", _("since a year")
    CUMULATIVE = "cumulative", _("cumulative to date")


class ObservationQuerySet(PublishableQuerySet):
    def for_region(self, region):
        return self.filter(region=region)

    def in_display_order(self):
        return self.select_related("indicator", "region", "source").order_by(
            "indicator__order", "region__order", "period_year", "pk"
        )


class Observation(Cited, Publishable):
    """One observation: an indicator's value for a region and a period, as the source states it.

    A reader sees it as a figure (`display_value()`); finding text cites it by figure token.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="observations"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="observations")
    period_kind = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.YEAR)
    period_year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Empty only for a cumulative figure.")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Exactly as the source gives it, in the indicator's base unit; never rounded."),
    )
    value_text = models.CharField(
        _("value in words"),
        max_length=100,
        blank=True,
        help_text=_('For a figure the source gives in words, such as "all".'),
    )
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT)
    hedge = models.CharField(
        _("hedge"),
        max_length=20,
        choices=Hedge.choices,
        default=Hedge.NONE,
        help_text=_('How the source states it: "expected to" is a projection; the figure then reads "expected".'),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("What the source says about the figure."))

    publication_parents = ("indicator", "region")
    objects = ObservationQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator__order", "region__order", "period_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(value_text=""),
                name="observation_has_a_value",
            )
        ]

    def __str__(self):
        return f"{self.indicator} · {self.region} · {self.period_label()}: {self.display_value()}"

    def get_absolute_url(self):
        return f"{self.indicator.get_absolute_url()}#obs-{self.pk}"

    def clean(self):
        errors = {}
        if self.value is None and not self.value_text:
            errors["value"] = _("Give the value as a number, or in words if the source has no number.")
        if self.period_kind != PeriodKind.CUMULATIVE and self.period_year is None:
            errors["period_year"] = _("This kind of period needs a year.")
        if errors:
            raise ValidationError(errors)

    def display_value(self, language=None):
        """The figure as a reader says it: qualifier, number, unit and hedge, in the page's language."""
        return format_quantity(*self._quantity_args(language), hedge=self.hedge)

    def display_html(self, language=None):
        """As `display_value`, for a page: the number and its unit never wrap apart."""
        return format_quantity_html(*self._quantity_args(language), hedge=self.hedge)

    def _quantity_args(self, language):
        value_text = localized(self, "value_text", language).text
        return self.value, value_text, self.qualifier, localized(self.indicator, "unit", language).text, language

    def period_label(self, language=None):
        return format_period(self.period_kind, self.period_year, language)


class SiteNote(Publishable):
    """A note the site adds to figures: the site's own words, never the report's.

    Shown under the heading "Site note" (本站注) wherever the figures it qualifies appear, with
    its basis: where what it says comes from (docs/decisions/0028-site-notes.md).
    """

    text = models.TextField(_("text"), help_text=_("What the site says about the figures, in its own words."))
    basis = models.TextField(
        _("basis"),
        help_text=_("Where what the note says comes from: a source and year, or the site's own comparison."),
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indicators"),
        blank=True,
        related_name="site_notes",
        help_text=_("Every figure of these indicators carries the note."),
    )
    observations = models.ManyToManyField(
        Observation,
        verbose_name=_("figures"),
        blank=True,
        related_name="site_notes",
        help_text=_("These figures carry the note."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Publishable.Meta):
        verbose_name = _("site note")
        verbose_name_plural = _("site notes")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        """Where a reader finds the note in full: the page of the first indicator it qualifies."""
        indicator = self.indicators.first() or Indicator.objects.filter(observations__site_notes=self).first()
        return f"{indicator.get_absolute_url()}#site-note-{self.pk}" if indicator else ""


def site_notes_for(observations=(), indicators=(), findings=()):
    """The published site notes on these figures, indicators or findings' figures, each once, in order."""
    observation_pks = [o.pk for o in observations]
    indicator_pks = [i.pk for i in indicators] + [o.indicator_id for o in observations]
    finding_pks = [f.pk for f in findings]
    if not (observation_pks or indicator_pks or finding_pks):
        return []
    matches = SiteNote.objects.published().filter(
        models.Q(observations__in=observation_pks)
        | models.Q(indicators__in=indicator_pks)
        | models.Q(observations__findings__in=finding_pks)
        | models.Q(indicators__findings__in=finding_pks)
    )
    return list(SiteNote.objects.filter(pk__in=matches.values("pk")))
