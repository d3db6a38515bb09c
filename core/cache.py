"""What the write path tells the page cache: the content changed.

Every write through core/services.py ends here once its transaction commits. For now it
moves a site-wide content version that cached pages and validators can key on; per-object
invalidation hangs here too, so that no writer needs to know which pages show what.
"""

from django.core.cache import cache
from django.utils import timezone

CONTENT_VERSION_KEY = "content-version"


def content_version() -> str:
    """An opaque stamp that changes whenever any content changes (shared by every app server)."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = timezone.now().isoformat()
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    return version


def content_changed(instance=None) -> None:
    """Mark every cached rendering as outdated (called after a write commits)."""
    cache.set(CONTENT_VERSION_KEY, timezone.now().isoformat(), timeout=None)
