from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BluepaperConfig(AppConfig):
    """The report itself: editions, chapters, findings and challenges."""

    name = "bluepaper"
    verbose_name = _("Report")

    def ready(self):
        from . import (
            citing,  # noqa: F401 - registers findings and challenges with core.citations
            corrections,  # noqa: F401 - holds changes to cited figures as corrections (core.services)
            search_index,  # noqa: F401 - registers this app's models with core.search
            services,  # noqa: F401 - registers the finding's write hooks with core.services
        )
