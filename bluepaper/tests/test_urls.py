"""The URL contract: short finding links, renamed slugs, 404s in the right language, health."""

import pytest
from django.utils import translation

from bluepaper.models import Challenge, Chapter, Finding
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def test_short_finding_url_answers_301_to_its_canonical_url(client):
    finding = Finding.objects.published().first()
    response = client.get(f"/findings/{finding.key}/")
    assert response.status_code == 301
    assert response["Location"] == finding.get_absolute_url()
    english = client.get(f"/en/findings/{finding.key}/")
    assert english.status_code == 301 and english["Location"].startswith("/en/findings/")


def test_a_changed_finding_slug_answers_301(client):
    finding = Finding.objects.published().first()
    old_url = finding.get_absolute_url()
    finding.slug = "a-new-slug"
    finding.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/findings/{finding.key}/a-new-slug/"


@pytest.mark.parametrize("model", [Chapter, Challenge, Strategy, Indicator, Region])
def test_a_renamed_slug_answers_301_to_the_new_url_forever(client, model):
    item = model.objects.published().first()
    old_url = item.get_absolute_url()
    item.slug = "renamed-once"
    item.save()
    item.slug = "renamed-twice"
    item.save()
    for url in (old_url, old_url.replace(item.slug, "renamed-once")):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == item.get_absolute_url()
    with translation.override("en"):
        english_old = f"/en{old_url}"
        assert client.get(english_old)["Location"] == item.get_absolute_url()
    assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/findings/zzzzz/", "/findings/zzzzz/anything/", "/reports/1999/", "/reports/2025/nope/",
     "/challenges/nope/", "/strategies/nope/", "/indicators/nope/", "/regions/nope/", "/nope/"],
)  # fmt: skip
def test_unknown_keys_and_slugs_answer_404_in_the_right_language(client, url):
    chinese = client.get(url)
    english = client.get(f"/en{url}")
    assert chinese.status_code == 404 and english.status_code == 404
    assert '<html lang="zh-Hans"' in chinese.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_a_wrong_slug_on_a_known_key_redirects(client):
    finding = Finding.objects.published().first()
    response = client.get(f"/findings/{finding.key}/not-the-slug/")
    assert response.status_code == 301 and response["Location"] == finding.get_absolute_url()


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
