"""Where collectstatic writes: WhiteNoise's compressed, hashed files, the manifest kept apart.

WhiteNoise serves every file under STATIC_ROOT. Django's manifest (staticfiles.json) lists every
static file the project has, admin included, and is read only by the server itself, so it is
written outside STATIC_ROOT, to STATIC_MANIFEST_ROOT (docs/decisions/0010-safe-uploads-and-response-headers.md).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, reading and writing its manifest in STATIC_MANIFEST_ROOT."""

    def __init__(self, *args, manifest_storage=None, **kwargs):
        if manifest_storage is None:
            manifest_storage = FileSystemStorage(location=settings.STATIC_MANIFEST_ROOT)
        super().__init__(*args, manifest_storage=manifest_storage, **kwargs)

    def save_manifest(self):
        super().save_manifest()
        # A manifest left in STATIC_ROOT by an earlier collectstatic would still be served.
        if self.exists(self.manifest_name):
            self.delete(self.manifest_name)
