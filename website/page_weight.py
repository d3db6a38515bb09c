"""What a public page weighs for a reader on a phone, and whether it loads anything from another host.

A page's weight is what a first visit transfers: the HTML, every stylesheet and script it links,
and the image each `<img>` would fetch on a 375 px phone at 2x density (the smallest `srcset`
candidate at least 750 px wide, else the widest; `src` without a `srcset`). Every `<img>` counts,
lazy or not: which ones fall in the first screen depends on the phone, and counting them all
can only overstate. `transferred` is what `make run` sends a browser: the HTML uncompressed
(gunicorn does not compress it), stylesheets and scripts gzipped (WhiteNoise serves the gzip
copies collectstatic made to any browser that accepts gzip), images as they are. Behind the nginx
of docs/deployment/ the HTML is gzipped too: `gzipped` says what that would transfer.
Decision record: docs/decisions/0041-page-weight-and-caps.md.

Wiring: it fetches pages of every app through Django's test client (tests and `page_weights`).
"""

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count
from django.utils import translation

from bluepaper.models import Challenge, Chapter, Finding, FindingVersion, Report
from indicators.models import Indicator, Region
from policies.models import Strategy

LIMIT = 60 * 1024  # bytes: PRODUCT.md's bar, for every public page
PHONE_PIXELS = 375 * 2  # a 375 px wide phone at 2x density
# Tags and attributes that make a browser fetch something, and <link> rels that do.
RESOURCE_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


@dataclass
class Resources:
    """What a page's HTML makes a browser fetch (stylesheets, scripts, images), and its <h1>."""

    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # every fetched address, to check the hosts
    blocking_scripts: list[str] = field(default_factory=list)  # neither defer nor async
    heading: str = ""


class ResourceParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = Resources()
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.in_heading = True
        if tag == "link" and FETCHED_LINK_RELS & set((attrs.get("rel") or "").lower().split()):
            self.found.fetched.append(attrs.get("href") or "")
            if "stylesheet" in attrs["rel"].lower().split():
                self.found.stylesheets.append(attrs.get("href") or "")
        for url in srcset_urls(attrs.get("srcset") or ""):
            self.found.fetched.append(url)
        if tag in RESOURCE_ATTRIBUTES and attrs.get(RESOURCE_ATTRIBUTES[tag]):
            self.found.fetched.append(attrs[RESOURCE_ATTRIBUTES[tag]])
        if tag == "script" and attrs.get("src"):
            self.found.scripts.append(attrs["src"])
            if "defer" not in attrs and "async" not in attrs:
                self.found.blocking_scripts.append(attrs["src"])
        if tag == "img":
            self.found.images.append(phone_candidate(attrs.get("src") or "", attrs.get("srcset") or ""))

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_heading = False

    def handle_data(self, data):
        if self.in_heading:
            self.found.heading += data


def srcset_urls(srcset: str) -> list[str]:
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def phone_candidate(src: str, srcset: str) -> str:
    """The image a 375 px phone at 2x fetches: the smallest `w` candidate >= 750 px, else the widest."""
    widths = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            widths.append((int(parts[1][:-1]), parts[0]))
    if not widths:
        return src
    wide_enough = sorted(w for w in widths if w[0] >= PHONE_PIXELS)
    return (wide_enough[0] if wide_enough else max(widths))[1]


def resources_of(html: str) -> Resources:
    parser = ResourceParser()
    parser.feed(html)
    parser.close()
    parser.found.heading = " ".join(parser.found.heading.split())
    return parser.found


def is_foreign(url: str) -> bool:
    """Whether `url` points at another host (absolute or protocol-relative); data: URLs are inline."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


@dataclass
class Weight:
    """A page's bytes by kind, uncompressed and as gzip would send its text."""

    path: str
    html: int
    css: int
    scripts: int
    images: int
    gzipped: int
    foreign: list[str]
    heading: str
    blocking_scripts: list[str]

    transferred: int

    @property
    def total(self) -> int:
        """Every byte uncompressed."""
        return self.html + self.css + self.scripts + self.images


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def fetch(client, path: str) -> bytes:
    response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path} answered {response.status_code}")
    return body_of(response)


def weigh(client, path: str) -> Weight:
    """Fetch `path` and everything its HTML makes a phone fetch; count the bytes."""
    html = fetch(client, path)
    found = resources_of(html.decode())
    css = [fetch(client, url) for url in found.stylesheets if not is_foreign(url)]
    scripts = [fetch(client, url) for url in found.scripts if not is_foreign(url)]
    images = [fetch(client, url) for url in found.images if url and not is_foreign(url)]
    foreign = [url for url in found.fetched if is_foreign(url)]
    foreign += [url for sheet in css for url in CSS_URL.findall(sheet.decode()) if is_foreign(url)]
    text = [html, *css, *scripts]
    static_gzipped = sum(len(gzip.compress(part)) for part in [*css, *scripts])
    return Weight(
        path=path,
        html=len(html),
        css=sum(map(len, css)),
        scripts=sum(map(len, scripts)),
        images=sum(map(len, images)),
        gzipped=sum(len(gzip.compress(part)) for part in text) + sum(map(len, images)),
        transferred=len(html) + static_gzipped + sum(map(len, images)),
        foreign=foreign,
        heading=found.heading,
        blocking_scripts=found.blocking_scripts,
    )


def most(queryset, relation):
    """The object of `queryset` with the most `relation` (the page that content grows most)."""
    return queryset.annotate(linked=Count(relation)).order_by("-linked", "pk").first()


def page_paths() -> dict[str, str]:
    """One page of every public type, each the one with the most content linked to it (Chinese paths)."""
    with translation.override(settings.LANGUAGE_CODE):  # a request before may have left English active
        return chosen_paths()


def chosen_paths() -> dict[str, str]:
    report = Report.objects.published().first()
    finding = most(Finding.objects.published().filter(chapter__report=report), "strategies")
    indicator = most(Indicator.objects.published(), "observations")
    region = most(Region.objects.published(), "observations")
    paths = {
        "home": "/",
        "report": report.get_absolute_url(),
        "chapter": most(Chapter.objects.published().filter(report=report), "findings").get_absolute_url(),
        "finding": finding.get_absolute_url(),
        "challenge": most(Challenge.objects.published(), "evidence").get_absolute_url(),
        "strategy": most(Strategy.objects.published(), "findings").get_absolute_url(),
        "strategy-list": "/strategies/",
        "indicator": indicator.get_absolute_url(),
        "indicator-findings": f"{indicator.get_absolute_url()}findings/",
        "indicator-list": "/indicators/",
        "region": region.get_absolute_url(),
        "region-findings": f"{region.get_absolute_url()}findings/",
        "region-list": "/regions/",
        "search": "/search/?q=%E9%AB%98%E9%93%81",  # 高铁
        "search-many": "/search/?q=%E6%8C%87%E6%A0%87",  # 指标: every synthetic indicator matches
        "feeds": "/feeds/",
        "embed-finding": f"/embed/findings/{finding.key}/",
        "embed-indicator": f"/embed/indicators/{indicator.slug}/",
    }
    version = FindingVersion.objects.filter(finding=finding).order_by("-number").first()
    if version is not None:
        paths["finding-version"] = f"/findings/{finding.key}/v{version.number}/"
    return paths


def in_both_languages(paths: dict[str, str]) -> dict[str, str]:
    """Each page in Chinese (at the root) and in English (under /en/)."""
    return {**paths, **{f"{name} (en)": f"/en{path}" for name, path in paths.items()}}
