"""Corrections publish atomically: a cited figure changes on the site only together with the text
citing it and a change note (the December review's E1, E2 and E5), by every route that changes it."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from bluepaper.consistency import consistency_report
from bluepaper.models import Finding
from bluepaper.tests.public_pages import all_public_page_urls
from core.models import PendingChange
from core.tests.admin_forms import csrf_token, form_values, logged_in_client, post_form
from indicators.models import Observation
from indicators.tests.test_import import as_csv, confirm, upload

pytestmark = pytest.mark.django_db

OLD = ("2624", "2,624")
NEW = ("2650", "2,650")
NOTE_ZH = "更正：高速铁路营业里程按来源更正。"
NOTE_EN = "Corrected: the high-speed rail mileage now follows the source."


def rail():
    observation = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    return observation, Finding.objects.published().get(observations=observation)


def observation_url(observation):
    return f"/admin/indicators/observation/{observation.pk}/change/"


def surfaces(finding):
    """Every public page in both languages, the rail chart, and searches for the new figure."""
    pages = {url: Client().get(url).content.decode() for url in all_public_page_urls()}
    for prefix in ("", "/en"):
        pages[f"{prefix}/indicators/high-speed-rail-mileage/chart.svg"] = (
            Client().get(f"{prefix}/indicators/high-speed-rail-mileage/chart.svg").content.decode()
        )
        for query in ("2650", "2,650", "2650公里", "2624"):
            pages[f"{prefix}/search/?q={query}"] = Client().get(f"{prefix}/search/", {"q": query}).content.decode()
    return pages


def said(text, numbers):
    """Whether `text` states one of `numbers` (as a number, not inside a longer one)."""
    return any(re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,])", text) for number in numbers)


def search_finds(pages, query, finding):
    return any(f"/findings/{finding.key}/" in html for url, html in pages.items() if url.endswith(f"q={query}"))


def assert_everything_says_the_old_figure(finding):
    pages = surfaces(finding)
    for url, html in pages.items():
        assert "/search/" in url or not said(html, NEW), url  # a search page repeats its query
    for url in (f"/findings/{finding.key}/{finding.slug}/", f"/en/findings/{finding.key}/{finding.slug}/"):
        assert said(pages[url], OLD), url
    assert not search_finds(pages, "2650", finding) and not search_finds(pages, "2650公里", finding)
    assert search_finds(pages, "2624", finding)


def assert_everything_says_the_new_figure(finding):
    old_versions = [f"{prefix}/findings/{finding.key}/v{n}/" for prefix in ("", "/en")
                    for n in range(1, finding.versions.count())]  # fmt: skip
    pages = surfaces(finding)
    for url, html in pages.items():
        if url not in old_versions and "/search/" not in url:
            assert not said(html, OLD), url
    for url in (f"/findings/{finding.key}/{finding.slug}/", f"/en/findings/{finding.key}/{finding.slug}/"):
        assert said(pages[url], NEW), url
    assert NOTE_ZH in pages[f"/findings/{finding.key}/{finding.slug}/"]
    assert NOTE_EN in pages[f"/en/findings/{finding.key}/{finding.slug}/"]
    assert said(pages[f"/findings/{finding.key}/v1/"], OLD) and said(pages[f"/en/findings/{finding.key}/v1/"], OLD)
    assert not said(pages[f"/findings/{finding.key}/v1/"], NEW)
    assert search_finds(pages, "2650", finding) and search_finds(pages, "2,650", finding)
    assert search_finds(pages, "2650公里", finding)


def corrected(text):
    return text.replace("2624", "2650").replace("2,624", "2,650")


def publish_correction(publisher, change, finding, **changes):
    """Open the correction page, correct the finding's typed numbers, write the note, publish."""
    url = f"/admin/bluepaper/finding/corrections/{change.pk}/"
    page = publisher.get(url)
    assert page.status_code == 200
    data = form_values(page.content.decode())
    for name in ("title_zh_hans", "title_en", "summary_zh_hans", "summary_en"):
        data[f"{finding.pk}-{name}"] = [corrected(data[f"{finding.pk}-{name}"][0])]
    data.update({"note_zh_hans": [NOTE_ZH], "note_en": [NOTE_EN], "_publish": [""]})
    data.update({name: [value] for name, value in changes.items()})
    data["csrfmiddlewaretoken"] = [csrf_token(page)]
    return publisher.post(url, data)


