"""Security regression: the XSS corpus, entered through the admin, runs nothing on any public page.

Editors and publishers enter every payload of core/tests/xss_payloads.txt through the admin's real
forms (website/tests/xss_entry.py); headless Chromium then reads every public page that shows them,
in both languages. On each page: no dialog opens and no script error or CSP violation is reported
(the payloads call alert, confirm or prompt; a CSP violation means something got into the DOM),
and the DOM holds no event handler attribute, no script URL, no script but the site's own, and
nothing a text could use to frame, embed or re-base the page (website/tests/xss_inspect.js).
A second pass turns the CSP off, so that the sanitiser and the templates are shown to hold alone.
"""

import json
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from bluepaper.models import Chapter
from bluepaper.tests.factories import FindingFactory
from core.search import MAX_QUERY_LENGTH
from core.tests.admin_forms import logged_in_client
from core.tests.xss import dangers, payloads, script_url
from indicators.models import Region

from .xss_entry import enter_corpus, pack

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INSPECT = Path(__file__).with_name("xss_inspect.js").read_text(encoding="utf-8")
# Every way a payload could announce that it ran, recorded instead of shown.
RECORDER = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(`${name}(${args.join(",")})`); };
}
document.addEventListener("securitypolicyviolation", (event) => {
  window.__xss.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def corpus(live_server, migrated_groups, settings, tmp_path):
    """The corpus entered through the admin and published; the public paths that show it."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed", verbosity=0)
    entered = enter_corpus(logged_in_client("xss-editor", "Editors"), logged_in_client("xss-publisher", "Publishers"))
    entered.objects += write_outside_the_forms()
    return entered, public_paths(entered)


def write_outside_the_forms(bodies=8):
    """Findings whose bodies hold the whole corpus, written as `load_seed` or an import writes.

    Such text is only sanitised, not checked by a form (decision 0025): so the renderer, the
    figure filler and the templates are tested on the payloads the forms refuse too. Each body
    holds a few, as an unclosed `<script>` or `<style>` hides whatever follows it.
    """
    corpus = [payload for _family, payload in payloads()]
    chunks = ["\n\n".join(corpus[start::bodies]) for start in range(bodies)]
    chapter = Chapter.objects.get(slug="progress")
    return [
        FindingFactory(chapter=chapter, slug=f"xss-imported-{i}", body_zh_hans=chunks[2 * i], body_en=chunks[2 * i + 1])
        for i in range(bodies // 2)
    ]


def public_paths(entered):
    """Every public page that shows the entered objects, in both languages, and the API's answers."""
    findings = [obj for obj in entered.objects if obj._meta.model_name == "finding"]
    pages = {obj.get_absolute_url().split("#")[0] for obj in entered.objects}
    pages |= {obj.chapter.get_absolute_url() for obj in entered.objects if hasattr(obj, "chapter")}
    pages |= {"/", findings[0].chapter.report.get_absolute_url(),
              "/strategies/", "/indicators/", "/regions/", Region.objects.get(slug="tianjin").get_absolute_url(),
              f"{findings[0].get_absolute_url().rsplit('/', 2)[0]}/v1/", "/search/?q=xss"}  # fmt: skip
    paths = sorted(pages) + [f"/en{path}" for path in sorted(pages)]
    queries = pack([payload.replace("\n", " ") for _family, payload in payloads()], MAX_QUERY_LENGTH)
    paths += [f"/search/?q={quote(query)}" for query in queries]
    api = ["findings", "challenges", "strategies", "indicators", "observations", "sources"]
    paths += [f"/api/v1/{name}/?format={kind}" for name in api for kind in ("api", "json")]
    return paths


def visit(page, url, events):
    """Load a page as a reader does; what it reported, and what its DOM holds that it should not."""
    response = page.goto(url, wait_until="load")
    assert response.status == 200, f"{url} answered {response.status}"
    page.mouse.move(200, 300)  # hover, for handlers that wait for the pointer
    reported = page.evaluate("window.__xss || []")
    site_page = "format=api" not in url
    if not site_page:
        # The browsable API's own template sets inline styles, which the CSP refuses: not a payload.
        reported = [event for event in reported if "style-src" not in event]
        events = [event for event in events if "style-src" not in event]
    inspected = page.evaluate(INSPECT, site_page) if "html" in response.headers["content-type"] else []
    return [*events, *reported, *inspected]


def read_every_page(browser, base, paths, bypass_csp):
    """{path: problems} for every page with any, read in one browser context."""
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORDER)
    page = context.new_page()
    events = []
    page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"script error {error}"))
    # Console errors but the browser's own note of a missing favicon (a 404 is no payload's doing;
    # a request to another origin is caught below).
    page.on("console", lambda m: events.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.on("request", lambda r: None if r.url.startswith((base, "data:")) else events.append(f"request to {r.url}"))
    failures = {}
    for path in paths:
        problems = visit(page, f"{base}{path}", events)
        events.clear()
        if problems:
            failures[path] = problems
    context.close()
    return failures


def svg_dangers(svg: bytes):
    """Script elements, handler attributes and script URLs in an SVG file (which must parse as XML)."""
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own chart, read to check it
    return [
        (element.tag, name)
        for element in root.iter()
        for name, value in [("", ""), *element.attrib.items()]
        if element.tag.endswith("}script") or name.rsplit("}", 1)[-1].startswith("on") or script_url(value)
    ]


def report(failures):
    return "\n".join(f"{path}: {problem}" for path, problems in failures.items() for problem in problems)


def test_no_payload_runs_or_survives_on_any_public_page(browser, live_server, corpus):
    entered, paths = corpus
    assert len(entered.accepted_in_text) + len(entered.refused_in_text) == len(payloads()) >= 50
    failures = read_every_page(browser, live_server.url, paths, bypass_csp=False)
    assert not failures, report(failures)
    # Without the CSP, the sanitiser and the templates alone must keep every payload inert.
    failures = read_every_page(browser, live_server.url, paths, bypass_csp=True)
    assert not failures, report(failures)
    assert_shown_as_text(browser.new_page(), live_server.url, entered)


def assert_shown_as_text(page, base, entered):
    """The checks above read pages that do show the payloads: as the text the editor typed."""
    finding = next(obj for obj in entered.objects if obj._meta.model_name == "finding")
    page.goto(f"{base}/en{finding.get_absolute_url()}")
    assert page.locator("h1").inner_text().split() == finding.title_en.split()
    assert entered.accepted_in_text[0] in page.locator("main").inner_text()
    assert page.locator("main img").first.get_attribute("alt") == finding.image.alt_text_en
    page.goto(f"{base}/en/search/?q={quote(finding.title_en.split()[0])}")
    assert page.locator(f".search-result a[href*='{finding.key}']").count() >= 1  # payload text is found
    chart = page.request.get(f"{base}/indicators/xss-indicator/chart.svg")  # a download, not a page
    assert chart.ok and svg_dangers(chart.body()) == []
    api = page.request.get(f"{base}/api/v1/findings/?format=json").json()
    assert finding.title_en in json.dumps(api, ensure_ascii=False)  # data, for the consumer to escape
    bodies = [item["body_html"] for item in api["results"]]
    assert bodies and all(dangers(str(body)) == [] for body in bodies)  # HTML a consumer may insert as is
    page.close()
