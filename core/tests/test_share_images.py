"""The share-image drawing: a real CJK font, text wrapped per script, the font's absence is loud."""

import io
from dataclasses import replace

import pytest
from PIL import Image, ImageChops, ImageDraw

from core import checks, share_images
from core.share_images import HEIGHT, WIDTH, Card, Figure, draw_card, font, tokens, wrap

NOTDEF = "\U0010fffd"  # a private-use code point no font has: drawn as the missing-glyph box
TITLE = "到2024年，天津12条重点产业链预计占规模以上工业增加值的82.1%"


def glyph(character, size=64):
    """The bitmap of one character in the share images' font."""
    image = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(image).text((size // 2, size // 4), character, font=font(size), fill=255)
    return image


def differs(a, b) -> bool:
    return ImageChops.difference(a, b).getbbox() is not None


def png(data):
    return Image.open(io.BytesIO(data)).convert("L")


def card(**fields):
    return Card(language="zh-hans", kicker="主要发现", headline=TITLE, site_name="京津冀发展报告", **fields)


def test_the_font_is_the_simplified_chinese_face_of_noto_sans_cjk():
    assert font(40).getname()[0] == "Noto Sans CJK SC"
    assert font(40, bold=True).getname() == ("Noto Sans CJK SC", "Bold")


def test_jing_is_a_real_glyph_not_the_missing_glyph_box():
    box = glyph(NOTDEF)
    assert box.getbbox() is not None  # the font draws its missing-glyph box for a code point it lacks
    assert glyph("京").getbbox() is not None
    assert differs(glyph("京"), box)


def test_no_character_of_a_chinese_title_is_drawn_as_the_missing_glyph_box():
    box = glyph(NOTDEF)
    assert all(differs(glyph(character), box) for character in TITLE if not character.isspace())


def test_the_title_region_of_a_card_is_not_a_row_of_boxes():
    boxes = replace(card(), headline=NOTDEF * len(TITLE))
    title_region = (88, 90, WIDTH - 72, 300)
    drawn, fake = png(draw_card(card())).crop(title_region), png(draw_card(boxes)).crop(title_region)
    assert drawn.getbbox() is not None
    assert differs(drawn, fake)


def test_a_card_is_a_1200_by_630_png():
    image = Image.open(io.BytesIO(draw_card(card(figures=(Figure("82.1%（预计）", "天津 · 2024年"),)))))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))


def test_the_hedge_drawn_beside_a_figure_changes_the_image():
    hedged = card(figures=(Figure("82.1%（预计）", "天津 · 2024年"),))
    bare = replace(hedged, figures=(Figure("82.1%", "天津 · 2024年"),))
    assert differs(png(draw_card(hedged)), png(draw_card(bare)))


def test_chinese_wraps_between_any_two_characters_and_keeps_every_one():
    lines = wrap(TITLE * 2, font(50, True), 600, 10)
    assert len(lines) > 2
    assert "".join(lines) == TITLE * 2
    assert all(font(50, True).getlength(line) <= 600 for line in lines)


def test_punctuation_never_starts_a_line():
    assert "年，" in tokens(TITLE)
    assert not any(line.startswith(("，", "。", "、")) for line in wrap("一二三，四五六。" * 20, font(40), 300, 20))


def test_english_wraps_between_words():
    text = "Beijing's resident population fell from 12.935 million in 2014 to 10.948 million in 2023"
    lines = wrap(text, font(50, True), 700, 10)
    assert len(lines) > 1
    assert " ".join(lines) == text


def test_a_headline_too_long_ends_in_an_ellipsis_after_a_whole_word():
    text = "Zhongguancun enterprises have set up branches " * 10
    lines = wrap(text, font(50, True), 900, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert lines[-1][:-1].split()[-1] in text.split()
    assert len(wrap(TITLE * 5, font(50, True), 900, 3)) == 3


def test_the_fingerprint_follows_what_is_drawn_and_nothing_else():
    assert card().fingerprint() == card().fingerprint()
    assert card().fingerprint() != card(note="本站注：……").fingerprint()
    assert card().fingerprint() == card(extra={"not": "drawn"}).fingerprint()


@pytest.fixture
def no_font(monkeypatch):
    """A machine without fonts-noto-cjk."""
    monkeypatch.setattr(share_images, "_fc_match", lambda pattern: None)
    monkeypatch.setattr(share_images, "FONT_FILES", {False: "/nonexistent/a.ttc", True: "/nonexistent/b.ttc"})
    share_images.font_path.cache_clear()
    share_images.font.cache_clear()
    yield
    share_images.font_path.cache_clear()
    share_images.font.cache_clear()


def test_without_the_cjk_font_the_check_fails_and_nothing_is_drawn(no_font):
    errors = checks.share_image_font()
    assert [error.id for error in errors] == ["core.E010"]
    assert "fonts-noto-cjk" in errors[0].msg
    with pytest.raises(share_images.ShareFontMissing):
        draw_card(card())


def test_with_the_font_the_check_passes():
    assert checks.share_image_font() == []
