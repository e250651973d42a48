"""A stored snapshot made fit to show: names in the reader's language, targets, rates, the
heat table, and small numbers hidden. Pages, the API, the exports and the monthly report all
present through here, so they show the same numbers.

Small-number suppression: a cell that counts people, or what people did, between 1 and 4 is
shown as "<5", so that no one in a town can be singled out; so is a sum of money or a median
with fewer than 5 records behind it, and a rate over fewer than 5. Zero is shown: it names no
one. Counts of buildings, beds and places are public and shown as they are.

Complementary suppression: a row of towns is shown with the city's total, so one "<5" town
would be the total minus the others. Where the shown cells and the total would pin a hidden
cell down to one value, the smallest other towns are hidden too, as "x" ("hidden so that a
"<5" beside it cannot be worked out"); the heat table's rows are protected the same way
against each town's person-times. Differencing across periods (a year minus its months) is
not covered: docs/dashboard.md says so.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from nuanxin.core.towns import Town
from nuanxin.dashboard.measures import (
    MEASURES,
    QUALITY,
    QUALITY_COUNTS,
    STATION_VISITS,
    UNITS,
    UNMET,
    Figure,
    Rate,
)
from nuanxin.dashboard.periods import Period

SUPPRESSED = "<5"
SECONDARY = "x"
SMALL = 5
HIDDEN = (SUPPRESSED, SECONDARY)


def suppression_note() -> str:
    return _("<5: fewer than five people; hidden so that no one can be singled out. "
             "x: hidden as well, so that a \"<5\" beside it cannot be worked out from the total.")


def _bounds(cell, money: bool) -> tuple[int, float]:
    """What a reader knows of a hidden cell: "<5" is 1–4 people (a hidden sum of money, any
    amount); "x" is at least 5 people (any amount)."""
    if money:
        return 1, float("inf")
    return (1, SMALL - 1) if cell == SUPPRESSED else (SMALL, float("inf"))


def gives_away(total, cells: list, *, money: bool = False) -> bool:
    """Whether a shown total and the shown cells pin some hidden cell down to one value. Each
    hidden cell lies in its bounds and together they make the total minus the shown cells, so
    cell i lies in [max(lo_i, rest − Σ hi_j), min(hi_i, rest − Σ lo_j)] over the others j."""
    hidden = [_bounds(c, money) for c in cells if c in HIDDEN]
    if not hidden or not isinstance(total, int):
        return False
    rest = total - sum(c for c in cells if isinstance(c, int))
    for i, (lo, hi) in enumerate(hidden):
        others = hidden[:i] + hidden[i + 1:]
        if max(lo, rest - sum(h for _l, h in others)) >= min(hi, rest - sum(low for low, _h in others)):
            return True
    return False


def protect(total, cells: dict, *, money: bool = False) -> tuple:
    """`total` and `cells` with the smallest shown cells hidden as "x" until no hidden cell
    can be worked out (complementary suppression); the total too when even that is not enough."""
    cells = dict(cells)
    while gives_away(total, list(cells.values()), money=money):
        shown = [(v, k) for k, v in cells.items() if isinstance(v, int | float) and v > 0]
        if not shown:
            return SECONDARY, cells
        cells[min(shown)[1]] = SECONDARY
    return total, cells


def hide_small(value: int | float | None, basis: int | None) -> int | float | str | None:
    """`value`, or "<5" when 1–4 records lie behind it."""
    if basis is not None and 0 < basis < SMALL:
        return SUPPRESSED
    return value


@dataclass
class Board:
    period: Period
    as_of: datetime.datetime
    town: str | None
    items: list[dict]
    quality: list[dict]
    unmet: list[dict]
    heat: dict
    below_target: list[dict]
    towns: list[str]


def _figure(fig: Figure, figures: dict, towns: list[str]) -> dict:
    got = figures.get(fig.code, {"total": 0, "by_town": {}})
    basis = figures.get(fig.basis, {"total": 0, "by_town": {}}) if fig.basis else got

    def shown(value, basis_value):
        if fig.unit == "minutes" and not basis_value:
            return None  # a median of nothing
        return hide_small(value, basis_value) if (fig.private or fig.basis) else value

    actual = shown(got["total"], basis["total"])
    by_town = {t: shown(got["by_town"].get(t, 0), basis["by_town"].get(t, 0)) if fig.by_town else None
               for t in towns}
    if (fig.private or fig.basis) and fig.unit != "minutes":  # a median is not a sum of towns
        actual, by_town = protect(actual, by_town, money=fig.unit == "fen")
    return {"code": fig.code, "name": str(fig.name), "unit": fig.unit, "unit_text": str(UNITS[fig.unit]),
            "actual": actual, "by_town": by_town}


def _rate(rate: Rate, figures: dict, towns: list[str]) -> dict:
    n, d = figures.get(rate.numerator, {"total": 0, "by_town": {}}), figures.get(rate.denominator, {"total": 0, "by_town": {}})

    def value(num, den):
        if not den:
            return None
        if den < SMALL or 0 < num < SMALL and rate.unit == "percent":
            # 33.3% of 6 would give away the 2 behind it; a mean rating of 5+ people does not.
            return SUPPRESSED
        return round((100 if rate.unit == "percent" else 1) * num / den, 1)

    return {"code": rate.code, "name": str(rate.name), "unit": rate.unit, "unit_text": str(UNITS[rate.unit]),
            "actual": value(n["total"], d["total"]),
            "by_town": {t: value(n["by_town"].get(t, 0), d["by_town"].get(t, 0)) for t in towns}}


def _restrict(row: dict, town: str | None) -> dict:
    """One town's view of a row: its cell becomes the actual."""
    if town is None:
        return row
    return {**row, "actual": row["by_town"].get(town, 0), "by_town": {town: row["by_town"].get(town, 0)}}


