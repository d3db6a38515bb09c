"""The XSS corpus (xss_payloads.txt) and a check of server-rendered HTML against it."""

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).with_name("xss_payloads.txt")
# What no editor's text may bring into a page, whatever its spelling.
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}
EMBEDDING_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "style", "svg",
    "math", "form", "input", "button", "img", "video", "audio", "source", "details", "marquee",
}  # fmt: skip


def payloads() -> list[tuple[str, str]]:
    """(family, payload) for every line of the corpus."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    pairs = [line.split(" | ", 1) for line in lines if line.strip() and not line.startswith("#")]
    return [(family, payload.replace("\\n", "\n")) for family, payload in pairs]


def script_url(value: str) -> bool:
    """Whether a URL would run script, however it is spaced, cased or encoded."""
    plain = "".join(ch for ch in unescape(value or "") if ch > " ").lower()
    return plain.startswith(SCRIPT_SCHEMES)


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in EMBEDDING_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and script_url(value):
                self.problems.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def dangers(html: str) -> list[str]:
    """What in a fragment of editor HTML could run script or pull in another page's content."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems
