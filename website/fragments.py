"""Parts of a published version's stored page, cut out by class: what a pinned embed shows.

A FindingVersion keeps the finding's article exactly as it was rendered at publication (its
figures with qualifier, unit and hedge, its site notes, its source line). A card pinned to that
version shows those parts verbatim rather than today's data, so a quoted figure never changes
under the article that embeds it. The markup is our own rendering, stored as published.
"""

from html.parser import HTMLParser


class PartCutter(HTMLParser):
    """Record the source span of each element whose class list includes one of `classes`."""

    def __init__(self, html: str, classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.html, self.classes = html, classes
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.open: tuple[str, str, int, int] | None = None  # (class, tag, start, depth)
        self.parts: list[tuple[str, str]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.open is not None:
            name, open_tag, start, depth = self.open
            if tag == open_tag:
                self.open = (name, open_tag, start, depth + 1)
            return
        found = self.classes.intersection((dict(attrs).get("class") or "").split())
        if found:
            self.open = (sorted(found)[0], tag, self.position(), 1)

    def handle_endtag(self, tag):
        if self.open is None or tag != self.open[1]:
            return
        name, open_tag, start, depth = self.open
        if depth > 1:
            self.open = (name, open_tag, start, depth - 1)
            return
        end = self.html.index(">", self.position()) + 1
        self.parts.append((name, self.html[start:end]))
        self.open = None


def cut_parts(html: str, classes: set[str]) -> dict[str, list[str]]:
    """The outer HTML of every top-level element of `html` carrying one of `classes`, by class."""
    cutter = PartCutter(html, classes)
    cutter.feed(html)
    cutter.close()
    found: dict[str, list[str]] = {name: [] for name in classes}
    for name, part in cutter.parts:
        found[name].append(part)
    return found
