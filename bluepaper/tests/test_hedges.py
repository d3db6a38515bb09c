"""A projection or an estimate travels with its figure: "82.1%（预计）" / "82.1% (expected)" on every page."""

from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import translation

from bluepaper.models import Finding
from bluepaper.tests.public_pages import all_public_page_urls
from core.search import search_reindex_all
from indicators.charts import chart_description
from indicators.models import Hedge, Observation

pytestmark = pytest.mark.django_db

HEDGE_WORDS = ("预计", "expected")


class TextPieces(HTMLParser):
    """Every text node and attribute value of a page, one piece each (as a reader or a screen reader meets them)."""

    def __init__(self):
        super().__init__()
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        # Decoded: a share link's title (…&title=…82.1%25) is text its reader will see.
        self.pieces += [unquote(value) for _name, value in attrs if value]

    def handle_data(self, data):
        self.pieces.append(data)


def unhedged(html, number):
    parser = TextPieces()
    parser.feed(html)
    return [piece for piece in parser.pieces if number in piece and not any(w in piece for w in HEDGE_WORDS)]


def projection():
    return Observation.objects.get(indicator__slug="key-chains-industrial-value-share", region__slug="tianjin")


def test_the_seed_states_the_tianjin_share_as_a_projection():
    assert projection().hedge == Hedge.PROJECTION
    assert projection().display_value("zh-hans") == "82.1%（预计）"
    assert projection().display_value("en") == "82.1% (expected)"


def test_82_1_never_appears_without_its_hedge_on_any_public_page_in_either_language():
    client = Client()
    search_reindex_all()
    # The search pages show snippets; a query for the number itself would echo it unhedged.
    urls = all_public_page_urls() + ["/search/?q=产业链", "/en/search/?q=industrial", "/en/search/?q=Tianjin"]
    shown = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        shown += "82.1" in html
        assert unhedged(html, "82.1") == [], url
        assert "[…]" not in html and "figure--missing" not in html, url  # no public finding cites a draft
    assert shown >= 8  # home, chapter, finding and its version, indicator, region, search pages


def test_the_chart_labels_and_describes_a_projection_as_one():
    observation = projection()
    with translation.override("en"):
        description = chart_description([(observation.region, [observation])], "en")
    assert "82.1% (expected)" in description
    page = Client().get(observation.indicator.get_absolute_url()).content.decode()
    # One figure: shown big instead of a one-point chart (decision 0040), with its hedge.
    assert '<p class="single-figure__value"><span class="quantity">82.1%（预计）</span></p>' in page


def test_a_hedge_set_in_the_admin_shows_in_the_finding_cards_and_tokens(publisher):
    from core.models import PendingChange
    from core.tests.admin_forms import csrf_token, form_values, post_form

    observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    response = post_form(publisher, f"/admin/indicators/observation/{observation.pk}/change/", {"hedge": "estimate"})
    assert response.status_code == 302
    finding = Finding.objects.get(observations=observation)
    # A public finding cites it: the change is a correction, public once published with a change note.
    change = PendingChange.objects.get(object_id=observation.pk, state=PendingChange.State.PENDING)
    url = f"/admin/bluepaper/finding/corrections/{change.pk}/"
    page = publisher.get(url)
    data = form_values(page.content.decode())
    data.update(note_zh_hans=["注明此数据为估计值。"], note_en=["Marked as an estimate."], _publish=[""])
    data["csrfmiddlewaretoken"] = [csrf_token(page)]
    assert publisher.post(url, data).status_code == 302
    page = Client().get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    assert page.count("2,624 km (estimate)") >= 3  # the body's token, the key figure, the table
    assert "2624公里（估计）" in Client().get("/").content.decode()
