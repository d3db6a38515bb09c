"""Beijing, Tianjin, Hebei and the region as a whole side by side, wherever the data exists.

Built from the observations a page has already fetched (one query), never a query per row.
Figures are compared when they measure the same indicator over the same period.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One indicator and period: `sample` names them; `cells` holds each column's figures."""

    sample: object
    cells: list[list]


@dataclass(frozen=True)
class Comparison:
    regions: list
    rows: list[Row]


def period_of(obs):
    """What makes figures comparable: the same indicator over the same period."""
    return (obs.indicator_id, obs.period_kind, obs.period_year)


def _grid(observations):
    """{(indicator, period kind, year): {region id: [observations]}}, in the order given."""
    grid = {}
    for obs in observations:
        grid.setdefault(period_of(obs), {}).setdefault(obs.region_id, []).append(obs)
    return grid


def _in_region_order(regions):
    return sorted(regions, key=lambda region: (region.order, region.slug))


def by_period(observations) -> Comparison | None:
    """One indicator's figures with a row per period and a column per region.

    Only periods for which at least two regions have figures; None if there is no such period.
    """
    shared = [cells for cells in _grid(observations).values() if len(cells) >= 2]
    if not shared:
        return None
    regions = _in_region_order({obs.region for cells in shared for found in cells.values() for obs in found})
    shared.sort(key=lambda cells: _sort_key(next(iter(cells.values()))[0]))
    rows = [Row(next(iter(cells.values()))[0], [cells.get(r.pk, []) for r in regions]) for cells in shared]
    return Comparison(regions, rows)


def beside(observations, region) -> Comparison | None:
    """`region`'s figures, each with the other regions' figures for the same indicator and period.

    A row for each of its figures that another region has a figure beside; None if none has.
    """
    grid = _grid(observations)
    rows, seen, others = [], set(), set()
    for obs in observations:  # in the order of the region's own figures
        key = period_of(obs)
        if obs.region_id != region.pk or key in seen or len(grid[key]) < 2:
            continue
        seen.add(key)
        rows.append(grid[key])
        others.update(other.region for rid, found in grid[key].items() if rid != region.pk for other in found)
    if not rows:
        return None
    regions = [region, *_in_region_order(others)]
    return Comparison(regions, [Row(cells[region.pk][0], [cells.get(r.pk, []) for r in regions]) for cells in rows])


def _sort_key(obs):
    """Years in order, figures without a year (cumulative) last."""
    return (obs.period_year is None, obs.period_year or 0, obs.period_kind)
