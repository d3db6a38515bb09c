"""Finding one's way: the report's contents, previous/next, "on this page", and the main menu."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from bluepaper.models import Challenge, Chapter, Finding, FindingVersion, Report
from core.navigation import neighbours
from core.publishing import Status
from indicators.models import Indicator, Region
from policies.models import Strategy

pytestmark = pytest.mark.django_db


def in_language(language, url):
    return f"/en{url}" if language == "en" else url


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def report_order():
    """The published findings of the 2025 report, in the report's own order."""
    return list(Finding.objects.published().filter(chapter__report__year=2025))


def pager(html):
    """{"prev": (label, title), "next": …} from the page's previous/next links."""
    found = {}
    for direction, label, title in re.findall(
        r'<a class="pager__\w+" rel="(prev|next)" href="[^"]+"><span class="pager__dir">([^<]+)</span> (.+?)</a>',
        html,
    ):
        found[direction] = (label, unescape(re.sub(r"<[^>]+>", "", title)))  # a title's figures are spans
    return found


# Previous and next ---------------------------------------------------------------------------


def test_findings_lead_on_in_the_report_order_across_chapters(client):
    findings = report_order()
    assert len({f.chapter_id for f in findings}) > 1  # the walk crosses a chapter boundary
    for index, finding in enumerate(findings):
        links = pager(html_of(client, finding.get_absolute_url()))
        if index > 0:
            assert links["prev"] == ("上一条", findings[index - 1].title_zh_hans)
        else:
            assert "prev" not in links
        if index + 1 < len(findings):
            assert links["next"] == ("下一条", findings[index + 1].title_zh_hans)
        else:
            assert "next" not in links


def test_previous_and_next_finding_in_english(client):
    first, second = report_order()[:2]
    links = pager(html_of(client, in_language("en", second.get_absolute_url())))
    assert links["prev"] == ("Previous", first.title_en)
    assert links["next"][0] == "Next"


def test_drafts_are_skipped_by_previous_and_next(client):
    first, second, third = report_order()[:3]
    second.status = Status.DRAFT
    second.save()
    assert pager(html_of(client, first.get_absolute_url()))["next"][1] == third.title_zh_hans
    assert pager(html_of(client, third.get_absolute_url()))["prev"][1] == first.title_zh_hans


def test_findings_of_a_draft_chapter_are_skipped(client):
    chapter = Chapter.objects.get(report__year=2025, number=1)
    last_of_chapter_one = Finding.objects.published().filter(chapter=chapter).last()
    first_of_chapter_two = Finding.objects.published().filter(chapter__number=2).first()
    chapter.status = Status.DRAFT
    chapter.save()
    links = pager(html_of(client, first_of_chapter_two.get_absolute_url()))
    assert "prev" not in links
    assert last_of_chapter_one.title_zh_hans not in html_of(client, first_of_chapter_two.get_absolute_url())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_chapters_lead_to_the_previous_and_next_chapter(client, language):
    chapters = list(Chapter.objects.published().filter(report__year=2025).select_related("report"))
    title = "title_en" if language == "en" else "title_zh_hans"
    links = pager(html_of(client, in_language(language, chapters[1].get_absolute_url())))
    assert links["prev"] == ("上一章" if language == "zh-hans" else "Previous", getattr(chapters[0], title))
    assert links["next"][1] == getattr(chapters[2], title)


def test_neighbours_take_one_query_of_at_most_two_rows():
    middle = report_order()[3]
    # Built directly, not by the factory, whose numbered titles other tests' content checks read.
    now = timezone.now()
    Finding.objects.bulk_create(
        Finding(chapter=middle.chapter, order=50 + n, slug=f"more-{n}", title_zh_hans="另一条", title_en="Another",
                summary_zh_hans="摘要。", summary_en="Summary.", status=Status.PUBLISHED, published_at=now)
        for n in range(30)
    )  # fmt: skip
    queryset = Finding.objects.published().filter(chapter__report_id=middle.chapter.report_id)
    with CaptureQueriesContext(connection) as queries:
        found = neighbours(queryset, middle)
    assert len(queries) == 1
    order = list(queryset)
    position = [f.pk for f in order].index(middle.pk)
    assert (found["previous"], found["next"]) == (order[position - 1], order[position + 1])


# The report's table of contents ---------------------------------------------------------------


def test_the_report_page_is_the_table_of_contents(client):
    report = Report.objects.get(year=2025)
    html = html_of(client, report.get_absolute_url())
    contents = html.split('id="contents"', 1)[1]
    positions = []
    for chapter in Chapter.objects.published().filter(report=report):
        assert chapter.get_absolute_url() in contents
        positions.append(contents.index(chapter.get_absolute_url()))
        for item in [*chapter.findings.published(), *chapter.challenges.published(), *chapter.strategies.published()]:
            assert f'href="{item.get_absolute_url()}"' in contents
    assert positions == sorted(positions)  # in the report's order


def test_a_draft_stays_out_of_the_contents(client):
    finding = report_order()[0]
    finding.status = Status.DRAFT
    finding.save()
    assert finding.get_absolute_url() not in html_of(client, "/reports/2025/")


def test_the_menu_leads_to_the_contents_from_every_page(client):
    for url in ["/", "/indicators/", "/search/?q=2624", report_order()[0].get_absolute_url()]:
        nav = menu(html_of(client, url))
        assert re.search(r'<a href="(/reports/2025/|/reports/)"[^>]*>目录</a>', nav), url
    response = client.get("/en/reports/")
    assert response.status_code == 302 and response["Location"] == "/en/reports/2025/"


def test_the_latest_report_address_answers_404_when_nothing_is_published(client):
    Report.objects.update(status=Status.DRAFT)
    assert client.get("/reports/").status_code == 404


# "On this page" ---------------------------------------------------------------------------------


def long_pages():
    return {
        "finding": report_order()[0].get_absolute_url(),
        "challenge": Challenge.objects.published().first().get_absolute_url(),
        "strategy": Strategy.objects.published().first().get_absolute_url(),
        "report": "/reports/2025/",
        "indicator": Indicator.objects.published().first().get_absolute_url(),
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", ["finding", "challenge", "strategy", "report", "indicator"])
def test_on_this_page_links_to_sections_that_exist(client, kind, language):
    html = html_of(client, in_language(language, long_pages()[kind]))
    box = html.split('<nav class="on-this-page"', 1)[1].split("</nav>", 1)[0]
    assert ("本页内容" if language == "zh-hans" else "On this page") in box
    targets = re.findall(r'href="#([^"]+)"', box)
    assert len(targets) >= 2
    for target in targets:
        assert f'id="{target}"' in html, f"{kind}: #{target} is not on the page"


# The main menu: the current section on every page ------------------------------------------------


def menu(html):
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def marked(html):
    """{link text: aria-current value} for the menu's links that carry aria-current."""
    return {text: value for value, text in re.findall(r'aria-current="(\w+)">([^<]+)</a>', menu(html))}


def every_page_type():
    finding = report_order()[0]
    challenge = Challenge.objects.published().first()
    strategy = Strategy.objects.published().first()
    version = FindingVersion.objects.filter(finding=finding).first()
    return [
        ("/", {"Home": "page"}),
        ("/reports/2025/", {"Contents": "page"}),
        (Chapter.objects.published().select_related("report").first().get_absolute_url(), {"Contents": "true"}),
        (finding.get_absolute_url(), {"Contents": "true"}),
        (version.get_absolute_url(), {"Contents": "true"}),
        (finding.get_absolute_url() + "parallel/", {"Contents": "true"}),
        ("/challenges/", {"Challenges": "page"}),
        (challenge.get_absolute_url(), {"Challenges": "true"}),
        (challenge.get_absolute_url() + "parallel/", {"Challenges": "true"}),
        ("/strategies/", {"Strategies": "page"}),
        (strategy.get_absolute_url(), {"Strategies": "true"}),
        (strategy.get_absolute_url() + "parallel/", {"Strategies": "true"}),
        ("/indicators/", {"Indicators": "page"}),
        (Indicator.objects.published().first().get_absolute_url(), {"Indicators": "true"}),
        ("/regions/", {"Regions": "page"}),
        (Region.objects.published().first().get_absolute_url(), {"Regions": "true"}),
        ("/search/?q=2624", {}),
        ("/feeds/", {}),
    ]


def test_the_menu_marks_the_current_section_on_every_page_type(client):
    for url, expected in every_page_type():
        assert marked(html_of(client, f"/en{url}")) == expected, url


def test_the_menu_marks_the_section_in_chinese_too(client):
    finding = report_order()[0]
    assert marked(html_of(client, finding.get_absolute_url())) == {"目录": "true"}
    assert marked(html_of(client, Challenge.objects.published().first().get_absolute_url())) == {"挑战": "true"}
    assert marked(html_of(client, "/")) == {"首页": "page"}


def test_a_missing_page_marks_no_menu_entry(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "aria-current" not in menu(response.content.decode())


def test_the_menu_folds_behind_a_summary_without_javascript(client):
    nav = menu(html_of(client, "/"))
    assert re.search(
        r'<details class="site-nav__toggle"><summary>菜单</summary></details>\s*<ul class="site-nav__list">', nav
    )
    assert "<script" not in nav


# The list of challenges ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_challenges_page_lists_every_published_challenge_in_order(client, language):
    challenges = list(Challenge.objects.published())
    draft = challenges[-1]
    draft.status = Status.DRAFT
    draft.save()
    with translation.override(language):
        html = html_of(client, in_language(language, "/challenges/"))
        positions = [html.index(f'href="{c.get_absolute_url()}"') for c in challenges[:-1]]
        assert f'href="{draft.get_absolute_url()}"' not in html
    assert positions == sorted(positions)


def test_published_versions_keep_reading_as_published_without_the_pages_reading_aids(client):
    finding = report_order()[0]
    version = FindingVersion.objects.filter(finding=finding).order_by("-number").first()
    assert 'class="on-this-page"' not in version.html_zh_hans + version.html_en
    assert 'class="on-this-page"' not in html_of(client, version.get_absolute_url()).split("<main", 1)[1]
    assert 'class="on-this-page"' in html_of(client, finding.get_absolute_url())
