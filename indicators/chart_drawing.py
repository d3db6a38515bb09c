"""The drawing behind indicators/charts.py: matplotlib, imported only when a chart is drawn.

A process that serves charts from the cache never loads matplotlib (about a second and tens of
megabytes per worker). `svg_chart` and `png_chart` return matplotlib's own output; charts.py
makes it fit a page and caches it.
"""

import io
import logging
import threading
import warnings
from contextlib import contextmanager
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _
from matplotlib import font_manager, rc_context, rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from core.languages import localized

from .charts import LABEL_EVERY_POINT_UP_TO, region_label, tick_label

logger = logging.getLogger(__name__)

# Okabe–Ito colours that reach 3:1 against white (WCAG 1.4.11), each with its own marker and
# line style, so that colour is never the only way to tell two regions apart.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#000000", "#CC79A7")
MARKERS = ("o", "s", "^", "D", "v")
LINESTYLES = ("solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (3, 1, 1, 1)))
INK, MUTED, GRID = "#1b1f24", "#4a5563", "#dde3ea"
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")

# (width, height) in inches, font size in points; SVG units are points, 72 to the inch. The page
# shows its chart at one CSS pixel per unit (charts.py sets the size), never scaled down on a
# 375 px phone: 4.7 in is 338 units, the text column there is 341 px. Its text is 18 units, so
# 18 px on every screen: at least the body text (17 px on phones, 18 px on wide screens).
INLINE_SIZE, INLINE_FONT = (4.7, 3.6), 18
LEGEND_ROW = 1.45  # ems: each legend row after the first makes the chart this much taller
TICK_LABEL_EMS = 3.2  # a year's width as a tick label ("2023": four digits and a gap)
DOWNLOAD_SIZE, DOWNLOAD_FONT = (5.5, 4.0), 11
PNG_DPI = 200

# rcParams are global: one drawing at a time in a process (threaded servers included).
_render_lock = threading.Lock()


def svg_chart(indicator, series, language, *, download, salt) -> str:
    """matplotlib's SVG of the chart: text as text, ids salted with `salt` (stable, unique per chart)."""
    with _rendering(salt, DOWNLOAD_FONT if download else INLINE_FONT):
        fig = _draw(indicator, series, language, download)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def png_chart(indicator, series, language) -> bytes:
    """The download chart as a PNG, its CJK text drawn with a system font."""
    with _rendering("png", DOWNLOAD_FONT):
        fig = _draw(indicator, series, language, download=True)
        FigureCanvasAgg(fig)  # draw with Agg
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


@cache
def cjk_font_family() -> str | None:
    """The first CJK font family installed (Debian's fonts-noto-cjk), or None with a warning."""
    family = _known_cjk_family()
    if family is None:
        # matplotlib caches its font list: a font installed after the list was made is not in it.
        for path in font_manager.findSystemFonts():
            if "CJK" in path:
                font_manager.fontManager.addfont(path)
        family = _known_cjk_family()
    if family is None:
        logger.warning("No CJK font found (install fonts-noto-cjk): Chinese text in PNG charts will show as boxes.")
    return family


def _known_cjk_family():
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


def _rc(salt, font_size):
    fonts = [f for f in (cjk_font_family(), "DejaVu Sans") if f]
    return {
        "svg.fonttype": "none",  # text stays text: small, searchable, drawn in the reader's fonts
        "svg.hashsalt": salt,  # the same chart is the same markup (finding versions compare it)
        "text.parse_math": False,  # a "$" in a name is a dollar sign
        "font.family": "sans-serif",
        "font.sans-serif": fonts,
        "font.size": font_size,
        "text.color": INK,
        "axes.labelcolor": INK,
        "axes.edgecolor": MUTED,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "legend.frameon": False,
    }


def _draw(indicator, series, language, download) -> Figure:
    with translation.override(language):
        fig = Figure(figsize=DOWNLOAD_SIZE if download else INLINE_SIZE, layout="constrained")
        ax = fig.add_subplot()
        _format_axes(ax, indicator, series, language)  # first: labels are placed within its limits
        _plot_series(ax, series, language)
        if download:
            _add_heading_and_source(fig, indicator, series, language)
    return fig


def _plot_series(ax, series, language):
    total = sum(len(points) for _region, points in series)
    size = 7 if total <= 12 else 4.5
    handles = []
    for index, (region, points) in enumerate(series):
        style = {"color": PALETTE[index % len(PALETTE)], "marker": MARKERS[index % len(MARKERS)]}
        linestyle = LINESTYLES[index % len(LINESTYLES)]
        years = [obs.period_year for obs in points]
        values = [float(obs.value) for obs in points]
        if len(points) > 1:
            ax.plot(years, values, color=style["color"], linestyle=linestyle, linewidth=2)
        for obs, year, value in zip(points, years, values, strict=True):
            # One element per observation, named after it: what the chart tests count.
            ax.plot([year], [value], linestyle="none", markersize=size, gid=f"point-{obs.pk}", clip_on=False, **style)
        for obs in _labelled(points, single=len(series) == 1):
            _label_point(ax, obs, points, language)
        handles.append(Line2D([], [], linestyle=linestyle, linewidth=2, label=region_label(region, language), **style))
    # Below the plot, in as many columns as fit the chart's width: never cut off.
    fig = ax.figure
    columns = _legend_columns([h.get_label() for h in handles], fig.get_figwidth() * 72 / rcParams["font.size"])
    fig.legend(handles=handles, loc="outside lower left", ncols=columns, handlelength=2.2, columnspacing=1.2)
    # A legend of several rows takes its height from the plot's: the chart grows instead.
    extra_rows = -(-len(handles) // columns) - 1
    fig.set_figheight(fig.get_figheight() + extra_rows * LEGEND_ROW * rcParams["font.size"] / 72)


def _legend_columns(labels, width_em) -> int:
    """The most columns whose widest entries fit `width_em` (a CJK character 1 em, a Latin one 0.6)."""
    entries = sorted((4.2 + sum(1 if ord(c) > 0x2E80 else 0.6 for c in label) for label in labels), reverse=True)
    columns = len(entries)
    while columns > 1 and sum(entries[:columns]) > width_em:
        columns -= 1
    return max(columns, 1)


def _labelled(points, single):
    """Which points carry their figure: all of a short series, the last of a long one.

    With several regions the labels would collide; the legend, the description and the table
    beside the chart give the figures.
    """
    if not single:
        return []
    return points if len(points) <= LABEL_EVERY_POINT_UP_TO else points[-1:]


def _label_point(ax, obs, points, language):
    """The figure as a reader says it, by its marker, clear of the line and inside the plot."""
    first, last = points[0].period_year, points[-1].period_year
    if first == last or first < obs.period_year < last:
        align = "center"
    else:  # at an end: the text runs inwards
        align = "left" if obs.period_year == first else "right"
    index = points.index(obs)
    neighbours = [float(p.value) for p in points[max(index - 1, 0) : index + 2] if p is not obs]
    value = float(obs.value)
    # Below a point that its line comes down to, unless that would run into the axis.
    below = any(n > value for n in neighbours) and value > 0.3 * ax.get_ylim()[1]
    ax.annotate(
        obs.display_value(language),
        (obs.period_year, value),
        xytext=(0, -10 if below else 8),
        textcoords="offset points",
        ha=align,
        va="top" if below else "bottom",
        fontsize="medium",
        color=INK,
    )


def _format_axes(ax, indicator, series, language):
    years = sorted({obs.period_year for _r, points in series for obs in points})
    values = [float(obs.value) for _r, points in series for obs in points]
    if len(years) <= 8:
        ax.xaxis.set_major_locator(FixedLocator(_spaced(years, ax.figure.get_figwidth())))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda year, _pos: f"{round(year)}"))
    padding = 0.6 if len(years) == 1 else max(0.4, (years[-1] - years[0]) * 0.04)
    ax.set_xlim(years[0] - padding, years[-1] + padding)
    low, high = min(values), max(values)
    if low >= 0:  # counts and shares start at zero, so a change is not exaggerated
        ax.set_ylim(0, high * 1.25 if high > 0 else 1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, min_n_ticks=3))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick_label(value, language)))
    ax.set_xlabel(_("Year"))
    unit = localized(indicator, "unit", language).text
    if unit:
        # Level, above the plot from its left edge: a rotated 人 reads badly.
        ax.set_title(_("Unit: %(unit)s") % {"unit": unit}, loc="left", fontsize="medium", color=MUTED)
    ax.tick_params(axis="both", length=3)