def test_e1_a_corrected_figure_goes_public_only_with_its_text_and_a_change_note(publisher, mails):
    observation, finding = rail()
    versions = finding.versions.count()
    response = post_form(publisher, observation_url(observation), {"value": "2650"})

    change = PendingChange.objects.get(state=PendingChange.State.PENDING)
    assert change.kind == PendingChange.Kind.CORRECTION and change.data == {"value": "2650"}
    assert response.status_code == 302 and response["Location"] == f"/admin/bluepaper/finding/corrections/{change.pk}/"
    observation.refresh_from_db()
    assert observation.value == Decimal("2624")
    assert_everything_says_the_old_figure(finding)

    # Needs attention: on the finding's form and in the editorial queue.
    form = publisher.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()
    assert "correction-notice" in form and f"/admin/bluepaper/finding/corrections/{change.pk}/" in form
    home = publisher.get("/admin/").content.decode()
    assert "?kind__exact=correction&amp;state__exact=pending" in home and "1 correction" in home

    # The correction page shows the figure now and corrected, as readers see it, in both languages.
    page = publisher.get(f"/admin/bluepaper/finding/corrections/{change.pk}/").content.decode()
    assert "2,624 km" in page and "2,650 km" in page and "2624公里" in page and "2650公里" in page
    assert finding.title_zh_hans in page

    with mails():
        response = publish_correction(publisher, change, finding)
    assert response.status_code == 302, response.content.decode()[:2000]
    change.refresh_from_db()
    assert change.state == PendingChange.State.APPROVED
    observation.refresh_from_db()
    assert observation.value == Decimal("2650")
    assert finding.versions.count() == versions + 1
    newest = finding.versions.order_by("-number").first()
    assert said(newest.html_zh_hans, NEW) and NOTE_ZH in newest.html_zh_hans and NOTE_EN in newest.html_en
    assert_everything_says_the_new_figure(finding)
    assert consistency_report().problem_count == 0
    assert "correction-notice" not in publisher.get(f"/admin/bluepaper/finding/{finding.pk}/change/").content.decode()


def test_the_correction_page_refuses_text_that_contradicts_the_corrected_figure(publisher):
    observation, finding = rail()
    post_form(publisher, observation_url(observation), {"value": "2650"})
    change = PendingChange.objects.get()
    url = f"/admin/bluepaper/finding/corrections/{change.pk}/"
    # The title still says 2624: a form error naming the field and the number, and nothing changes.
    response = publish_correction(publisher, change, finding, **{f"{finding.pk}-title_zh_hans": finding.title_zh_hans})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“2624” is none of this finding" in html
    # Without the change note, nothing either.
    response = publish_correction(publisher, change, finding, note_en="")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    observation.refresh_from_db()
    assert observation.value == Decimal("2624") and PendingChange.objects.get().state == PendingChange.State.PENDING
    # Send back needs a reason; discard leaves everything as it was.
    page = publisher.get(url)
    publisher.post(url, {"_send_back": "", "reason": "", "csrfmiddlewaretoken": csrf_token(page)})
    assert PendingChange.objects.get().state == PendingChange.State.PENDING
    publisher.post(url, {"_discard": "", "csrfmiddlewaretoken": csrf_token(page)})
    assert PendingChange.objects.get().state == PendingChange.State.WITHDRAWN
    observation.refresh_from_db()
    assert observation.value == Decimal("2624")


def test_a_csv_import_holds_a_cited_figure_as_a_correction(publisher, mails):
    observation, finding = rail()
    row = {"indicator": "high-speed-rail-mileage", "region": observation.region.slug, "period_kind": "year_end",
           "period_year": "2023", "value": "2650"}  # fmt: skip
    preview = upload(publisher, as_csv([row]), "corrections.csv")
    assert "Rows 2 change figures that public findings cite: on confirmation they are held" in preview
    assert not PendingChange.objects.exists()
    response = confirm(publisher, preview)
    change = PendingChange.objects.get(state=PendingChange.State.PENDING)
    assert change.kind == PendingChange.Kind.CORRECTION and change.data["value"] == "2650"
    assert response["Location"] == f"/admin/bluepaper/finding/corrections/{change.pk}/"
    messages = publisher.get(response["Location"]).content.decode()
    assert "Rows 2 change figures that public findings cite" in messages
    observation.refresh_from_db()
    assert observation.value == Decimal("2624")
    assert_everything_says_the_old_figure(finding)

    with mails():
        assert publish_correction(publisher, change, finding).status_code == 302
    assert_everything_says_the_new_figure(finding)


def test_e5_restoring_an_old_figure_is_held_as_a_correction(publisher, mails):
    observation, finding = rail()
    post_form(publisher, observation_url(observation), {"value": "2650"})
    with mails():
        publish_correction(publisher, PendingChange.objects.get(), finding)
    observation.refresh_from_db()
    assert observation.value == Decimal("2650")

    # Restoring the first version of the figure (2624) would make the corrected text wrong: held.
    first = observation.history.earliest()
    restore_url = f"/admin/indicators/observation/{observation.pk}/history/{first.history_id}/restore/"
    confirmation = publisher.get(restore_url)
    assert "restoring holds the change as a correction" in confirmation.content.decode()
    response = publisher.post(restore_url, {"csrfmiddlewaretoken": csrf_token(confirmation)})
    change = PendingChange.objects.get(state=PendingChange.State.PENDING)
    assert response["Location"] == f"/admin/bluepaper/finding/corrections/{change.pk}/"
    assert "the restore was held as a correction" in publisher.get(response["Location"]).content.decode()
    observation.refresh_from_db()
    assert observation.value == Decimal("2650")
    page = Client().get(f"/findings/{finding.key}/{finding.slug}/").content.decode()
    assert said(page, NEW) and not said(page, OLD)


