"""Charts of an indicator's figures, rendered on the server: SVG for pages and downloads, PNG too.

One drawing (matplotlib, docs/decisions/0007-charts.md) gives both formats. The SVG keeps its
text as text, so a browser draws it in the reader's fonts and language, and it is rewritten to
suit an HTML page under a strict CSP: presentation attributes instead of `style`, ids that
cannot clash with the page's, a `<title>` and a `<desc>` that states the data in words.
Rendering is cached under a key made of everything drawn, so an edit shows at once.
"""

import hashlib
import re
import xml.etree.ElementTree as ET  # noqa: N817 - the conventional name
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache as django_cache
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.languages import html_lang, localized

from .formatting import format_number
from .models import PeriodKind

CACHE_VERSION = 4  # raise when the drawing changes
CACHE_SECONDS = 60 * 60 * 24 * 7

# The browser draws the SVG's text with these (the page's CSS may override them).
SVG_FONTS = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
# A series this short labels every point with its figure; a longer one only its last.
LABEL_EVERY_POINT_UP_TO = 6

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
PRESENTATION = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-weight", "font-style", "text-anchor", "clip-path",
}  # fmt: skip


@dataclass(frozen=True)
class Chart:
    """An indicator's chart as a page shows it; or, for one plottable figure, that figure (`single`).

    A one-point chart says less than the number itself: the page shows it big, with its unit,
    region, period and source (templates/includes/chart.html).
    """

    indicator: object
    svg: SafeString
    plotted: int
    omitted: int
    single: object = None


# What is plotted -----------------------------------------------------------------------------


def is_plottable(observation) -> bool:
    """A figure with a number at a point in time: not "all", not cumulative, not "since 2014"."""
    return (
        observation.value is not None
        and observation.period_year is not None
        and observation.period_kind in (PeriodKind.YEAR, PeriodKind.YEAR_END)
    )


def series_by_region(observations) -> list[tuple[object, list]]:
    """The plottable observations, one series per region (in region order), each by year."""
    series = {}
    for obs in sorted(filter(is_plottable, observations), key=lambda o: (o.region.order, o.region.slug)):
        series.setdefault(obs.region_id, (obs.region, []))[1].append(obs)
    return [(region, sorted(points, key=lambda o: (o.period_year, o.pk))) for region, points in series.values()]


def charts_for(observations, language=None) -> list[Chart]:
    """One chart per indicator of `observations` that has a plottable figure, in their order."""
    by_indicator = {}
    for obs in observations:
        by_indicator.setdefault(obs.indicator_id, (obs.indicator, []))[1].append(obs)
    charts = []
    for indicator, group in by_indicator.values():
        plottable = [obs for obs in group if is_plottable(obs)]
        omitted = len(group) - len(plottable)
        if len(plottable) == 1:
            charts.append(Chart(indicator, mark_safe(""), 1, omitted, single=plottable[0]))
            continue
        svg = indicator_chart(indicator=indicator, observations=group, language=language)
        if svg:
            charts.append(Chart(indicator, mark_safe(svg), len(plottable), omitted))  # noqa: S308 - ours
    return charts


# Public entry points (cached) -----------------------------------------------------------------


def indicator_chart(*, indicator, observations, language=None, download=False) -> str:
    """The chart of `observations` as SVG markup; "" when none of them can be plotted.

    The page's version is sized in CSS pixels, one per unit; the download also carries a visible
    title and the source, and opens at its natural size.
    """
    return _cached("svg-download" if download else "svg", indicator, observations, language, _render_svg)


def indicator_chart_png(*, indicator, observations, language=None) -> bytes:
    """The chart as a PNG for download, CJK text drawn with a system font; b"" when nothing plots."""
    return _cached("png", indicator, observations, language, _render_png)


def chart_cache_key(kind, indicator, observations, language) -> str:
    """A key that changes with anything drawn: an edit to a figure, a region, the indicator."""
    language = _language(language)
    parts = [
        localized(indicator, "name", language).text,
        localized(indicator, "unit", language).text,
        indicator.updated_at.isoformat(),
    ]
    if kind == "png":  # a machine without a CJK font draws boxes: not to be shared through the cache
        from .chart_drawing import cjk_font_family

        parts.append(cjk_font_family())
    for obs in observations:
        parts += [obs.pk, obs.value, obs.period_year, obs.period_kind, obs.qualifier, obs.hedge]
        parts.append(obs.updated_at.isoformat())
        parts += [region_label(obs.region, language), obs.region.updated_at.isoformat(), obs.source_id, obs.locator]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    newest = max((obs.updated_at.isoformat() for obs in observations), default="")
    return f"chart:{CACHE_VERSION}:{kind}:{indicator.pk}:{language}:{len(observations)}:{newest}:{digest}"


def _cached(kind, indicator, observations, language, render):
    observations = list(observations)
    language = _language(language)
    key = chart_cache_key(kind, indicator, observations, language)
    found = django_cache.get(key)
    if found is None:
        series = series_by_region(observations)
        nothing = b"" if kind == "png" else ""
        found = render(indicator, series, language, kind) if series else nothing
        django_cache.set(key, found, CACHE_SECONDS)
    return found


def _language(language):
    return (language or translation.get_language() or "zh-hans").lower()


# Output --------------------------------------------------------------------------------------


