"""Every public page weighs under 60 KB, loads nothing from another host and reads without JavaScript,
on the seed and on the 100x synthetic data set of `make bench` (website/page_weight.py)."""

import pytest
from django.core.management import call_command
from django.db import transaction

from website.page_weight import (
    LIMIT,
    in_both_languages,
    is_foreign,
    page_paths,
    phone_candidate,
    resources_of,
    weigh,
)

SCALE = 100  # as `make bench`; building it takes about ten seconds, once for this module


@pytest.fixture(scope="module")
def synthetic(django_db_setup, django_db_blocker):
    """The seed plus the synthetic data set, for this module's tests only: rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("make_synthetic", scale=SCALE, force=True, verbosity=0)
        yield
        transaction.set_rollback(True)


def problems(client):
    """{page: what is wrong with it} for every public page type, in both languages."""
    found = {}
    for name, path in in_both_languages(page_paths()).items():
        weight = weigh(client, path)
        wrong = []
        if weight.transferred >= LIMIT:
            wrong.append(f"{weight.transferred / 1024:.1f} KB transferred")
        if weight.html >= LIMIT:
            wrong.append(f"{weight.html / 1024:.1f} KB of HTML")
        if weight.foreign:
            wrong.append(f"loads from another host: {weight.foreign}")
        if not weight.heading:
            wrong.append("no <h1> text in the HTML")
        if weight.blocking_scripts:
            wrong.append(f"scripts that block reading: {weight.blocking_scripts}")
        if wrong:
            found[f"{name} {path}"] = wrong
    return found


@pytest.mark.django_db
def test_every_page_is_light_self_hosted_and_server_rendered_on_the_seed(client):
    assert problems(client) == {}


@pytest.mark.django_db
def test_every_page_is_light_self_hosted_and_server_rendered_at_100x(synthetic, client):
    assert problems(client) == {}


@pytest.mark.django_db
def test_the_synthetic_set_links_its_content_to_the_measured_pages(synthetic, client):
    """Otherwise the test above would weigh pages that the synthetic set leaves as they were."""
    paths = page_paths()
    indicator = client.get(paths["indicator"]).content.decode()
    assert f'href="{paths["indicator-findings"]}"' in indicator  # more findings than the page shows
    assert 'rel="next"' in indicator  # and more regions' figures than one page
    region = client.get(paths["region"]).content.decode()
    assert f'href="{paths["region-findings"]}"' in region
    assert 'rel="next"' in region
    finding = client.get(paths["finding"]).content.decode()
    assert "/strategies/?finding=" in finding


# Each paginated page, and where its view puts the Page of its list.
PAGINATED = {
    "strategy-list": "page",
    "indicator-list": "page",
    "region-list": "page",
    "feeds": "page",
    "search-many": "page",
    "indicator": "figures_page",
    "region": "figures_page",
    "indicator-findings": "findings",
    "region-findings": "findings",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "context_name"), PAGINATED.items())
def test_every_page_of_a_long_list_answers_and_beyond_it_is_a_404(synthetic, client, name, context_name):
    path = page_paths()[name]
    last = client.get(path).context[context_name].paginator.num_pages
    assert last > 1, "at 100x the list should need more than one page"
    joiner = "&" if "?" in path else "?"
    assert client.get(f"{path}{joiner}page={last}").status_code == 200
    for beyond in (last + 1, 0, "x", "1.5"):
        assert client.get(f"{path}{joiner}page={beyond}").status_code == 404, beyond


def test_a_foreign_resource_is_found_wherever_a_page_names_it():
    html = """<html><head><link rel="stylesheet" href="https://cdn.example.com/a.css">
    <link rel="canonical" href="https://blue.example/x/"><script src="//cdn.example.com/a.js"></script></head>
    <body><h1>Title <em>here</em></h1>
    <img src="/media/a.png" srcset="/media/a-400.png 400w, https://img.example.com/b.png 800w">
    <iframe src="https://maps.example.com/"></iframe>
    <a href="https://elsewhere.example/">a link is not a load</a></body></html>"""
    found = resources_of(html)
    foreign = [url for url in found.fetched if is_foreign(url)]
    assert foreign == [
        "https://cdn.example.com/a.css",
        "//cdn.example.com/a.js",
        "https://img.example.com/b.png",
        "https://maps.example.com/",
    ]
    assert found.heading == "Title here"
    assert found.blocking_scripts == ["//cdn.example.com/a.js"]
    assert not is_foreign("/static/css/site.css") and not is_foreign("data:image/png;base64,AAAA")


def test_a_phone_fetches_the_smallest_image_wide_enough_for_its_750_pixels():
    srcset = "/i-480.webp 480w, /i-800.webp 800w, /i-1600.webp 1600w"
    assert phone_candidate("/i.jpg", srcset) == "/i-800.webp"
    assert phone_candidate("/i.jpg", "/i-480.webp 480w, /i-640.webp 640w") == "/i-640.webp"
    assert phone_candidate("/i.jpg", "") == "/i.jpg"
