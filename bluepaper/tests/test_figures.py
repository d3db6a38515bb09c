"""Live figures: prose cites observations by token, and the consistency report guards the rest."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from bluepaper.consistency import consistency_report
from bluepaper.models import Finding
from core.tests.admin_forms import post_form
from indicators.models import Observation

pytestmark = pytest.mark.django_db


def manufacturing():
    observation = Observation.objects.get(indicator__slug="manufacturing-enterprises-exited")
    return observation, observation.findings.get()


def test_tokens_render_as_live_linked_figures_in_each_language():
    observation, finding = manufacturing()
    assert f"[[figure:{observation.pk}]]" in finding.body_en
    english = Client().get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    assert f'<a class="figure" href="/en/indicators/manufacturing-enterprises-exited/#obs-{observation.pk}">' in english
    # The number held with its qualifier; an English unit noun may start the next line (decision 40).
    assert '<span class="quantity">over 3,200</span> enterprises</a>' in english
    chinese = Client().get(f"/findings/{finding.key}/{finding.slug}/").content.decode()
    assert '<span class="quantity">超过3200家</span></a>' in chinese
    assert "[[figure:" not in english + chinese


def test_every_seed_finding_body_cites_its_figures_by_token():
    for finding in Finding.objects.published().prefetch_related("observations"):
        for observation in finding.observations.all():
            assert f"[[figure:{observation.pk}]]" in finding.body_en, finding.key
            assert f"[[figure:{observation.pk}]]" in finding.body_zh_hans, finding.key


def test_a_revised_figure_changes_everywhere_and_flags_the_finding_until_republished(publisher):
    observation, finding = manufacturing()
    url = f"/en/findings/{finding.key}/{finding.slug}/"
    observation.value = Decimal("3300")
    observation.save()

    page = Client().get(url).content.decode()
    shown = '<span class="quantity">over 3,300</span> enterprises'
    assert page.count(shown) >= 3  # body, key figure, table: all from the data
    assert "3,200 enterprises" not in page
    # The typed title and summary still say 3,200: the report flags them, and the finding as stale.
    report = consistency_report()
    assert [stale for stale, _ in report.stale_findings] == [finding]
    assert {(f, typed) for f, _, typed in report.untied_numbers} >= {(finding, "3,200"), (finding, "3200")}

    # The editor corrects the typed numbers and the publisher publishes again.
    post_form(
        publisher,
        f"/admin/bluepaper/finding/{finding.pk}/change/",
        {"title_en": "Over 3,300 general manufacturing enterprises have exited Beijing since 2014",
         "title_zh_hans": "2014年以来超过3300家一般制造业企业退出北京",
         "summary_en": "Since 2014, over 3,300 general manufacturing enterprises have left Beijing.",
         "summary_zh_hans": "2014年以来，超过3300家一般制造业企业退出北京。"},
    )  # fmt: skip
    report = consistency_report()
    assert report.stale_findings == [] and report.untied_numbers == []


def test_the_command_reports_zero_problems_on_the_seed_and_names_each_problem(capsys):
    call_command("check_consistency")
    assert "no problems" in capsys.readouterr().out

    finding = Finding.objects.published().first()
    finding.summary_en += " About 7,777 more."
    finding.save()
    orphan = Observation.objects.first()
    orphan.source = None
    orphan.save()
    with pytest.raises(CommandError):
        call_command("check_consistency")
    out = capsys.readouterr().out
    assert f"finding {finding.key} summary_en: 7,777" in out
    assert f"no source: observation {orphan.pk}" in out


def test_years_and_small_counts_are_prose_not_figures():
    finding = Finding.objects.get(observations__indicator__slug="key-chains-industrial-value-share")
    assert "12 key industrial chains" in finding.body_en and "2024" in finding.body_en
    assert consistency_report().untied_numbers == []


def test_the_admin_offers_the_tokens_and_refuses_unknown_ones(publisher):
    finding = Finding.objects.published().first()
    url = f"/admin/bluepaper/finding/{finding.pk}/change/"
    form = publisher.get(url).content.decode()
    assert "[[figure:9]]" in form and "figure_picker.js" in form
    response = post_form(publisher, url, {"body_en": "A figure that does not exist: [[figure:99999]]."})
    assert response.status_code == 200 and "[[figure:99999]]" in response.content.decode()


def test_a_token_typed_in_the_admin_links_its_figure_to_the_finding(publisher):
    finding = Finding.objects.published().get(observations__indicator__slug="manufacturing-enterprises-exited")
    rail = Observation.objects.get(indicator__slug="high-speed-rail-mileage")
    response = post_form(
        publisher,
        f"/admin/bluepaper/finding/{finding.pk}/change/",
        {"body_en": finding.body_en + f" Compare [[figure:{rail.pk}]] of rail."},
    )
    assert response.status_code == 302
    assert finding.observations.filter(pk=rail.pk).exists()
    assert finding.indicators.filter(slug="high-speed-rail-mileage").exists()
    assert "2,624 km</span></a> of rail" in Client().get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()


def test_editors_see_the_consistency_report_in_the_admin(editor):
    page = editor.get("/admin/bluepaper/finding/consistency/")
    assert page.status_code == 200
    assert "No problems" in page.content.decode()
    assert "/admin/bluepaper/finding/consistency/" in editor.get("/admin/").content.decode()
    assert Client().get("/admin/bluepaper/finding/consistency/").status_code == 302


def test_an_unpublished_figure_never_shows_through_a_token():
    observation, finding = manufacturing()
    observation.status = "draft"
    observation.updated_at = timezone.now()
    observation.save()
    english = Client().get(f"/en/findings/{finding.key}/{finding.slug}/").content.decode()
    assert "3,200 enterprises</span></a>" not in english
    assert "figure--missing" in english
