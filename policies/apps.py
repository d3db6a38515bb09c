from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """The report's recommended strategies and their concrete actions."""

    name = "policies"
    verbose_name = _("Strategies")

    def ready(self):
        from . import (
            citing,  # noqa: F401 - registers this app's citable items with core.citations
            search_index,  # noqa: F401 - registers this app's models with core.search
        )
