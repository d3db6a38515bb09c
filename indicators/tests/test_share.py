"""Sharing an indicator: its share image (name, latest figures, note, source) and QR code."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from PIL import Image

from core import share_images
from core.publishing import Status
from core.qr import qr_svg
from indicators.models import Indicator
from indicators.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

RAIL = "high-speed-rail-mileage"


@pytest.fixture
def drawn(monkeypatch):
    """The cards drawn during the test (the drawing itself still runs)."""
    cache.clear()
    calls = []
    draw = share_images.draw_card
    monkeypatch.setattr(share_images, "draw_card", lambda card: calls.append(card) or draw(card))
    yield calls
    cache.clear()


def test_the_rail_indicators_share_image_states_2624_km_and_its_source(client, drawn):
    response = client.get(f"/indicators/{RAIL}/share.png")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    client.get(f"/en/indicators/{RAIL}/share.png")
    chinese, english = drawn
    assert (chinese.headline, english.headline) == ("高速铁路营业里程", "High-speed rail operating mileage")
    assert [f.value for f in chinese.figures] == ["2624公里"]
    assert [f.value for f in english.figures] == ["2,624 km"]
    assert chinese.figures[0].label == "京津冀地区 · 2023年底"
    assert (chinese.source, english.source) == (
        "来源：经济观察网 [4]",
        "Source: Jing Ji Guan Cha Wang (Economic Observer Online) [4]",
    )


def test_the_population_indicators_share_image_carries_the_sites_note(client, drawn):
    client.get("/indicators/resident-population/share.png")
    assert [f.value for f in drawn[0].figures] == ["1293.5万人", "1094.8万人"]
    assert drawn[0].note.startswith("本站注：")


def test_the_projected_share_keeps_its_hedge(client, drawn):
    client.get("/en/indicators/key-chains-industrial-value-share/share.png")
    assert [f.value for f in drawn[0].figures] == ["82.1% (expected)"]


def test_a_draft_indicator_has_no_share_image_and_draft_figures_are_left_out(client, drawn):
    draft = IndicatorFactory(status=Status.DRAFT, published_at=None)
    assert client.get(f"/indicators/{draft.slug}/share.png").status_code == 404
    assert client.get(f"/indicators/{draft.slug}/qr.svg").status_code == 404
    rail = Indicator.objects.get(slug=RAIL)
    ObservationFactory(indicator=rail, status=Status.DRAFT, published_at=None, period_year=2030)
    client.get(f"/indicators/{RAIL}/share.png")
    assert [f.value for f in drawn[0].figures] == ["2624公里"]


def test_the_qr_code_is_segnos_code_of_the_indicator_page(client):
    response = client.get(f"/en/indicators/{RAIL}/qr.svg")
    assert response.content == qr_svg(f"{settings.SITE_URL}/en/indicators/{RAIL}/")
