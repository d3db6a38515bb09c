"""Figures are written as a reader says them, with every digit the source gave."""

from decimal import Decimal

import pytest

from indicators.formatting import format_number, format_period, format_quantity


@pytest.mark.parametrize(
    ("value", "english", "chinese"),
    [
        ("12935000", "12.935 million", "1293.5万"),
        ("10948000", "10.948 million", "1094.8万"),
        ("3200", "3,200", "3200"),
        ("49000", "49,000", "4.9万"),
        ("10000", "10,000", "1万"),
        ("82.1", "82.1", "82.1"),
        ("2624", "2,624", "2624"),
        ("150000000", "150 million", "1.5亿"),
    ],
)
def test_numbers_keep_every_digit(value, english, chinese):
    assert format_number(Decimal(value), "en") == english
    assert format_number(Decimal(value), "zh-hans") == chinese


@pytest.mark.parametrize(
    ("qualifier", "unit_en", "unit_zh", "english", "chinese"),
    [
        ("more_than", "enterprises", "家", "over 3,200 enterprises", "超过3200家"),
        ("nearly", "markets", "个", "nearly 3,200 markets", "近3200个"),
        ("about", "km", "公里", "about 3,200 km", "约3200公里"),
        ("exact", "%", "%", "3,200%", "3200%"),
    ],
)
def test_qualifier_and_unit_read_naturally(qualifier, unit_en, unit_zh, english, chinese):
    value = Decimal("3200")
    assert format_quantity(value, "", qualifier, unit_en, "en") == english
    assert format_quantity(value, "", qualifier, unit_zh, "zh-hans") == chinese


def test_a_value_in_words_is_shown_as_words():
    assert format_quantity(None, "all", "exact", "", "en") == "all"


def test_periods_in_both_languages():
    assert format_period("year_end", 2023, "en") == "end of 2023"
    assert format_period("year_end", 2023, "zh-hans") == "2023年底"
    assert format_period("since", 2014, "zh-hans") == "2014年以来"
    assert format_period("cumulative", None, "en") == "cumulative"