def _spaced(years, width_inches):
    """The years to label, none so close to the one before that their labels would touch.

    The first and the last year always carry a label; one in between gives way to them.
    """
    if len(years) < 3:
        return years
    plot_ems = width_inches * 72 / rcParams["font.size"] - 4  # less the value labels on the left
    closest = (years[-1] - years[0]) * TICK_LABEL_EMS / plot_ems
    kept = [years[0]]
    for year in years[1:-1]:
        if year - kept[-1] >= closest and years[-1] - year >= closest:
            kept.append(year)
    return [*kept, years[-1]]


def _add_heading_and_source(fig, indicator, series, language):
    fig.suptitle(localized(indicator, "name", language).text, x=0.01, ha="left", fontsize="large", fontweight="bold")
    sources = {}  # in order, once each
    for _region, points in series:
        for obs in points:
            if obs.source_id:
                sources[f"{localized(obs.source, 'publisher', language).text} {obs.locator}".strip()] = None
    if sources:
        line = _("Source: %(sources)s") % {"sources": _("; ").join(sources)}
        fig.text(0.01, 0.01, line, fontsize="small", color=MUTED)
        fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))


# Output --------------------------------------------------------------------------------------


@contextmanager
def _rendering(salt, font_size):
    """One rendering at a time, with the chart settings; missing glyphs are not repeated per chart.

    In the SVG the browser draws the text; for the PNG, `cjk_font_family` has warned already.
    """
    with _render_lock, rc_context(_rc(salt, font_size)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        yield
