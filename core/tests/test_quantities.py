"""Typed figures in titles and summaries are held whole at a line break (core/quantities.py)."""

import pytest
from django.utils.html import format_html

from core.quantities import hold_quantities

HELD = '<span class="quantity">{}</span>'


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("截至2023年底高速铁路营业里程达2624公里，覆盖全部地级市", ["2023年底", "2624公里"]),
        ("北京常住人口从2014年的1293.5万人降至2023年的1094.8万人", ["2014年", "1293.5万人", "2023年", "1094.8万人"]),
        ("设立分支机构超过1万家", ["1万家"]),
        ("fell from 12.935 million in 2014 to 10.948 million in 2023", ["12.935 million", "10.948 million"]),
        ("2,624 km of high-speed rail", ["2,624 km"]),
    ],
)
def test_a_typed_figure_is_held_with_its_unit(text, held):
    html = hold_quantities(text)
    assert [part.split("</span>")[0] for part in html.split('<span class="quantity">')[1:]] == held
    assert html.replace('<span class="quantity">', "").replace("</span>", "") == text.replace("'", "&#x27;")


def test_numbers_without_a_unit_and_per_cent_signs_are_left_alone():
    # A line never breaks between a number and "%"; "12 key chains" has no unit to lose.
    assert hold_quantities("12 key chains, 82.1% of value, over 3,200 enterprises") == (
        "12 key chains, 82.1% of value, over 3,200 enterprises"
    )


def test_text_that_hedges_stays_one_piece_with_its_figure():
    text = "到2024年，天津12条重点产业链预计占规模以上工业增加值的82.1%"
    assert hold_quantities(text) == text  # "预计" and "82.1%" in one text node (decision 0023)


def test_text_is_escaped_and_tags_pass_untouched():
    html = hold_quantities('<script>alert("2624公里")</script>')
    assert "<script>" not in html and f"&lt;script&gt;alert(&quot;{HELD.format('2624公里')}&quot;)" in html
    fallback = format_html('<span lang="{}">{}</span>', "zh-Hans", "达2624公里")
    assert hold_quantities(fallback) == f'<span lang="zh-Hans">达{HELD.format("2624公里")}</span>'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "held"),
    [
        ("/findings/k5uj8/", '<h1>综合交通网络基本建成：截至<span class="quantity">2023年底</span>'),
        ("/en/findings/p7k2m/", '<span class="quantity">10.948 million</span> in 2023</h1>'),
    ],
)
def test_a_finding_title_holds_its_figures_on_its_page(client, path, held):
    html = client.get(path, follow=True).content.decode()
    assert held in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<span" not in title and "quantity" not in title
