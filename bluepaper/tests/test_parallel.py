"""Parallel reading: Chinese and English side by side, and a notice when one language lags."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils import translation

from bluepaper.models import Challenge, Finding
from core.publishing import Status
from policies.models import Strategy

pytestmark = pytest.mark.django_db

ZH = ["第一段，讲人口。", "第二段，讲产业，篇幅稍长一些，多写几个字。", "第三段，讲交通。"]
EN = [
    "The first paragraph, on population.",
    "The second paragraph, on industry, is a little longer and says a little more.",
    "The third paragraph, on transport.",
]


def finding():
    return Finding.objects.published().filter(chapter__report__year=2025).first()


def parallel_url(obj, language="zh-hans"):
    with translation.override(language):
        return obj.get_absolute_url() + "parallel/"


CELL = r'<div class="parallel__cell prose" lang="([^"]+)">(.*?)</div>\s*(?=<div class="parallel__cell|</div>)'


def rows(html):
    """The parallel view's rows after the column heads: [[(lang, text), …], …]."""
    body = html.split('class="parallel__row parallel__head"', 1)[1].split("</article>", 1)[0]
    found = []
    for row in body.split('<div class="parallel__row">')[1:]:
        cells = re.findall(CELL, row, re.S)
        found.append([(lang, cell_text(text)) for lang, text in cells])
    return found


