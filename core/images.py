"""Uploaded images: checked by their content, and resized into renditions for the pages.

An upload is refused unless it is at most IMAGE_MAX_BYTES, really a PNG, JPEG, WebP or GIF
(whatever its name says) and at most IMAGE_MAX_PIXELS. The pixel count comes from the header,
before any pixel is decoded, so a decompression bomb costs a few bytes of reading.

The stored file's name never comes from the upload: it is a fresh random name with the
extension of the format the content really is (`stored_name`), so a GIF named x.js is stored
as .gif and a PNG named x.html as .png, and the media server's Content-Type follows the content.

The stored width and height are the image as seen, EXIF rotation applied (UprightImageField).
Renditions are WebP copies at a few widths (never wider than the original), upright, with the
EXIF and XMP metadata (camera, place, author) left behind. They live under
MEDIA_ROOT/renditions/, named after the original's whole stored name (unique in the storage,
so no upload can replace another's renditions) and computed from its size, so a page names
them without a query or a look at the disk: `image_make_renditions` writes them when an editor
saves the image (ImageAdmin.save_model).
"""

import secrets
import struct
import warnings
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image

from . import languages

FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
# The extension a stored file gets for each format: the allow-list of what media may hold.
# Pillow reads a JPEG that carries extra pictures (a camera's MPO) as "MPO": to a browser, a JPEG.
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
MIME_TYPES = "image/png,image/jpeg,image/webp,image/gif"
RENDITION_WIDTHS = (480, 960, 1600)
# The text column's width on a wide screen; the full viewport on a phone.
PICTURE_SIZES = "(min-width: 900px) 864px, 100vw"
MB = 1024 * 1024
BOMB_ERRORS = (Image.DecompressionBombError, Image.DecompressionBombWarning)


def upload_help_text() -> str:
    return _(
        "PNG, JPEG, WebP or GIF, at most %(bytes)s MB and %(pixels)s pixels. "
        "Smaller copies for the pages are made when you save."
    ) % {"bytes": f"{settings.IMAGE_MAX_BYTES / MB:g}", "pixels": f"{settings.IMAGE_MAX_PIXELS:,}"}


# Validation ---------------------------------------------------------------------------------


def validate_image_file(file) -> None:
    """Refuse a file that is too large, is not an allowed image, or has too many pixels."""
    if getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            code="file_too_large",
            params={"size": f"{file.size / MB:.1f}", "limit": f"{settings.IMAGE_MAX_BYTES / MB:g}"},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            check_image_content(file)
    except BOMB_ERRORS as error:
        raise too_many_pixels() from error
    finally:
        file.seek(0)


def check_image_content(file) -> None:
    """Read the header, check the pixel count, then decode the first frame to prove it is real."""
    picture = open_header(file)
    width, height = picture.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise too_many_pixels(width, height)
    try:
        picture.load()
    except (OSError, SyntaxError, ValueError, struct.error) as error:
        raise not_an_image() from error


def open_header(file) -> Image.Image:
    """Parse the header as one of FORMATS, without decoding pixels.

    Image.open would refuse a huge image with Pillow's own decompression-bomb error before
    telling its size; asking the format's parser directly lets the editor learn the size.
    """
    Image.init()
    prefix = file.read(16)
    for name in FORMATS:
        factory, accept = Image.OPEN[name]
        if accept is not None and not accept(prefix):
            continue
        file.seek(0)
        try:
            return factory(file, "")
        except (OSError, SyntaxError, ValueError, IndexError, TypeError, struct.error):
            continue
    raise not_an_image()


def stored_name(file) -> str:
    """A fresh random name for `file`, with the extension of the format its content is."""
    position = file.tell()
    file.seek(0)
    try:
        image_format = open_header(file).format
    finally:
        file.seek(position)
    return secrets.token_hex(16) + EXTENSIONS[image_format]


def not_an_image() -> ValidationError:
    return ValidationError(_("This file is not a PNG, JPEG, WebP or GIF image."), code="not_an_image")


def too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = f"{settings.IMAGE_MAX_PIXELS:,}"
    if width is None:
        message = _("This image has too many pixels to open safely; the limit is %(limit)s pixels.")
    else:
        message = _("This image is %(width)s × %(height)s pixels; the limit is %(limit)s pixels.")
    params = {"width": width, "height": height, "limit": limit}
    return ValidationError(message, code="too_many_pixels", params=params)


class ImageUploadField(forms.ImageField):
    """An upload field whose only image check is `validate_image_file`.

    Django's own ImageField opens the file with Pillow first and answers every problem, a
    decompression bomb included, with one vague message; here each gets its own.
    """

    default_validators = [validate_image_file]

    def to_python(self, data):
        return forms.FileField.to_python(self, data)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": MIME_TYPES}


# The stored size ---------------------------------------------------------------------------

# How to turn the stored pixels upright for each EXIF orientation (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SIDEWAYS = {5, 6, 7, 8}


def exif_orientation(picture: Image.Image) -> int:
    """The orientation the header declares (1, upright, when it declares none)."""
    exif = Image.Exif()
    if picture.info.get("exif"):
        exif.load(picture.info["exif"])
    return exif.get(ExifTags.Base.Orientation, 1)


def upright(picture: Image.Image) -> Image.Image:
    method = UPRIGHT.get(exif_orientation(picture))
    return picture.transpose(method) if method else picture


