"""A public finding cites only public figures, by every route (review row E3)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from bluepaper.models import Finding
from bluepaper.tests.factories import FindingFactory
from core import services
from core.publishing import Status
from core.tests.admin_forms import csrf_token, post_form
from indicators.models import Indicator, Observation
from indicators.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def seed_figure():
    """The 2,624 km observation, cited by a published finding of the seed."""
    observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage", period_year=2023)
    return observation, Finding.objects.get(observations=observation)


@pytest.fixture
def draft_citation():
    """A draft finding whose body cites a draft figure."""
    published, cited_by = seed_figure()
    draft = ObservationFactory(indicator=published.indicator, region=published.region, period_year=2022,
                               status=Status.DRAFT, published_at=None)  # fmt: skip
    token = f"[[figure:{draft.pk}]]"
    finding = FindingFactory(chapter=cited_by.chapter, status=Status.DRAFT, published_at=None,
                             body_zh_hans=f"2022年底为{token}。", body_en=f"{token}.")  # fmt: skip
    return draft, finding


def list_action(client, changelist, action, pk):
    page = client.get(changelist)
    data = {"action": action, "_selected_action": [pk], "csrfmiddlewaretoken": csrf_token(page)}
    return client.post(changelist, data, follow=True).content.decode()


def test_publishing_a_finding_that_cites_a_draft_figure_is_a_form_error_naming_it(publisher, draft_citation):
    draft, finding = draft_citation
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(publisher, url, {"status": "published"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "A published finding can cite only published figures" in page
    assert f"[[figure:{draft.pk}]]" in page
    finding.refresh_from_db()
    assert finding.status == Status.DRAFT


def test_the_publish_action_refuses_it_with_a_message(publisher, draft_citation):
    draft, finding = draft_citation
    page = list_action(publisher, "/admin/bluepaper/finding/", "publish_selected", finding.pk)
    assert f"[[figure:{draft.pk}]]" in page and "0 items published" in page
    assert Finding.objects.get(pk=finding.pk).status == Status.DRAFT


def test_the_finding_publishes_once_its_figure_is_published(publisher, draft_citation):
    draft, finding = draft_citation
    services.content_publish(user=None, instance=draft)
    assert (
        post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"status": "published"}).status_code
        == 302
    )
    page = Client().get(finding.get_absolute_url()).content.decode()
    assert "[…]" not in page and "figure--missing" not in page


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_a_cited_figure_cannot_be_withdrawn_on_its_form(publisher, status):
    observation, finding = seed_figure()
    response = post_form(publisher, f"/admin/indicators/observation/{observation.pk}/change/", {"status": status})
    assert response.status_code == 200
    assert "is cited by published findings" in response.content.decode()
    assert finding.key in response.content.decode()
    assert Observation.objects.get(pk=observation.pk).status == Status.PUBLISHED


@pytest.mark.parametrize("action", ["unpublish_selected", "archive_selected"])
def test_a_cited_figure_cannot_be_withdrawn_by_a_list_action(publisher, action):
    observation, finding = seed_figure()
    page = list_action(publisher, "/admin/indicators/observation/", action, observation.pk)
    assert "is cited by published findings" in page and finding.key in page
    assert Observation.objects.get(pk=observation.pk).status == Status.PUBLISHED


def test_a_cited_figure_cannot_be_withdrawn_in_the_indicators_inline(publisher):
    observation, finding = seed_figure()
    url = f"/admin/indicators/indicator/{observation.indicator_id}/change/"
    response = post_form(publisher, url, {"observations-0-status": "draft"})
    assert response.status_code == 200
    assert "is cited by published findings" in response.content.decode()
    assert Observation.objects.get(pk=observation.pk).status == Status.PUBLISHED


def test_an_indicator_whose_figures_are_cited_cannot_be_unpublished(publisher):
    observation, _finding = seed_figure()
    url = f"/admin/indicators/indicator/{observation.indicator_id}/change/"
    response = post_form(publisher, url, {"status": "draft"})
    assert response.status_code == 200 and "is cited by published findings" in response.content.decode()
    assert Indicator.objects.get(pk=observation.indicator_id).status == Status.PUBLISHED


def test_deleting_a_cited_figure_is_refused_with_a_message_not_an_error_page(publisher):
    """A draft that a published finding cites (written before this rule) can't be deleted either."""
    observation, finding = seed_figure()
    Observation.objects.filter(pk=observation.pk).update(status=Status.DRAFT, published_at=None)
    url = f"/admin/indicators/observation/{observation.pk}/delete/"
    page = publisher.get(url)
    response = publisher.post(url, {"post": "yes", "csrfmiddlewaretoken": csrf_token(page)}, follow=True)
    assert response.status_code == 200
    assert "is cited by published findings" in response.content.decode()
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_the_services_refuse_it_for_every_writer():
    observation, _finding = seed_figure()
    with pytest.raises(ValidationError):
        services.content_move(user=None, instance=observation, status=Status.ARCHIVED)
    assert Observation.objects.get(pk=observation.pk).status == Status.PUBLISHED


