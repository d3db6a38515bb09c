"""Versions as editors read them: whole texts with the changes marked, reasons in words."""

from django.utils import translation

from core.revisions import marked_diff, reason_in_words


def test_a_changed_chinese_character_is_marked_alone_and_the_text_stays_whole():
    old = "北京常住人口从2014年的1293.5万人降至2023年的1094.8万人。\n\n第二段不变。"
    new = "北京常住人口从2014年的1293.5万人减至2023年的1094.8万人。\n\n第二段不变。"
    assert marked_diff(old, new) == (
        "北京常住人口从2014年的1293.5万人<del>降</del><ins>减</ins>至2023年的1094.8万人。\n\n第二段不变。"
    )


def test_an_english_word_is_marked_whole():
    assert marked_diff("over 3,200 enterprises", "over 3,300 enterprises") == (
        "over <del>3,200</del><ins>3,300</ins> enterprises"
    )


def test_text_is_escaped_inside_and_outside_the_marks():
    html = marked_diff("<b>a</b> & x", "<script>a</script> & x")
    assert html == "&lt;<del>b</del><ins>script</ins>&gt;a&lt;/<del>b</del><ins>script</ins>&gt; &amp; x"


def test_reasons_read_in_the_admins_language():
    numbers = {81: 1, 90: 2}
    with translation.override("zh-hans"):
        assert reason_in_words("Restored version 81", numbers) == "恢复为第 1 次修订"
        assert reason_in_words("Imported from 数据.csv", numbers) == "从 数据.csv 导入"
    with translation.override("en"):
        assert reason_in_words("Restored version 90", numbers) == "Restored revision 2"
        assert reason_in_words("A reason in words", numbers) == "A reason in words"
