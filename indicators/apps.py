from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The data: regions, indicators, observations and their sources."""

    name = "indicators"
    verbose_name = _("Data")

    def ready(self):
        from . import (
            citing,  # noqa: F401 - registers this app's citable items with core.citations
            search_index,  # noqa: F401 - registers this app's models with core.search
        )