def present(data: dict, computed_at: datetime.datetime, period: Period, *, town: str | None = None,
            targets: dict[tuple[str, str], int] | None = None) -> Board:
    """`targets` maps (measure, town or "") to a target for the period's year."""
    targets = targets or {}
    figures = data["figures"]
    towns = [t for t in Town.values if town in (None, t)]
    every_town = list(Town.values)
    items = []
    below = []
    for m in MEASURES:
        head = _figure(m.headline, figures, every_town)
        target = targets.get((m.code, ""), m.target)
        for t in every_town:
            town_target = targets.get((m.code, t))
            actual = head["by_town"][t]
            if town_target and isinstance(actual, int) and actual < town_target and t in towns:
                below.append({"measure": m.code, "name": str(m.name), "town": t, "town_text": str(Town(t).label),
                              "target": town_target, "actual": actual, "unit_text": head["unit_text"]})
        if town is not None:
            target = targets.get((m.code, town))
        series = [{"period": s["period"],
                   "value": _restrict(_figure(m.headline, s["figures"], every_town), town)["actual"]}
                  for s in data["series"]]
        items.append({**_restrict(head, town), "code": m.code, "name": str(m.name), "target": target,
                      "headline": head["name"], "headline_code": head["code"], "series": series,
                      "figures": [_restrict(_figure(f, figures, every_town), town) for f in m.details]})
    quality = ([_restrict(_rate(r, figures, every_town), town) for r in QUALITY]
               + [_restrict(_figure(f, figures, every_town), town) for f in QUALITY_COUNTS])
    unmet = [_restrict(_figure(f, figures, every_town), town) for f in UNMET]
    return Board(period=period, as_of=computed_at, town=town, items=items, quality=quality, unmet=unmet,
                 heat=_heat(data["heat"], towns, _figure(STATION_VISITS, figures, every_town)["by_town"]),
                 below_target=below, towns=towns)


def _heat(rows: list, towns: list[str], town_visits: dict) -> dict:
    """Visits by town and hour, each cell with a shade 0–4 (a fifth of the busiest cell each).
    A row is protected against its town's person-times, which the measures table shows."""
    cells = {(t, h): n for t, h, n in rows}
    peak = max(cells.values(), default=0)

    def level(n, shown):
        # A hidden cell gets the lightest shade whatever it holds: shades would give away
        # what "<5" and "x" hide.
        if not n:
            return 0
        return 1 if shown in HIDDEN else max(1, min(4, -(-4 * n // peak)))

    grid = []
    for t in towns:
        counts = [cells.get((t, h), 0) for h in range(24)]
        _total, shown = protect(town_visits.get(t), {h: hide_small(n, n) for h, n in enumerate(counts)})
        grid.append({"town": t, "town_text": str(Town(t).label),
                     "hours": [{"v": shown[h], "level": level(n, shown[h])} for h, n in enumerate(counts)]})
    return {"rows": grid, "peak": peak}


def tables(board: Board) -> list[dict]:
    """Every table on the page, as rows of cells: the CSV and Excel exports and the PDF are
    made from these, so they hold the page's numbers. The first column names the row."""
    town_names = [str(Town(t).label) for t in board.towns]
    city = _("Kunshan") if board.town is None else str(Town(board.town).label)
    head = [_("Figure"), _("Unit"), _("Target"), city, *([] if board.town else town_names)]

    def row(item, target=None, *, with_target=True):
        unit = item["unit"]
        return [item["name"] if "headline" not in item else f"{item['name']}: {item['headline']}", item["unit_text"],
                *(["" if target is None else target] if with_target else []), _cell(item["actual"], unit),
                *([] if board.town else [_cell(item["by_town"][t], unit) for t in board.towns])]

    plain_head = [h for i, h in enumerate(head) if i != 2]

    measures = []
    for item in board.items:
        measures.append(row(item, item["target"]))
        measures.extend(row(f) for f in item["figures"])
    return [
        {"code": "measures", "title": _("Measures by town"), "head": head, "rows": measures},
        {"code": "quality", "title": _("Service quality"), "head": plain_head,
         "rows": [row(q, with_target=False) for q in board.quality]},
        {"code": "unmet", "title": _("Unmet demand"), "head": plain_head,
         "rows": [row(u, with_target=False) for u in board.unmet]},
        {"code": "heat", "title": _("Station visits by hour"), "head": [_("Town"), *[f"{h:02d}" for h in range(24)]],
         "rows": [[r["town_text"], *[_cell(c["v"]) for c in r["hours"]]] for r in board.heat["rows"]]},
        {"code": "series", "title": _("Over time"), "head": [_("Figure"), *[s["period"] for s in
                                                                           (board.items[0]["series"] if board.items else [])]],
         "rows": [[f"{i['name']}: {i['headline']}", *[_cell(s["value"], i["unit"]) for s in i["series"]]]
                  for i in board.items]},
    ]


def _cell(value, unit: str = ""):
    """A cell for a file: money in yuan (the figures hold fen), nothing for "no data"."""
    if value is None:
        return ""
    if unit == "fen" and isinstance(value, int):
        return Decimal(value) / 100  # exact: 12345 fen → 123.45
    return value
