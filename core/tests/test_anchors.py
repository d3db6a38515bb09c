"""Stable ids inside pages: each paragraph and figure can be linked to, across unrelated edits."""

import re

import pytest

from bluepaper.models import Finding
from core.text import anchor_blocks, render_markdown

LABEL = "Link to this paragraph"
IDS = re.compile(r'\sid="([^"]+)"')
ANCHOR_LINKS = re.compile(r'<a class="anchor-link" href="#([^"]+)"')


def anchored(markdown):
    return anchor_blocks(render_markdown(markdown), LABEL)


def paragraph_ids(html):
    return re.findall(r'<(?:p|li|h[2-4]) id="(p-[0-9a-f]{8}(?:-\d+)?)"', html)


def test_an_untouched_paragraph_keeps_its_id_when_another_is_edited():
    before = paragraph_ids(anchored("First paragraph.\n\nSecond paragraph."))
    after = paragraph_ids(anchored("First paragraph.\n\nSecond paragraph, corrected.\n\nA third one."))
    assert before[0] == after[0]
    assert before[1] != after[1]
    assert len(set(after)) == 3


def test_ids_follow_the_words_not_the_figures_values_or_the_whitespace():
    assert paragraph_ids(anchored("Mileage reached [[figure:8]].")) == paragraph_ids(
        anchored("Mileage   reached\n[[figure:8]].")
    )


def test_repeated_paragraphs_get_distinct_ids():
    ids = paragraph_ids(anchored("Same.\n\nSame.\n\n- Same.\n- Other."))
    assert len(ids) == 4 and len(set(ids)) == 4
    assert ids[1] == f"{ids[0]}-2"


def test_an_editor_cannot_forge_an_id():
    html = anchored('<p id="figures">Text</p>\n\n<span id="obs-1">x</span> <p id="p-00000000">y</p>')
    assert 'id="figures"' not in html and 'id="obs-1"' not in html and "p-00000000" not in html
    assert len(IDS.findall(html)) == len(paragraph_ids(html)) == 3


def test_each_block_gets_one_link_mark_to_itself():
    html = anchored("Para.\n\n1. item\n\n    nested para\n\n## Heading")
    assert ANCHOR_LINKS.findall(html) == paragraph_ids(html)
    assert html.count(f'aria-label="{LABEL}"') == 3  # the list item once, not again for its paragraph


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_ids_on_a_finding_page_are_unique_and_every_link_mark_resolves(client, prefix):
    html = client.get(f"{prefix}/findings/p7k2m/", follow=True).content.decode()
    ids = IDS.findall(html)
    assert len(ids) == len(set(ids))
    links = ANCHOR_LINKS.findall(html)
    assert links and set(links) <= set(ids)
    finding = Finding.objects.get(key="p7k2m")
    observation_ids = {f"obs-{pk}" for pk in finding.observations.values_list("pk", flat=True)}
    assert observation_ids <= set(links)  # each row of the figures table
    assert {f"key-{i}" for i in observation_ids} <= set(links)  # each key figure
    assert paragraph_ids(html)


@pytest.mark.django_db
def test_a_paragraphs_id_on_the_page_survives_an_edit_elsewhere_in_the_body(client):
    finding = Finding.objects.get(key="p7k2m")
    url = finding.get_absolute_url()
    before = paragraph_ids(client.get(url).content.decode())
    finding.body_zh_hans = f"{finding.body_zh_hans}\n\n新增的一段。"
    finding.save()
    after = paragraph_ids(client.get(url).content.decode())
    assert after[: len(before)] == before and len(after) == len(before) + 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/indicators/high-speed-rail-mileage/", "/en/regions/beijing/"])
def test_figure_rows_on_data_pages_can_be_linked(client, path):
    html = client.get(path).content.decode()
    ids = IDS.findall(html)
    assert len(ids) == len(set(ids))
    links = ANCHOR_LINKS.findall(html)
    assert links and all(link.startswith("obs-") for link in links) and set(links) <= set(ids)