def region_label(region, language) -> str:
    """The region as the legend names it: short ("京津冀") if it has one in that language.

    A short name only in Chinese is not used on an English chart: the English name stands.
    """
    short = localized(region, "short_name", language)
    return short.text if short.text and not short.is_fallback else localized(region, "name", language).text


def tick_label(value: float, language) -> str:
    """An axis number as the page writes figures: "11 million", "1100万", "2,500"."""
    return format_number(Decimal(format(value, ".12g")), language)


def _render_svg(indicator, series, language, kind) -> str:
    from . import chart_drawing  # matplotlib: loaded only to draw

    download = kind == "svg-download"
    prefix = f"chart{indicator.pk}" + ("-download" if download else "")
    markup = chart_drawing.svg_chart(indicator, series, language, download=download, salt=prefix)
    root = _tidy(ET.fromstring(markup), prefix)  # noqa: S314 - our own matplotlib output
    _label_root(root, prefix, indicator, series, language, download)
    markup = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{markup}\n' if download else markup


def _render_png(indicator, series, language, kind) -> bytes:
    from . import chart_drawing

    return chart_drawing.png_chart(indicator, series, language)


def _tidy(root, prefix):
    """Make matplotlib's SVG fit an HTML page under `style-src 'self'`, and smaller."""
    _drop_children(root, {f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"})
    for element in root.iter():
        for name, value in _declarations(element.attrib.pop("style", "")):
            if name in PRESENTATION:
                element.set(name, value)
        if element.get("transform", "").startswith("rotate(-0 "):
            del element.attrib["transform"]  # a no-op
        for name in ("d", "x", "y", "transform", "viewBox"):
            if name in element.attrib:
                element.set(name, _round_numbers(element.get(name)))
        if element.tag != f"{{{SVG_NS}}}text" and element.text and not element.text.strip():
            element.text = None  # matplotlib's indentation
        element.tail = None
    _rename_ids(root, prefix)
    _drop_children(root, {f"{{{SVG_NS}}}defs"}, only_empty=True)
    _unwrap_plain_groups(root)
    return root


def _unwrap_plain_groups(parent):
    """Replace each `<g>` with no attributes by its children: without ids they mean nothing."""
    children = []
    for child in parent:
        _unwrap_plain_groups(child)
        if child.tag == f"{{{SVG_NS}}}g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    parent[:] = children


def _round_numbers(value):
    """Coordinates to a hundredth of a point, whitespace collapsed: a third of the bytes."""
    value = re.sub(r"-?\d+\.\d+", lambda m: f"{float(m.group()):.2f}".rstrip("0").rstrip("."), value)
    return " ".join(value.split())


def _declarations(style):
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        if name.strip() and value.strip():
            yield name.strip(), value.strip()


def _drop_children(root, tags, only_empty=False):
    for parent in root.iter():
        for child in list(parent):
            if child.tag in tags and (not only_empty or len(child) == 0):
                parent.remove(child)


def _rename_ids(root, prefix):
    """Keep only the ids something refers to, renamed per chart, and the points' ids."""
    href = f"{{{XLINK_NS}}}href"
    referred = set()
    for element in root.iter():
        for value in (element.get(href, ""), element.get("clip-path", "")):
            referred.update(re.findall(r"#([^)\s]+)", value))
    names = {}
    for element in root.iter():
        old = element.get("id")
        if old is None or old.startswith("point-"):
            continue
        if old in referred:
            names[old] = element.attrib["id"] = f"{prefix}-{len(names) + 1}"
        else:
            del element.attrib["id"]
    for element in root.iter():
        if element.get(href, "").startswith("#"):
            element.set(href, "#" + names[element.get(href)[1:]])
        if element.get("clip-path"):
            element.set("clip-path", re.sub(r"#([^)\s]+)", lambda m: "#" + names[m.group(1)], element.get("clip-path")))


def _label_root(root, prefix, indicator, series, language, download):
    """role="img", a title and a description in words, and a font stack, on the SVG element."""
    if not download:
        # One CSS pixel per unit: the text is drawn at its font size, never scaled down (CSS caps
        # the width at the column's on a screen narrower than the chart).
        _x, _y, width, height = root.get("viewBox").split()
        root.set("width", width)
        root.set("height", height)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("aria-describedby", f"{prefix}-desc")
    root.set("lang", html_lang(language))
    root.set("font-family", SVG_FONTS)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    for position, (tag, text) in enumerate(
        [("title", chart_title(indicator, language)), ("desc", chart_description(series, language))]
    ):
        element = ET.Element(f"{{{SVG_NS}}}{tag}", id=f"{prefix}-{tag}")
        element.text = text
        root.insert(position, element)


def chart_title(indicator, language) -> str:
    with translation.override(language):
        return _("Chart: %(name)s, by year and region") % {"name": localized(indicator, "name", language).text}


def chart_description(series, language) -> str:
    """The data in words: "Beijing: 2014, 12.935 million people; 2023, 10.948 million people."."""
    with translation.override(language):
        sentences = []
        for region, points in series:
            figures = _("; ").join(
                _("%(period)s, %(figure)s") % {"period": o.period_label(language), "figure": o.display_value(language)}
                for o in points
            )
            name = localized(region, "name", language).text
            sentences.append(_("%(region)s: %(figures)s.") % {"region": name, "figures": figures})
        return " ".join(sentences)
