"""Nothing cited disappears: archived content answers 410 with a notice and links onward."""

import pytest
from django.test import Client

from bluepaper.models import Chapter, Finding
from core.publishing import Status
from indicators.models import Indicator
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def archive(client, app, model, pk):
    changelist = client.get(f"/admin/{app}/{model}/")
    response = client.post(
        f"/admin/{app}/{model}/",
        {
            "action": "archive_selected",
            "_selected_action": [pk],
            "csrfmiddlewaretoken": changelist.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302


def test_an_archived_finding_says_so_links_onward_and_keeps_its_versions(publisher):
    finding = Finding.objects.published().first()
    url = finding.get_absolute_url()
    archive(publisher, "bluepaper", "finding", finding.pk)
    finding.refresh_from_db()
    assert finding.status == Status.ARCHIVED

    for path in (url, f"/findings/{finding.key}/", f"/en{url}"):
        response = Client().get(path)
        assert response.status_code == 410, path
        html = response.content.decode()
        assert finding.chapter.slug in html  # the onward link to its chapter
        assert f"/findings/{finding.key}/v1/" in html
    assert "archived" in Client().get(f"/en{url}").content.decode()
    assert Client().get(f"/findings/{finding.key}/v1/").status_code == 200
    assert url not in Client().get(finding.chapter.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("model", "app", "name"),
    [(Chapter, "bluepaper", "chapter"), (Strategy, "policies", "strategy"), (Indicator, "indicators", "indicator")],
)
def test_other_archived_pages_answer_410(publisher, model, app, name):
    item = model.objects.published().select_related().first()
    url = item.get_absolute_url()
    if model is Indicator:  # a figure stays public while a published finding cites it (decision 24)
        for finding in Finding.objects.published().filter(observations__indicator=item).distinct():
            archive(publisher, "bluepaper", "finding", finding.pk)
    archive(publisher, app, name, item.pk)
    assert Client().get(url).status_code == 410


def test_findings_of_an_archived_chapter_answer_410_too(publisher):
    finding = Finding.objects.published().select_related("chapter").first()
    archive(publisher, "bluepaper", "chapter", finding.chapter.pk)
    assert Client().get(f"/findings/{finding.key}/").status_code == 410
