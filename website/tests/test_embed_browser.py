"""Framing in a real browser: a page on another origin (a second local port) frames the finding's
card and sees it; framing an ordinary page of the site is refused by its headers. The embed reads
well at a phone's width and passes axe."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
KEY = "p7k2m"


@pytest.fixture
def site(live_server):
    """The live site with the seed content (transactional tests start from an empty database)."""
    call_command("load_seed", verbosity=0)
    finding = Finding.objects.get(key=KEY)
    return {"url": live_server.url, "page": finding.get_absolute_url(), "title": finding.title_en}


@pytest.fixture
def other_origin():
    """A second web server on another port (another origin): it serves the pages put in `pages`."""
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            body = pages.get(self.path, "not found").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass  # keep the test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "pages": pages}
    server.shutdown()
    server.server_close()


def article(*frames):
    """A news article on the other origin framing `frames` (name, src)."""
    iframes = "".join(
        f'<iframe name="{name}" title="{name}" src="{src}" width="600" height="700"></iframe>' for name, src in frames
    )
    head = '<!DOCTYPE html><html lang="en"><head><title>An article</title></head>'
    return f"{head}<body><h1>News</h1>{iframes}</body></html>"


def test_another_origin_frames_the_card_but_not_an_ordinary_page(page, site, other_origin):
    embed, ordinary = f"{site['url']}/en/embed/findings/{KEY}/", f"{site['url']}/en{site['page']}"
    assert not site["url"].startswith(other_origin["url"])  # localhost vs 127.0.0.1: two origins
    other_origin["pages"]["/article.html"] = article(("card", embed), ("page", ordinary))
    with page.expect_response(ordinary) as refused:
        page.goto(f"{other_origin['url']}/article.html")
    assert refused.value.headers["x-frame-options"] == "DENY"

    card = page.frame_locator('iframe[name="card"]')
    expect(card.get_by_role("heading", name=site["title"])).to_be_visible()
    expect(card.get_by_text("12.935 million people")).to_be_visible()
    expect(card.get_by_role("link", name="this site's note on these figures")).to_be_visible()

    # Both frames have loaded (the card shows): the ordinary page's frame was refused, not slow.
    refused_frame = page.frame(name="page")
    assert refused_frame is not None
    assert not refused_frame.url.startswith(site["url"]) or site["title"] not in frame_text(refused_frame)
    expect(page.frame_locator('iframe[name="page"]').get_by_text(site["title"])).to_have_count(0)


def frame_text(frame):
    """The frame's text, or nothing when the browser will not show its document (an error page)."""
    try:
        return frame.locator("body").inner_text(timeout=2000)
    except Exception:  # noqa: BLE001 - a refused frame may have no readable document at all
        return ""


def test_the_card_links_back_to_the_permanent_url_in_a_new_tab(page, site, other_origin):
    other_origin["pages"]["/article.html"] = article(("card", f"{site['url']}/embed/findings/{KEY}/"))
    page.goto(f"{other_origin['url']}/article.html")
    back = page.frame_locator('iframe[name="card"]').locator("a.embed__back")
    expect(back).to_contain_text("在京津冀发展报告网站阅读")
    assert back.get_attribute("href").endswith(f"/findings/{KEY}/")
    assert back.get_attribute("target") == "_blank" and back.get_attribute("rel") == "noopener"


EMBEDS = [
    f"/embed/findings/{KEY}/",
    f"/en/embed/findings/{KEY}/?v=1",
    "/en/embed/indicators/high-speed-rail-mileage/",
    "/embed/indicators/resident-population/",
]


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", EMBEDS)
def test_the_embed_fits_any_frame_width_and_passes_axe(page, site, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(f"{site['url']}{path}")
    assert response.status == 200
    expect(page.locator("h1")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    for mark in page.locator(".anchor-link").all():  # a link mark would point at the frame itself
        expect(mark).to_be_hidden()
    if width == 375:
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_offered_height_shows_the_whole_embed_in_a_phone_wide_frame(page, site, prefix):
    """The iframe code states a height (no script resizes it): the card must fit it at 375 px."""
    page.set_viewport_size({"width": 375, "height": 100})
    for path in (site["page"], "/findings/k5uj8/", "/indicators/resident-population/"):
        page.goto(f"{site['url']}{prefix}{path}")
        code = page.locator("textarea.embed-box__code").input_value()
        src, height = re.search(r'src="([^"]+)".* height="(\d+)"', code).groups()
        page.goto(src.replace(settings.SITE_URL, site["url"]))
        needed = page.evaluate("document.documentElement.scrollHeight")
        assert needed <= int(height), f"{src}: {needed}px of content in a {height}px frame"
