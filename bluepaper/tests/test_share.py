"""Sharing a finding: its share image over HTTP, cached by content, its QR code and share box."""

import io
import re
from decimal import Decimal
from urllib.parse import parse_qs, quote, urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageChops

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core import share_images
from core.cache import content_changed
from core.publishing import Status
from core.qr import qr_svg
from indicators.models import Observation
from indicators.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

TIANJIN = "e9gs4"  # 82.1%, a projection [4]
POPULATION = "p7k2m"  # 1293.5万 and 1094.8万, with the site's note on them [3]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def drawn(monkeypatch):
    """The cards drawn during the test, in order (the drawing itself still runs)."""
    calls = []
    draw = share_images.draw_card

    def spy(card):
        calls.append(card)
        return draw(card)

    monkeypatch.setattr(share_images, "draw_card", spy)
    return calls


def image(response):
    return Image.open(io.BytesIO(response.content))


def test_the_share_image_of_a_chinese_finding_is_a_1200_by_630_png_with_text(client):
    response = client.get(f"/findings/{TIANJIN}/share.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    picture = image(response)
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    grey = picture.convert("L")
    assert grey.getextrema()[0] < 80  # dark text on white, not a blank canvas
    title_region = grey.crop((88, 90, 1128, 300))
    assert ImageChops.invert(title_region).getbbox() is not None


def test_the_share_image_is_in_the_pages_language(client, drawn):
    client.get(f"/findings/{TIANJIN}/share.png")
    client.get(f"/en/findings/{TIANJIN}/share.png")
    chinese, english = drawn
    assert chinese.headline == Finding.objects.get(key=TIANJIN).title_zh_hans
    assert english.headline == Finding.objects.get(key=TIANJIN).title_en
    assert (chinese.source, english.source) == (
        "来源：经济观察网 [4]",
        "Source: Jing Ji Guan Cha Wang (Economic Observer Online) [4]",
    )


def test_the_hedge_travels_with_the_projected_figure(client, drawn):
    client.get(f"/findings/{TIANJIN}/share.png")
    client.get(f"/en/findings/{TIANJIN}/share.png")
    assert [card.figures[0].value for card in drawn] == ["82.1%（预计）", "82.1% (expected)"]


def test_the_population_figures_carry_the_sites_note(client, drawn):
    client.get(f"/findings/{POPULATION}/share.png")
    client.get(f"/en/findings/{POPULATION}/share.png")
    chinese, english = drawn
    assert [f.value for f in chinese.figures] == ["1293.5万人", "1094.8万人"]
    assert [f.value for f in english.figures] == ["12.935 million people", "10.948 million people"]
    assert chinese.note.startswith("本站注：") and "城六区" in chinese.note
    assert english.note.startswith("Site note: ") and "central urban districts" in english.note
    assert chinese.source == "来源：经济观察网 [3]"


def test_a_second_request_is_served_from_the_cache(client, drawn):
    first = client.get(f"/findings/{TIANJIN}/share.png")
    second = client.get(f"/findings/{TIANJIN}/share.png")
    assert len(drawn) == 1
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert client.get(f"/findings/{TIANJIN}/share.png", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_edited_figure_makes_a_new_image(client, drawn):
    before = client.get(f"/findings/{TIANJIN}/share.png")
    Observation.objects.filter(findings__key=TIANJIN).update(value=Decimal("82.7"))
    content_changed()
    after = client.get(f"/findings/{TIANJIN}/share.png")
    assert len(drawn) == 2
    assert drawn[1].figures[0].value == "82.7%（预计）"
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_an_edited_title_makes_a_new_image(client, drawn):
    before = client.get(f"/en/findings/{TIANJIN}/share.png")
    Finding.objects.filter(key=TIANJIN).update(title_en="A corrected title")
    after = client.get(f"/en/findings/{TIANJIN}/share.png")
    assert after["ETag"] != before["ETag"]
    assert drawn[-1].headline == "A corrected title"


def test_a_draft_finding_has_no_share_image_or_qr_code(client):
    draft = FindingFactory(status=Status.DRAFT, published_at=None)
    for path in (
        f"/findings/{draft.key}/share.png",
        f"/en/findings/{draft.key}/share.png",
        f"/findings/{draft.key}/qr.svg",
    ):
        assert client.get(path).status_code == 404, path


def test_an_archived_finding_answers_gone(client):
    finding = Finding.objects.get(key=TIANJIN)
    finding.status = Status.ARCHIVED
    finding.save()
    assert client.get(f"/findings/{TIANJIN}/share.png").status_code == 410
    assert client.get(f"/findings/{TIANJIN}/qr.svg").status_code == 410


def test_an_unpublished_figure_is_not_on_the_share_image(client, drawn):
    finding = Finding.objects.get(key=TIANJIN)
    finding.observations.add(ObservationFactory(status=Status.DRAFT, published_at=None, value=Decimal("99.9")))
    client.get(f"/findings/{TIANJIN}/share.png")
    assert [f.value for f in drawn[0].figures] == ["82.1%（预计）"]


def test_the_qr_code_is_segnos_code_of_the_permanent_link(client):
    response = client.get(f"/findings/{TIANJIN}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == qr_svg(f"{settings.SITE_URL}/findings/{TIANJIN}/")
    english = client.get(f"/en/findings/{TIANJIN}/qr.svg")
    assert english.content == qr_svg(f"{settings.SITE_URL}/en/findings/{TIANJIN}/")


def share_box(html):
    return re.search(r'<details class="reuse__tool share-box">.*?</details>', html, re.S).group(0)


def test_the_share_box_offers_wechat_weibo_e_mail_and_the_image(client):
    finding = Finding.objects.get(key=TIANJIN)
    box = share_box(client.get(finding.get_absolute_url()).content.decode())
    permalink = f"{settings.SITE_URL}/findings/{TIANJIN}/"
    assert f'<img src="/findings/{TIANJIN}/qr.svg"' in box
    assert f'alt="二维码：{permalink}"' in box
    assert "分享到微信" in box and "请用微信扫描二维码" in box
    weibo = re.search(r'href="(https://service\.weibo\.com/share/share\.php\?[^"]+)" rel="noopener"', box).group(1)
    query = parse_qs(urlparse(weibo.replace("&amp;", "&")).query)
    assert query == {"url": [permalink], "title": [finding.title_zh_hans]}
    mail = re.search(r'href="(mailto:\?[^"]+)"', box).group(1).replace("&amp;", "&")
    assert f"subject={quote(finding.title_zh_hans)}" in mail
    assert quote(permalink, safe="") in mail
    assert f'href="/findings/{TIANJIN}/share.png"' in box
    assert "<script" not in box
    assert all(src.startswith("/") for src in re.findall(r'src="([^"]*)"', box))  # nothing from another host