def upright_size(file) -> tuple[int, int] | tuple[None, None]:
    """Width and height of `file` as seen (EXIF rotation applied), from its header alone."""
    try:
        picture = open_header(file)
    except (ValidationError, *BOMB_ERRORS):
        return None, None
    width, height = picture.size
    return (height, width) if exif_orientation(picture) in SIDEWAYS else (width, height)


class UprightImageFieldFile(ImageFieldFile):
    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            position = self.tell()
            self.seek(0)
            try:
                self._dimensions_cache = upright_size(self)
            finally:
                self.close() if close else self.seek(position)
        return self._dimensions_cache


class UprightImageField(models.ImageField):
    """An image whose width and height are as seen, and whose upload is checked by content.

    Django's ImageField reads the size with Pillow's bomb check on (a crash on a huge image)
    and ignores the EXIF rotation; here both come from `open_header`.
    """

    attr_class = UprightImageFieldFile

    def pre_save(self, model_instance, add):
        # Name a new upload after its content before the storage sees the name it came with.
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.name = stored_name(file)
        return super().pre_save(model_instance, add)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


# Renditions ---------------------------------------------------------------------------------


def rendition_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """Width and height of each rendition of a `width` × `height` image, narrowest first."""
    if not width or not height:
        return []
    widths = sorted({min(target, width) for target in RENDITION_WIDTHS})
    return [(w, max(1, round(height * w / width))) for w in widths]


def rendition_name(file_name: str, width: int) -> str:
    """Storage name of the `width` rendition of the original stored as `file_name`.

    The whole stored name, extension included, goes into it: stored names are unique, so two
    originals never share a rendition (a.png and a.jpg would, were the extension dropped).
    """
    stem = PurePosixPath(file_name)
    return f"renditions/{stem.parent}/{stem.stem}-{stem.suffix.lstrip('.')}-{width}w.webp"


def image_make_renditions(*, image) -> list[str]:
    """Write the WebP renditions of `image` to its storage, upright; return their names."""
    with image.file.open("rb") as file, Image.open(file, formats=FORMATS) as original:
        original.load()  # before the file closes
        icc_profile = original.info.get("icc_profile") if original.mode in ("RGB", "RGBA") else None
        picture = for_the_web(upright(original))
    storage = image.file.storage
    names = []
    for size in rendition_sizes(image.width, image.height):
        copy = picture if size == picture.size else picture.resize(size, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        # No exif= or xmp=: the camera, place and author stay behind.
        copy.save(buffer, "WEBP", quality=82, icc_profile=icc_profile)
        name = rendition_name(image.file.name, size[0])
        storage.delete(name)  # replace, rather than get a randomly suffixed name
        names.append(storage.save(name, ContentFile(buffer.getvalue())))
    return names


def image_rename_by_content(*, image) -> bool:
    """Move an image stored under its upload's name to a name from its content; remake renditions.

    For images uploaded before names came from content (core migration 0005). The original is
    copied to the new name and then removed; an unreadable file is left as it is (media serves
    no file whose extension is not an image's). Return whether the image moved.
    """
    storage, old_name = image.file.storage, image.file.name
    if not old_name or not storage.exists(old_name):
        return False
    with storage.open(old_name, "rb") as file:
        content = ContentFile(file.read())
    try:
        new_name = f"{PurePosixPath(old_name).parent}/{stored_name(content)}"
    except ValidationError:
        return False
    image.file = storage.save(new_name, content)  # a new FieldFile: the old one caches its file
    image.save(update_fields=["file"])
    storage.delete(old_name)
    for width, _height in rendition_sizes(image.width, image.height):
        storage.delete(f"renditions/{PurePosixPath(old_name).with_suffix('')}-{width}w.webp")
    image_make_renditions(image=image)
    return True


def for_the_web(picture: Image.Image) -> Image.Image:
    """Convert to RGB, or RGBA when the image has transparency (WebP holds nothing else)."""
    if picture.mode in ("RGB", "RGBA"):
        return picture
    return picture.convert("RGBA" if picture.has_transparency_data else "RGB")


def picture_context(image, sizes: str = PICTURE_SIZES) -> dict:
    """What `{% picture %}` needs: renditions as src/srcset, and the text in the page's language."""
    renditions = rendition_sizes(image.width, image.height) if image else []
    if not renditions:
        return {}
    widths = [width for width, _height in renditions]
    urls = {width: image.file.storage.url(rendition_name(image.file.name, width)) for width in widths}
    middle = max((width for width in widths if width <= 960), default=widths[0])
    alt = languages.localized(image, "alt_text")
    caption = languages.localized(image, "caption")
    credit = languages.localized(image, "credit")
    return {
        "src": urls[middle],
        "srcset": ", ".join(f"{url} {width}w" for width, url in urls.items()),
        "sizes": sizes,
        "width": renditions[-1][0],
        "height": renditions[-1][1],
        "alt": alt.text,
        "alt_lang": languages.html_lang(alt.language) if alt.is_fallback else "",
        "caption": caption.text,
        "caption_lang": languages.html_lang(caption.language) if caption.is_fallback else "",
        "credit": credit.text,
        "credit_lang": languages.html_lang(credit.language) if credit.is_fallback else "",
    }
