"""The strategies the report recommends, what they answer, and what motivates them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.addresses import reverse
from core.languages import Bilingual
from core.publishing import Publishable
from core.slugs import SlugHistoryMixin
from core.translation_status import own_text
from indicators.models import Cited


class Strategy(Bilingual, Cited, SlugHistoryMixin, Publishable):
    chapter = models.ForeignKey(
        "bluepaper.Chapter",
        verbose_name=_("chapter"),
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    challenges = models.ManyToManyField(
        "bluepaper.Challenge",
        verbose_name=_("challenges it answers"),
        blank=True,
        related_name="strategies",
    )
    findings = models.ManyToManyField(
        "bluepaper.Finding",
        verbose_name=_("findings that motivate it"),
        blank=True,
        related_name="strategies",
    )

    publication_parents = ("chapter", "chapter__report")

    class Meta(Publishable.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["chapter__report", "number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("policies:strategy", kwargs={"slug": self.slug})

    def onward_url(self):
        return reverse("policies:strategy-list")

    def translation_parts(self):
        """Its text for core.translation_status: its own fields and its actions'."""
        actions = (list(self.actions.all()), Action.history.filter(strategy_id=self.pk), ["text"])
        return [*own_text(self), actions]


class Action(models.Model):
    """One concrete step of a strategy, in the order the report gives them."""

    strategy = models.ForeignKey(Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("action"), max_length=500)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["strategy", "order", "pk"]

    def __str__(self):
        return self.text
