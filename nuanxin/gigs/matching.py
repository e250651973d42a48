"""Auto-fill as an optimal batch assignment: min-cost maximum flow (OR-Tools), never greedy.

The network: source → worker (capacity 1: at most one new shift per worker per run, so
new assignments never clash with each other) → shift (capacity 1, the pair's cost) →
sink (capacity: the shift's open places). OR-Tools' solve_max_flow_with_min_cost first
fills as many places as possible, then, among all such assignments, takes the cheapest.
A worker-shift pair is left out when the worker already holds a shift overlapping that
one, applied only to other shifts, or is farther than MAX_DISTANCE_M away.

Costs are integers, lexicographic: the primary cost (metres of distance, plus metre-
equivalents for missing skills and past no-shows) times W, plus the worker's hours of
work this week. W exceeds the largest possible sum of hours, so hours decide only between
assignments whose primary costs tie: workers with less work this week come first.

Pair costs are computed with numpy over the whole worker × shift matrix: 2,000 workers by
500 shifts is a million pairs, too many for a Python loop on the request path.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nuanxin.core.geo import EARTH_RADIUS_M, haversine_m

UNKNOWN_DISTANCE_M = 5_000   # a worker with no saved place, who applied: assume across town
MAX_DISTANCE_M = 30_000      # nobody is booked for work farther than this from their place
MISSING_SKILL_M = 3_000      # each required skill the worker lacks counts as 3 km more
UNRELIABLE_M = 5_000         # a worker with every past shift a no-show counts as 5 km more
MAX_WEEK_HOURS = 168


@dataclass(frozen=True)
class ShiftSpec:
    """A shift with open places to fill."""

    shift_id: int
    start: datetime.datetime
    end: datetime.datetime
    lat: float
    lon: float
    places: int = 1
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


@dataclass
class Assignment:
    pairs: list[tuple[int, int]]   # (candidate index, shift index); a shift appears up to `places` times
    primary: int                   # sum of primary costs
    week_hours: int                # sum of the chosen workers' week hours

    @property
    def filled(self) -> int:
        return len(self.pairs)


def weight(total_places: int) -> int:
    return MAX_WEEK_HOURS * max(1, total_places) + 1


def _distances(cands: Sequence[Candidate], shifts: Sequence[ShiftSpec]) -> np.ndarray:
    """Haversine metres, workers × shifts; UNKNOWN_DISTANCE_M where a worker has no point."""
    known = np.array([c.point is not None for c in cands])
    pts = np.array([c.point if c.point is not None else (0.0, 0.0) for c in cands], dtype=float).reshape(-1, 2)
    sp = np.array([(s.lat, s.lon) for s in shifts], dtype=float).reshape(-1, 2)
    lat1, lon1 = np.radians(pts[:, :1]), np.radians(pts[:, 1:])
    lat2, lon2 = np.radians(sp[:, 0])[None, :], np.radians(sp[:, 1])[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    d = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    d[~known, :] = UNKNOWN_DISTANCE_M
    return d


def cost_matrix(cands: Sequence[Candidate], shifts: Sequence[ShiftSpec]) -> np.ndarray:
    """Primary cost per worker × shift as int64; -1 where the pair is not allowed."""
    n, m = len(cands), len(shifts)
    dist = np.rint(_distances(cands, shifts)).astype(np.int64)
    allowed = dist <= MAX_DISTANCE_M
    # Skills as bit masks: missing = popcount(needed & ~has).
    vocab = {s: i for i, s in enumerate(sorted({k for sh in shifts for k in sh.skills}))}
    if vocab:
        need = np.array([sum(1 << vocab[k] for k in sh.skills) for sh in shifts], dtype=np.uint64)
        has = np.array([sum(1 << vocab[k] for k in c.skills if k in vocab) for c in cands], dtype=np.uint64)
        missing = np.bitwise_count(need[None, :] & ~has[:, None]).astype(np.int64)
    else:
        missing = np.zeros((n, m), dtype=np.int64)
    starts = np.array([s.start.timestamp() for s in shifts])
    ends = np.array([s.end.timestamp() for s in shifts])
    index = {s.shift_id: j for j, s in enumerate(shifts)}
    for i, c in enumerate(cands):
        for b_start, b_end in c.busy:
            allowed[i] &= ~((starts < b_end.timestamp()) & (b_start.timestamp() < ends))
        if c.only_shifts is not None:
            mask = np.zeros(m, dtype=bool)
            mask[[index[k] for k in c.only_shifts if k in index]] = True
            allowed[i] &= mask
    unreliable = np.rint(UNRELIABLE_M * (1 - np.clip([c.reliability for c in cands], 0.0, 1.0))).astype(np.int64)
    cost = dist + MISSING_SKILL_M * missing + unreliable[:, None]
    return np.where(allowed, cost, -1)


def assign(candidates: Sequence[Candidate], shifts: Sequence[ShiftSpec]) -> Assignment:
    from ortools.graph.python import min_cost_flow

    shifts = [s for s in shifts if s.places > 0]
    if not candidates or not shifts:
        return Assignment([], 0, 0)
    n, m = len(candidates), len(shifts)
    total = sum(s.places for s in shifts)
    w = weight(total)
    cost = cost_matrix(candidates, shifts)
    hours = np.clip([c.week_hours for c in candidates], 0, MAX_WEEK_HOURS).astype(np.int64)
    wi, sj = np.nonzero(cost >= 0)
    if len(wi) == 0:
        return Assignment([], 0, 0)
    source, sink = n + m, n + m + 1
    tails = np.concatenate([wi, np.full(n, source), np.arange(n, n + m)])
    heads = np.concatenate([n + sj, np.arange(n), np.full(m, sink)])
    caps = np.concatenate([np.ones(len(wi)), np.ones(n), [s.places for s in shifts]]).astype(np.int64)
    costs = np.concatenate([cost[wi, sj] * w + hours[wi], np.zeros(n + m, dtype=np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = min(n, total)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    used = np.nonzero(flow.flows(np.arange(len(wi))) > 0)[0]
    pairs = sorted(zip(wi[used].tolist(), sj[used].tolist(), strict=True))
    return Assignment(pairs, int(cost[wi[used], sj[used]].sum()), int(hours[wi[used]].sum()))


def greedy_first_come(candidates: Sequence[Candidate], shifts: Sequence[ShiftSpec]) -> Assignment:
    """The baseline auto-fill is measured against: each worker, in arrival order, takes the
    first shift with a place left that they may take."""
    cost = cost_matrix(candidates, shifts)
    left = [s.places for s in shifts]
    pairs, primary, hours = [], 0, 0
    for i, c in enumerate(candidates):
        for j in range(len(shifts)):
            if left[j] > 0 and cost[i, j] >= 0:
                left[j] -= 1
                pairs.append((i, j))
                primary += int(cost[i, j])
                hours += c.week_hours
                break
    return Assignment(pairs, primary, hours)


def total_distance_m(candidates: Sequence[Candidate], shifts: Sequence[ShiftSpec], a: Assignment) -> float:
    total = 0.0
    for i, j in a.pairs:
        c, s = candidates[i], shifts[j]
        total += UNKNOWN_DISTANCE_M if c.point is None else haversine_m(*c.point, s.lat, s.lon)
    return total


def reliability(kept: int, missed: int) -> float:
    """Share of shifts kept, with a prior of two kept shifts so one early miss is not fatal."""
    return (kept + 2) / (kept + missed + 2) if (kept + missed) else 1.0


def week_start(moment: datetime.datetime) -> datetime.datetime:
    d = moment - datetime.timedelta(days=moment.weekday())
    return d.replace(hour=0, minute=0, second=0, microsecond=0)


def optimum_by_networkx(candidates: Sequence[Candidate], shifts: Sequence[ShiftSpec]) -> tuple[int, int]:
    """(places filled, lexicographic cost) of the same problem solved by networkx's
    max_flow_min_cost: an independent solver for tests and bench/gigs.py (networkx is a
    development dependency, so it is imported here only)."""
    import networkx as nx

    matrix = cost_matrix(candidates, shifts)
    w = weight(sum(s.places for s in shifts))
    g = nx.DiGraph()
    for i, c in enumerate(candidates):
        g.add_edge("s", ("w", i), capacity=1, weight=0)
        hours = min(MAX_WEEK_HOURS, max(0, c.week_hours))
        for j in range(len(shifts)):
            if matrix[i, j] >= 0:
                g.add_edge(("w", i), ("j", j), capacity=1, weight=int(matrix[i, j]) * w + hours)
    for j, s in enumerate(shifts):
        g.add_edge(("j", j), "t", capacity=s.places, weight=0)
    flow = nx.max_flow_min_cost(g, "s", "t")
    return sum(flow["s"].values()), nx.cost_of_flow(g, flow)


def lexicographic_cost(a: Assignment, shifts: Sequence[ShiftSpec]) -> int:
    return a.primary * weight(sum(s.places for s in shifts)) + a.week_hours
