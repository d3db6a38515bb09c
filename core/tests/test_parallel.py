"""Aligning two languages' blocks: in order, each block once, paragraph against paragraph."""

from core.parallel import align, split_blocks


def paragraph(text):
    return f"<p>{text}</p>"


def flat(pairs):
    return [block for left, _right in pairs for block in left], [block for _left, right in pairs for block in right]


def test_blocks_are_the_top_level_elements_kept_exactly():
    html = '<p>a &amp; <b>b</b></p>\n<ul><li>x</li><li>y</li></ul><h2 id="p-1">T</h2><hr><p lang="en">z</p>'
    assert split_blocks(html) == [
        "<p>a &amp; <b>b</b></p>",
        "<ul><li>x</li><li>y</li></ul>",
        '<h2 id="p-1">T</h2>',
        "<hr>",
        '<p lang="en">z</p>',
    ]


def test_as_many_blocks_pair_one_to_one():
    chinese = [paragraph("一" * n) for n in (10, 40, 20)]
    english = [paragraph("e" * n) for n in (35, 120, 70)]
    assert align(chinese, english) == [([c], [e]) for c, e in zip(chinese, english, strict=True)]


def test_a_paragraph_split_in_two_faces_both_halves():
    chinese = [paragraph("一" * 30), paragraph("二" * 30), paragraph("三" * 40)]
    english = [paragraph("e" * 180), paragraph("f" * 120)]  # the first two Chinese paragraphs as one
    assert align(chinese, english) == [(chinese[:2], english[:1]), (chinese[2:], english[1:])]


def test_a_paragraph_with_no_translation_stands_alone():
    chinese = [paragraph("一" * 30), paragraph("二" * 5), paragraph("三" * 30)]
    english = [paragraph("e" * 100), paragraph("f" * 100)]
    pairs = align(chinese, english)
    assert (chinese[1:2], []) in pairs or ([chinese[0], chinese[1]], english[:1]) in pairs
    assert flat(pairs) == (chinese, english)


def test_a_heading_faces_a_heading():
    chinese = ["<h2>标题</h2>", paragraph("一" * 40)]
    english = ["<h2>A heading of some length</h2>", paragraph("e" * 100)]
    assert align(chinese, english) == [([chinese[0]], [english[0]]), ([chinese[1]], [english[1]])]


def test_no_text_is_ever_lost_whatever_the_counts():
    for chinese_count in range(0, 7):
        for english_count in range(0, 7):
            chinese = [paragraph(f"中{i}" * (i + 1)) for i in range(chinese_count)]
            english = [paragraph(f"en{i} " * (3 * i + 2)) for i in range(english_count)]
            pairs = align(chinese, english)
            assert flat(pairs) == (chinese, english)
            assert all(left or right for left, right in pairs)


def test_one_language_missing_gives_one_row_with_everything():
    chinese = [paragraph("一"), paragraph("二")]
    assert align(chinese, []) == [(chinese, [])]
    assert align([], []) == []