def cell_text(html):
    """A cell's text as read: inline tags (a figure's span, a link) join it, blocks part it."""
    inline_removed = re.sub(r"</?(?:span|a|mark|em|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline_removed)).split())


def notices(html):
    return [unescape(text) for text in re.findall(r'<p class="language-notice" role="note">(.*?)</p>', html, re.S)]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()  # records a version, as every write does


# The view -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_finding_reads_in_two_aligned_columns_marked_with_their_language(client, language):
    item = finding()
    save(item, body_zh_hans="\n\n".join(ZH), body_en="\n\n".join(EN))
    found = rows(get(client, parallel_url(item, language)))
    assert all([lang for lang, _text in row] == ["zh-Hans", "en"] for row in found)
    assert found[0] == [("zh-Hans", item.title_zh_hans), ("en", item.title_en)]
    assert found[1] == [("zh-Hans", item.summary_zh_hans), ("en", item.summary_en)]
    assert found[2:] == [[("zh-Hans", zh), ("en", en)] for zh, en in zip(ZH, EN, strict=True)]


def test_when_counts_differ_blocks_still_align_and_no_text_is_lost(client):
    item = finding()
    english = [EN[0] + " " + EN[1], EN[2]]  # the translator joined the first two paragraphs
    save(item, body_zh_hans="\n\n".join(ZH), body_en="\n\n".join(english))
    body = rows(get(client, parallel_url(item)))[2:]
    assert body == [[("zh-Hans", f"{ZH[0]} {ZH[1]}"), ("en", english[0])], [("zh-Hans", ZH[2]), ("en", english[1])]]


def test_the_columns_head_the_view_with_each_language_in_its_own_language(client):
    html = get(client, parallel_url(finding(), "en"))
    head = html.split('class="parallel__row parallel__head"', 1)[1].split("</div>", 1)[0]
    assert '<p class="parallel__cell" lang="zh-Hans">简体中文</p>' in head
    assert '<p class="parallel__cell" lang="en">English</p>' in head


def test_figures_in_the_body_show_in_each_columns_language(client):
    item = Finding.objects.published().get(key="p7k2m")  # its body cites Beijing's population by token
    body = rows(get(client, parallel_url(item)))[2]
    assert "1293.5万人" in body[0][1] and "12.935 million" in body[1][1]


def test_missing_english_is_announced_and_the_chinese_is_all_there(client):
    item = finding()
    save(item, body_zh_hans="\n\n".join(ZH), body_en="")
    html = get(client, parallel_url(item, "en"))
    assert notices(html) == ["There is no English text yet for: body."]
    body = rows(html)[2:]
    assert body == [[("zh-Hans", " ".join(ZH)), ("en", "No English text yet.")]]
    assert 'class="parallel__missing" lang="en"' in html
    assert notices(get(client, parallel_url(item))) == ["以下内容尚无英文文本：正文。"]


def test_english_older_than_the_chinese_is_announced(client):
    item = finding()
    save(item, body_zh_hans="\n\n".join(ZH), body_en="\n\n".join(EN))
    assert notices(get(client, parallel_url(item, "en"))) == []
    save(item, body_zh_hans="\n\n".join([*ZH, "新增的第四段。"]))  # the Chinese is revised, the English is not
    [notice] = notices(get(client, parallel_url(item, "en")))
    assert notice.startswith("The English text was last changed on ")
    assert "before the Chinese text was revised on" in notice
    save(item, body_en="\n\n".join([*EN, "A new fourth paragraph."]))  # the translation catches up
    assert notices(get(client, parallel_url(item, "en"))) == []


def test_a_first_translation_does_not_make_the_original_older(client):
    item = finding()
    save(item, body_zh_hans="\n\n".join(ZH), body_en="")
    save(item, body_en="\n\n".join(EN))
    assert notices(get(client, parallel_url(item))) == []


def test_a_challenge_reads_side_by_side(client):
    challenge = Challenge.objects.published().first()
    found = rows(get(client, parallel_url(challenge, "en")))
    assert found[0] == [("zh-Hans", challenge.title_zh_hans), ("en", challenge.title_en)]
    assert len(found) >= 2 and all(len(row) == 2 for row in found)


def test_a_strategy_pairs_its_actions_one_by_one_and_names_a_missing_one(client):
    strategy = Strategy.objects.published().filter(actions__isnull=False).distinct().first()
    actions = list(strategy.actions.all())
    found = rows(get(client, parallel_url(strategy)))
    for action in actions:
        assert [("zh-Hans", action.text_zh_hans), ("en", action.text_en)] in found
    save(actions[0], text_en="")
    html = get(client, parallel_url(strategy, "en"))
    assert notices(html) == ["There is no English text yet for: action."]


# Addresses, canonical links, drafts ------------------------------------------------------------------


def test_the_page_links_to_its_parallel_view_which_names_the_page_as_canonical(client):
    item = finding()
    for page in (item, Challenge.objects.published().first(), Strategy.objects.published().first()):
        html = get(client, page.get_absolute_url())
        assert f'<link rel="canonical" href="{settings.SITE_URL}{page.get_absolute_url()}">' in html
        assert f'href="{parallel_url(page)}"' in html
        parallel = get(client, parallel_url(page))
        assert f'<link rel="canonical" href="{settings.SITE_URL}{page.get_absolute_url()}">' in parallel


def test_an_old_slug_redirects_to_the_parallel_view(client):
    item = finding()
    response = client.get(f"/findings/{item.key}/an-old-slug/parallel/")
    assert response.status_code == 301 and response["Location"] == parallel_url(item)


@pytest.mark.parametrize("model", [Finding, Challenge, Strategy])
def test_a_draft_has_no_parallel_view(client, model):
    item = model.objects.published().first()
    url = parallel_url(item)
    save(item, status=Status.DRAFT)
    assert client.get(url).status_code == 404


# Editors see the same notice -----------------------------------------------------------------------


def test_editors_see_the_notice_in_the_change_form(editor):
    item = finding()
    save(item, body_zh_hans="\n\n".join(ZH), body_en="\n\n".join(EN))
    page = editor.get(f"/admin/bluepaper/finding/{item.pk}/change/").content.decode()
    assert "Both languages are complete, and neither was revised after the other." in page
    save(item, body_zh_hans="\n\n".join([*ZH, "新增的第四段。"]))
    page = editor.get(f"/admin/bluepaper/finding/{item.pk}/change/").content.decode()
    assert re.search(r'<li class="warning">The English text was last changed on [\d: -]+, before the Chinese', page)


@pytest.mark.parametrize(("model", "field"), [(Challenge, "description_en"), (Strategy, "summary_en")])
def test_editors_see_missing_english_for_challenges_and_strategies(editor, model, field):
    item = model.objects.published().first()
    save(item, **{field: ""})
    page = editor.get(f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/").content.decode()
    assert re.search(r'<li class="warning">There is no English text yet for: [a-z]+\.</li>', page)