def test_e5_restoring_a_findings_text_that_contradicts_its_figure_is_refused(publisher, mails):
    observation, finding = rail()
    post_form(publisher, observation_url(observation), {"value": "2650"})
    with mails():
        publish_correction(publisher, PendingChange.objects.get(), finding)
    versions = finding.versions.count()

    # Version 1 of the finding says 2624 in its title and summary; the figure is 2650 now.
    first = finding.history.earliest()
    restore_url = f"/admin/bluepaper/finding/{finding.pk}/history/{first.history_id}/restore/"
    confirmation = publisher.get(restore_url)
    response = publisher.post(restore_url, {"csrfmiddlewaretoken": csrf_token(confirmation)})
    assert response.status_code == 302
    assert "is none of its figures" in publisher.get(response["Location"]).content.decode()
    finding.refresh_from_db()
    assert said(finding.title_zh_hans, NEW) and finding.versions.count() == versions
    page = Client().get(f"/findings/{finding.key}/{finding.slug}/").content.decode()
    assert said(page, NEW) and not said(page, OLD) and NOTE_ZH in page


def test_an_indicator_inline_change_to_a_cited_figure_is_held(publisher):
    observation, finding = rail()
    url = f"/admin/indicators/indicator/{observation.indicator_id}/change/"
    rows = form_values(publisher.get(url).content.decode())
    position = next(n for n in range(10) if rows.get(f"observations-{n}-id") == [str(observation.pk)])
    response = post_form(publisher, url, {f"observations-{position}-value": "2650"})
    change = PendingChange.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/corrections/{change.pk}/")
    observation.refresh_from_db()
    assert observation.value == Decimal("2624")


def test_an_editors_proposed_figure_change_arrives_on_the_correction_page(editor, publisher):
    observation, finding = rail()
    post_form(editor, observation_url(observation), {"value": "2650"})
    change = PendingChange.objects.get()
    assert change.kind == PendingChange.Kind.CORRECTION and change.author == editor.user
    review = publisher.get(f"/admin/core/pendingchange/{change.pk}/change/")
    assert review["Location"] == f"/admin/bluepaper/finding/corrections/{change.pk}/"
    assert editor.get(f"/admin/bluepaper/finding/corrections/{change.pk}/").status_code == 403


def test_the_finding_form_refuses_a_number_none_of_its_figures_has(publisher):
    observation, finding = rail()
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    response = post_form(publisher, url, {"summary_en": corrected(finding.summary_en)})
    assert response.status_code == 200
    assert "“2,650” is none of this finding" in response.content.decode()
    finding.refresh_from_db()
    assert "2,624" in finding.summary_en


def test_e2_the_stale_flag_clears_when_the_figure_is_set_back_or_the_finding_is_saved(publisher):
    observation, finding = rail()
    # A figure changed outside a correction (before this mechanism, or by the system) makes the finding stale.
    observation.value = Decimal("2650")
    observation.save()
    assert [stale for stale, _ in consistency_report().stale_findings] == [finding]
    report = publisher.get("/admin/bluepaper/finding/consistency/").content.decode()
    assert "save the finding" in report and "重新发布" not in report

    observation.value = Decimal("2624")
    observation.save()
    assert consistency_report().stale_findings == []

    # A unit renamed: the page reads differently; saving the finding records a new version and clears it.
    indicator = observation.indicator
    indicator.unit_en = "kilometres"
    indicator.save()
    assert [stale for stale, _ in consistency_report().stale_findings] == [finding]
    versions = finding.versions.count()
    assert post_form(publisher, f"/admin/bluepaper/finding/{finding.pk}/change/", {}).status_code == 302
    assert finding.versions.count() == versions + 1
    assert consistency_report().stale_findings == []


def test_a_second_change_to_a_figure_awaiting_its_correction_is_refused_with_a_message(publisher):
    observation, finding = rail()
    post_form(publisher, observation_url(observation), {"value": "2650"})
    response = post_form(publisher, observation_url(observation), {"value": "2651"})
    assert response.status_code == 302 and response["Location"] == observation_url(observation)
    page = publisher.get(response["Location"]).content.decode()
    assert "already awaits publication: publish or discard it first" in page
    assert PendingChange.objects.get().data == {"value": "2650"}
    observation.refresh_from_db()
    assert observation.value == Decimal("2624")


def test_the_consistency_report_in_chinese_names_the_action_that_clears_a_stale_finding():
    observation, finding = rail()
    observation.value = Decimal("2650")
    observation.save()
    client = logged_in_client("chuban", "Publishers", language="zh-hans")
    page = client.get("/admin/bluepaper/finding/consistency/").content.decode()
    assert "保存该发现" in page and "重新发布" not in page
