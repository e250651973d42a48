"""Auto-fill as an optimal batch assignment: min-cost maximum flow (OR-Tools), never greedy.

The network: source → worker (capacity 1: at most one new shift per worker per run, so
new assignments never clash with each other) → open place (capacity 1, the pair's cost)
→ sink. OR-Tools' solve_max_flow_with_min_cost first fills as many places as possible,
then, among all such assignments, takes the cheapest. A pair is left out when the worker
already holds a shift overlapping that one, or applied only to other shifts.

Costs are integers, lexicographic: the primary cost (metres of distance, plus metre-
equivalents for missing skills and past no-shows) times W, plus the worker's hours of
work this week. W exceeds the largest possible sum of hours, so hours decide only between
assignments whose primary costs tie: workers with less work this week come first.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from nuanxin.core.geo import haversine_m

UNKNOWN_DISTANCE_M = 5_000   # a worker with no saved place, who applied: assume across town
MAX_DISTANCE_M = 50_000
MISSING_SKILL_M = 3_000      # each required skill the worker lacks counts as 3 km more
UNRELIABLE_M = 5_000         # a worker with every past shift a no-show counts as 5 km more
MAX_WEEK_HOURS = 168


@dataclass(frozen=True)
class Slot:
    """One open place on a shift."""

    shift_id: int
    start: datetime.datetime
    end: datetime.datetime
    lat: float
    lon: float
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Candidate:
    worker_id: int
    point: tuple[float, float] | None
    skills: frozenset[str] = frozenset()
    reliability: float = 1.0                 # 0..1, share of past shifts kept
    week_hours: int = 0                       # hours of work already this week
    busy: tuple[tuple[datetime.datetime, datetime.datetime], ...] = ()
    only_shifts: frozenset[int] | None = None  # applicants: the shifts they applied to
    distance_cache: dict = field(default_factory=dict, compare=False, hash=False)


def primary_cost(c: Candidate, s: Slot) -> int | None:
    """Metre-equivalents for giving slot s to candidate c, or None when not allowed."""
    if c.only_shifts is not None and s.shift_id not in c.only_shifts:
        return None
    if any(start < s.end and s.start < end for start, end in c.busy):
        return None
    if c.point is None:
        distance = UNKNOWN_DISTANCE_M
    else:
        key = (s.lat, s.lon)
        if key not in c.distance_cache:
            c.distance_cache[key] = haversine_m(c.point[0], c.point[1], s.lat, s.lon)
        distance = min(MAX_DISTANCE_M, round(c.distance_cache[key]))
    missing = len(s.skills - c.skills)
    return distance + MISSING_SKILL_M * missing + round(UNRELIABLE_M * (1 - max(0.0, min(1.0, c.reliability))))


@dataclass
class Assignment:
    pairs: list[tuple[int, int]]   # (candidate index, slot index)
    primary: int                   # sum of primary costs
    week_hours: int                # sum of the chosen workers' week hours

    @property
    def filled(self) -> int:
        return len(self.pairs)


def weight(n_slots: int) -> int:
    return MAX_WEEK_HOURS * max(1, n_slots) + 1


def assign(candidates: Sequence[Candidate], slots: Sequence[Slot]) -> Assignment:
    from ortools.graph.python import min_cost_flow

    if not candidates or not slots:
        return Assignment([], 0, 0)
    w = weight(len(slots))
    n, m = len(candidates), len(slots)
    source, sink = n + m, n + m + 1
    tails, heads, caps, costs, pair_of_arc = [], [], [], [], {}
    for i, c in enumerate(candidates):
        hours = min(MAX_WEEK_HOURS, max(0, c.week_hours))
        for j, s in enumerate(slots):
            cost = primary_cost(c, s)
            if cost is None:
                continue
            pair_of_arc[len(tails)] = (i, j, cost, hours)
            tails.append(i)
            heads.append(n + j)
            caps.append(1)
            costs.append(cost * w + hours)
    if not pair_of_arc:
        return Assignment([], 0, 0)
    for i in range(n):
        tails.append(source), heads.append(i), caps.append(1), costs.append(0)
    for j in range(m):
        tails.append(n + j), heads.append(sink), caps.append(1), costs.append(0)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = min(n, m)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    pairs, primary, hours_total = [], 0, 0
    for arc, (i, j, cost, hours) in pair_of_arc.items():
        if flow.flow(arc) > 0:
            pairs.append((i, j))
            primary += cost
            hours_total += hours
    pairs.sort()
    return Assignment(pairs, primary, hours_total)


def greedy_first_come(candidates: Sequence[Candidate], slots: Sequence[Slot]) -> Assignment:
    """The baseline auto-fill is measured against: each worker, in arrival order, takes the
    first open slot they may take."""
    taken: set[int] = set()
    pairs, primary, hours = [], 0, 0
    for i, c in enumerate(candidates):
        for j, s in enumerate(slots):
            if j in taken:
                continue
            cost = primary_cost(c, s)
            if cost is not None:
                taken.add(j)
                pairs.append((i, j))
                primary += cost
                hours += c.week_hours
                break
    return Assignment(pairs, primary, hours)


def total_distance_m(candidates: Sequence[Candidate], slots: Sequence[Slot], a: Assignment) -> float:
    total = 0.0
    for i, j in a.pairs:
        c, s = candidates[i], slots[j]
        total += UNKNOWN_DISTANCE_M if c.point is None else haversine_m(*c.point, s.lat, s.lon)
    return total


def reliability(kept: int, missed: int) -> float:
    """Share of shifts kept, with a prior of two kept shifts so one early miss is not fatal."""
    return (kept + 2) / (kept + missed + 2) if (kept + missed) else 1.0


def week_start(moment: datetime.datetime) -> datetime.datetime:
    d = moment - datetime.timedelta(days=moment.weekday())
    return d.replace(hour=0, minute=0, second=0, microsecond=0)

