"""System checks for what the site needs from the machine it runs on."""

from django.core import checks

from .share_images import ShareFontMissing, font


@checks.register()
def share_image_font(app_configs=None, **kwargs):
    """Fail loudly when the CJK font is missing: share images would show Chinese as boxes."""
    try:
        font(20)
    except (ShareFontMissing, OSError) as error:
        return [checks.Error(str(error), hint="Run `make fonts` (Debian's fonts-noto-cjk).", id="core.E010")]
    return []
