from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared mechanisms (publishing, slugs, text, languages) that import no app's models."""

    name = "core"
    # The admin's heading over the images every page may show.
    verbose_name = _("Editorial desk")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
