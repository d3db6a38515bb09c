from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The data: regions, indicators, observations and their sources."""

    name = "indicators"
    verbose_name = _("Data")