def test_the_figure_picker_marks_figures_that_are_not_published(publisher, draft_citation):
    draft, finding = draft_citation
    page = publisher.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()
    row = page.split(f"<code>[[figure:{draft.pk}]]</code>", 1)[1].split("</tr>", 1)[0]
    assert "Draft: not citable in a published finding" in row
    published_row = page.split(
        f"<code>[[figure:{Observation.objects.get(period_year=2023, indicator=draft.indicator).pk}]]</code>", 1
    )[1].split("</tr>", 1)[0]
    assert "not citable" not in published_row


@pytest.mark.parametrize("field", ["title_zh_hans", "title_en", "summary_zh_hans", "summary_en"])
def test_a_figure_token_in_a_title_or_summary_is_a_form_error(publisher, field):
    """Titles and summaries are plain text: a token there would be shown raw (review row E4)."""
    observation, finding = seed_figure()
    before = getattr(finding, field)
    response = post_form(
        publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {field: f"标题[[figure:{observation.pk}]]"}
    )
    assert response.status_code == 200
    assert "Figure tokens belong in the body" in response.content.decode()
    assert getattr(Finding.objects.get(pk=finding.pk), field) == before


# Bodies render completely (review rows S9, S10) ---------------------------------------------------


def test_an_open_style_tag_is_a_form_error_naming_it_never_silent_loss(publisher):
    observation, finding = seed_figure()
    body = f"Intro [[figure:{observation.pk}]].\n\n<style>\n\nImportant text that would vanish."
    response = post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"body_en": body})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This text contains HTML that the site does not allow: &lt;style&gt;" in page
    assert "Important text" not in Finding.objects.get(pk=finding.pk).body_en


def test_a_token_inside_an_attribute_does_not_break_it(publisher):
    observation, finding = seed_figure()
    body = (
        f'See <abbr title="[[figure:{observation.pk}]] onmouseover=alert(1)">HSR</abbr>: [[figure:{observation.pk}]].'
    )
    assert post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {"body_en": body}).status_code == 302
    page = Client().get(f"/en{finding.get_absolute_url()}").content.decode()
    assert '<abbr title="2,624 km onmouseover=alert(1)">HSR</abbr>' in page
    assert f'HSR</abbr>: <a class="figure" href="/en/indicators/high-speed-rail-mileage/#obs-{observation.pk}">' in page


def test_restoring_a_version_that_cites_a_draft_figure_is_refused_with_a_message(publisher, draft_citation):
    draft, _draft_finding = draft_citation
    _observation, finding = seed_figure()
    body = finding.body_en
    services.content_move(user=None, instance=finding, status=Status.DRAFT)
    finding.body_en = f"Cites [[figure:{draft.pk}]]."
    services.content_save(user=None, instance=finding)
    record = finding.history.latest()
    finding.body_en = body
    services.content_publish(user=None, instance=finding)

    url = f"/admin/bluepaper/finding/{finding.pk}/history/{record.history_id}/restore/"
    page = publisher.get(url)
    response = publisher.post(url, {"csrfmiddlewaretoken": csrf_token(page)}, follow=True)
    assert response.status_code == 200
    assert "A published finding can cite only published figures" in response.content.decode()
    assert Finding.objects.get(pk=finding.pk).body_en == body


def test_an_indicator_whose_figures_are_cited_cannot_be_archived_by_a_list_action(publisher):
    observation, finding = seed_figure()
    page = list_action(publisher, "/admin/indicators/indicator/", "archive_selected", observation.indicator_id)
    assert "is cited by published findings" in page and finding.key in page
    assert Indicator.objects.get(pk=observation.indicator_id).status == Status.PUBLISHED


def test_an_import_cannot_withdraw_a_cited_figure(publisher):
    from indicators.tests.test_import import as_csv, error_text, errors, upload

    observation, finding = seed_figure()
    row = {"indicator": "high-speed-rail-mileage", "region": "jing-jin-ji", "period_kind": "year_end",
           "period_year": "2023", "value": "2624", "status": "draft"}  # fmt: skip
    preview = upload(publisher, as_csv([row]), "observations.csv")
    assert errors(preview) == {(2, "status")}
    assert finding.key in error_text(preview)[0]
    assert Observation.objects.get(pk=observation.pk).status == Status.PUBLISHED
