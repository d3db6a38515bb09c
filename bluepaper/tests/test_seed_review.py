"""The December 2026 content review's fixes to the seed stay fixed.

Each test names the review's row (`../shared/reviews/2026-12-content-fidelity.md`); the source
is the one article the seed comes from, and the site may say no more than it does.
"""

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from bluepaper.models import Challenge, Chapter, Finding, Report
from indicators.charts import region_label
from indicators.models import Indicator, Observation, Region
from policies.models import Action, Strategy

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Report, Chapter, Finding, Challenge, Strategy, Action, Indicator, Region, Observation]


def texts(instance):
    """Every Chinese and English text field of a seed object."""
    return {
        field.name: getattr(instance, field.name) or ""
        for field in instance._meta.concrete_fields
        if field.name.endswith(("_zh_hans", "_en")) and isinstance(getattr(instance, field.name), str)
    }


def all_seed_text():
    return [(instance, name, text) for model in CONTENT_MODELS for instance in model.objects.all()
            for name, text in texts(instance).items()]  # fmt: skip


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_row2_the_chinese_wording_of_the_hedge_is_the_sites_translation():
    finding = Finding.objects.get(key="e9gs4")
    assert "来源的原话" not in finding.body_zh_hans
    assert '本站对来源英文原文“<span lang="en">expected to account for</span>”的翻译' in finding.body_zh_hans
    note = Observation.objects.get(pk=7).note_zh_hans
    assert "“expected to account for”（本站译为“预计占”）" in note


def test_row4_no_evidence_link_contradicts_the_source():
    """The source calls the investments, the branches and the population fall achievements."""
    achievements = Finding.objects.filter(key__in=["p7k2m", "b8rx5", "z2fc7"])
    assert not Challenge.objects.filter(evidence__in=achievements).exists()


def test_row5_research_and_production_is_the_communitys_purpose_and_the_grouping_is_marked():
    strategy = Strategy.objects.get(number=1)
    actions = [action.text_en for action in strategy.actions.all()]
    assert len(actions) == 2
    assert actions[1].endswith("to facilitate the seamless integration of research and production")
    assert "推动科研与生产无缝衔接" in strategy.actions.all()[1].text_zh_hans
    assert "this site groups two of them" in strategy.summary_en
    assert "本站将其中" in strategy.summary_zh_hans


def test_row6_no_causal_clause_the_source_does_not_make():
    for instance in [*Finding.objects.filter(key__in=["h4tq9", "w3nd6"]), *Indicator.objects.filter(pk__in=[2, 3])]:
        for name, text in texts(instance).items():
            assert "在疏解" not in text and "过程中" not in text, (instance, name)
            assert "as part of the decongestion" not in text, (instance, name)


def test_row7_challenges_say_what_the_source_says():
    assert Challenge.objects.get(slug="integration-mechanism").title_en == (
        "Lack of a cohesive regional integration mechanism; need for a market-oriented operating framework"
    )
    assert Challenge.objects.get(slug="collaborative-impact").title_en.endswith("need strengthening")
    assert "weak" not in Chapter.objects.get(slug="challenges").summary_en.lower()


def test_row8_the_introduction_does_not_tie_the_report_to_the_conference():
    report = Report.objects.get(year=2025)
    assert "在此背景下" not in report.introduction_zh_hans
    assert "Against this background" not in report.introduction_en


def test_row9_region_descriptions_say_only_what_the_source_supports():
    for region in Region.objects.all():
        for name, text in texts(region).items():
            for word in ("首都", "省级", "毗邻", "capital", "provincial", "borders"):
                assert word not in text, (region, name, word)
    hebei = Region.objects.get(slug="hebei")
    assert "环抱京津" in hebei.description_zh_hans
    assert "surrounds Beijing and Tianjin" in hebei.description_en


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("h4tq9", "2014年以来，超过3200家一般制造业企业退出北京。"),
        ("w3nd6", "2014年以来，近1000个区域性专业市场和物流中心完成疏解提升。"),
    ],
)
def test_rows11_12_chinese_bodies_read_as_chinese(client, key, sentence):
    finding = Finding.objects.get(key=key)
    assert sentence in strip_tags(page(client, finding.get_absolute_url()))


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("h4tq9", "Since 2014, over 3,200 enterprises in general manufacturing have exited Beijing."),
        ("z2fc7", "over 10,000 branches in Tianjin and Hebei"),
    ],
)
def test_row17_english_bodies_read_as_english(client, key, sentence):
    with translation.override("en"):
        url = Finding.objects.get(key=key).get_absolute_url()
    assert sentence in strip_tags(page(client, url))


def test_rows13_15_18_one_term_per_concept_no_translationese():
    for instance, name, text in all_seed_text():
        for wrong in ("五项策略", "高质量一体化", "，这是", "transportation", "Jing-Jin-Ji", "six central districts"):
            assert wrong not in text, (instance, name, wrong)
    assert Challenge.objects.get(slug="regional-imbalance").title_zh_hans == "区域发展明显不平衡"
    assert Strategy.objects.get(number=2).summary_zh_hans == "蓝皮书提出，要推进区域规则政策软联通。"


def test_row18_an_english_chart_names_the_region_in_english():
    region = Region.objects.get(slug="jing-jin-ji")
    assert region_label(region, "en") == "Beijing–Tianjin–Hebei region"
    assert region_label(region, "zh-hans") == "京津冀"


def test_row16_interface_terms(client):
    chapter = Chapter.objects.get(slug="industry-and-transport")
    html = page(client, chapter.get_absolute_url())
    assert "上一章" in html and "下一章" in html and "上一篇" not in html
    finding = Finding.objects.get(key="h4tq9")
    html = page(client, finding.get_absolute_url())
    assert "上一条" in html and "下一条" in html and "上一篇" not in html
    html = page(client, Indicator.objects.get(slug="resident-population").get_absolute_url())
    assert "<strong>本站注</strong>" in html  # the population caveat is the site's note (decision 28)
    assert "蓝皮书涉及的指标" in page(client, "/indicators/")
    assert "相关对策（本站关联）" in page(client, Challenge.objects.get(slug="regional-imbalance").get_absolute_url())
    with translation.override("en"):
        english = page(client, chapter.get_absolute_url())
    assert "Previous" in english and "Next" in english
