"""The report: an annual edition, its chapters, its findings and the challenges it names."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.addresses import reverse
from core.languages import Bilingual
from core.publishing import Publishable
from core.slugs import SlugHistoryMixin
from indicators.figures import render_figures
from indicators.models import Cited

from .keys import new_key


class Report(Bilingual, Cited, Publishable):
    """One annual edition of the blue paper."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    image = models.ForeignKey(
        "core.Image",
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Publishable.Meta):
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bluepaper:report", kwargs={"year": self.year})


class Chapter(Bilingual, Cited, SlugHistoryMixin, Publishable):
    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="chapters")
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    image = models.ForeignKey(
        "core.Image",
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    publication_parents = ("report",)

    class Meta(Publishable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "slug"], name="chapter_slug_per_report"),
            models.UniqueConstraint(fields=["report", "number"], name="chapter_number_per_report"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("bluepaper:chapter", kwargs={"year": self.report.year, "slug": self.slug})

    def onward_url(self):
        return self.report.get_absolute_url()


class Finding(Bilingual, Cited, Publishable):
    """One claim of the report, with the observations, indicators and regions behind it."""

    key = models.CharField(
        _("key"),
        max_length=12,
        unique=True,
        default=new_key,
        editable=False,
        help_text=_("Short and permanent: the finding's citable address."),
    )
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.PROTECT, related_name="findings")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    featured = models.BooleanField(
        _("key finding"), default=False, help_text=_("Shown with its figures on the home page.")
    )
    slug = models.SlugField(_("slug"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), help_text=_("One or two sentences."))
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    image = models.ForeignKey(
        "core.Image",
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    observations = models.ManyToManyField(
        "indicators.Observation", verbose_name=_("observations"), blank=True, related_name="findings"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("indicators"), blank=True, related_name="findings"
    )
    regions = models.ManyToManyField(
        "indicators.Region", verbose_name=_("regions"), blank=True, related_name="findings"
    )

    publication_parents = ("chapter", "chapter__report")

    class Meta(Publishable.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["chapter__report", "chapter__number", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bluepaper:finding", kwargs={"key": self.key, "slug": self.slug})

    def onward_url(self):
        return self.chapter.get_absolute_url()

    def observations_by_id(self):
        """Its public observations by id, for rendering its figure tokens (from prefetched data)."""
        return {observation.pk: observation for observation in self.observations.all()}

    def with_figures(self, html):
        """Rendered text with each figure token `[[figure:N]]` as observation N's live, linked figure."""
        return render_figures(html, self.observations_by_id())

    def cited_indicators(self):
        """Its observations' indicators and those linked directly, once each (from prefetched data)."""
        indicators = {obs.indicator_id: obs.indicator for obs in self.observations.all()}
        for indicator in self.indicators.all():
            indicators.setdefault(indicator.pk, indicator)
        return list(indicators.values())


class Challenge(Bilingual, Cited, SlugHistoryMixin, Publishable):
    """A problem the report names, with the findings that show it."""

    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.PROTECT, related_name="challenges")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    evidence = models.ManyToManyField(Finding, verbose_name=_("evidence"), blank=True, related_name="challenges")

    publication_parents = ("chapter", "chapter__report")

    class Meta(Publishable.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["chapter__report", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bluepaper:challenge", kwargs={"slug": self.slug})

    def onward_url(self):
        return self.chapter.get_absolute_url()


class ChangeNote(models.Model):
    """A public correction note: what changed in a published finding, and when."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="change_notes"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what changed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


class FindingVersionQuerySet(models.QuerySet):
    def seen(self):
        """The versions readers have seen: their publication time has come (a scheduled one has not)."""
        return self.filter(published_at__lte=timezone.now())


class FindingVersion(models.Model):
    """A finding exactly as it was published, once per publication: /findings/<key>/v<N>/."""

    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    # The page's article as rendered at publication, per language: quoted text never changes.
    html_zh_hans = models.TextField(_("page (Chinese)"))
    html_en = models.TextField(_("page (English)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FindingVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["finding", "number"]
        constraints = [models.UniqueConstraint(fields=["finding", "number"], name="finding_version_number_once")]

    def __str__(self):
        return f"{self.finding.key} v{self.number}"

    def get_absolute_url(self):
        return reverse("bluepaper:finding-version", kwargs={"key": self.finding.key, "number": self.number})
