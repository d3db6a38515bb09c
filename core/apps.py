from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared mechanisms (publishing, slugs, text, languages) that import no app's models."""

    name = "core"
    verbose_name = "Core"
