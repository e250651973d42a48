"""Auto-fill is optimal: the solver's assignment equals a brute-force search on small cases."""

import datetime
import itertools
import random
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from nuanxin.gigs.matching import (
    Candidate,
    ShiftSpec,
    assign,
    cost_matrix,
    greedy_first_come,
    lexicographic_cost,
    optimum_by_networkx,
    weight,
)

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=SH)


def brute_force(cands, shifts):
    """Best (filled, lexicographic cost) over every assignment of places to distinct workers,
    computed from the pair costs alone (no flow network)."""
    slots = [j for j, s in enumerate(shifts) for _ in range(s.places)]
    matrix = cost_matrix(cands, shifts)
    w = weight(len(slots))
    best = (0, 0)
    options = [None, *range(len(cands))]
    for choice in itertools.product(options, repeat=len(slots)):
        used = [c for c in choice if c is not None]
        if len(used) != len(set(used)):
            continue
        cost, ok = 0, True
        for k, i in enumerate(choice):
            if i is None:
                continue
            pc = int(matrix[i, slots[k]])
            if pc < 0:
                ok = False
                break
            cost += pc * w + cands[i].week_hours
        if ok and (len(used) > best[0] or (len(used) == best[0] and cost < best[1])):
            best = (len(used), cost)
    return best


def random_case(seed):
    rng = random.Random(seed)
    shifts = []
    for k in range(rng.randint(1, 3)):
        start = T0 + datetime.timedelta(hours=rng.choice([0, 2, 4, 24]))
        shifts.append((k + 1, start, start + datetime.timedelta(hours=rng.choice([2, 4, 8]))))
    specs, budget = [], 4  # at most four places in all, so brute force stays small
    for shift_id, start, end in shifts:
        places = min(budget, rng.randint(1, 2))
        budget -= places
        specs.append(ShiftSpec(shift_id, start, end, 31.3 + rng.random() * 0.1, 120.9 + rng.random() * 0.1,
                               places, frozenset(rng.sample(["电工证", "保洁", "搬运"], rng.randint(0, 1)))))
    cands = []
    for i in range(rng.randint(1, 5)):
        busy = ()
        if rng.random() < 0.3:
            s = T0 + datetime.timedelta(hours=rng.choice([1, 3, 25]))
            busy = ((s, s + datetime.timedelta(hours=2)),)
        only = frozenset(rng.sample([s[0] for s in shifts], 1)) if rng.random() < 0.4 else None
        point = None if rng.random() < 0.2 else (31.3 + rng.random() * 0.1, 120.9 + rng.random() * 0.1)
        cands.append(Candidate(i + 1, point, frozenset(rng.sample(["电工证", "保洁", "搬运"], rng.randint(0, 2))),
                               rng.choice([1.0, 0.5, 0.8]), rng.randint(0, 40), busy, only))
    return cands, specs


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_solver_equals_brute_force(seed):
    cands, shifts = random_case(seed)
    got = assign(cands, shifts)
    filled, cost = brute_force(cands, shifts)
    assert got.filled == filled
    assert got.primary * weight(sum(s.places for s in shifts)) + got.week_hours == cost
    # Every pair is allowed, one shift per worker, no shift over its places.
    matrix = cost_matrix(cands, shifts)
    assert len({i for i, _ in got.pairs}) == len(got.pairs)
    for j, s in enumerate(shifts):
        assert sum(1 for _, k in got.pairs if k == j) <= s.places
    for i, j in got.pairs:
        assert matrix[i, j] >= 0
        for b_start, b_end in cands[i].busy:
            assert not (shifts[j].start < b_end and b_start < shifts[j].end)


def test_cost_matrix_matches_a_plain_loop():
    from nuanxin.core.geo import haversine_m
    from nuanxin.gigs.matching import MISSING_SKILL_M, UNKNOWN_DISTANCE_M, UNRELIABLE_M

    cands, shifts = random_case(12345)
    matrix = cost_matrix(cands, shifts)
    for i, c in enumerate(cands):
        for j, s in enumerate(shifts):
            d = UNKNOWN_DISTANCE_M if c.point is None else round(haversine_m(*c.point, s.lat, s.lon))
            expected = d + MISSING_SKILL_M * len(s.skills - c.skills) + round(UNRELIABLE_M * (1 - c.reliability))
            clash = any(s.start < e and b < s.end for b, e in c.busy)
            barred = c.only_shifts is not None and s.shift_id not in c.only_shifts
            assert matrix[i, j] == (-1 if clash or barred else expected)


def test_fairness_breaks_ties_only():
    slot = ShiftSpec(1, T0, T0 + datetime.timedelta(hours=4), 31.3, 120.9)
    busy_worker = Candidate(1, (31.3, 120.9), week_hours=30)
    rested_worker = Candidate(2, (31.3, 120.9), week_hours=2)
    assert assign([busy_worker, rested_worker], [slot]).pairs == [(1, 0)]
    # But a nearer worker wins over a less-worked one: fairness is only a tie-break.
    near_busy = Candidate(3, (31.3, 120.9), week_hours=40)
    far_rested = Candidate(4, (31.31, 120.9), week_hours=0)
    assert assign([far_rested, near_busy], [slot]).pairs == [(1, 0)]


def test_optimal_beats_greedy_where_greedy_blocks():
    a = ShiftSpec(1, T0, T0 + datetime.timedelta(hours=4), 31.30, 120.90)
    b = ShiftSpec(2, T0 + datetime.timedelta(days=1), T0 + datetime.timedelta(days=1, hours=4), 31.40, 121.00)
    anyone = Candidate(1, (31.30, 120.90))                      # can do both
    only_a = Candidate(2, (31.30, 120.90), only_shifts=frozenset({1}))
    greedy = greedy_first_come([anyone, only_a], [a, b])
    best = assign([anyone, only_a], [a, b])
    assert greedy.filled == 1 and best.filled == 2


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**9))
def test_solver_equals_networkx_on_larger_cases(seed):
    rng = random.Random(seed)
    shifts = []
    for k in range(12):
        start = T0 + datetime.timedelta(hours=rng.choice([0, 3, 6, 24, 27]))
        shifts.append(ShiftSpec(k, start, start + datetime.timedelta(hours=4), 31.2 + rng.random() * 0.3,
                                120.8 + rng.random() * 0.3, rng.randint(1, 4),
                                frozenset(rng.sample(["电工证", "保洁", "搬运"], rng.randint(0, 2)))))
    cands = []
    for i in range(40):
        busy = ()
        if rng.random() < 0.3:
            s = T0 + datetime.timedelta(hours=rng.choice([1, 4, 25]))
            busy = ((s, s + datetime.timedelta(hours=2)),)
        cands.append(Candidate(i, (31.2 + rng.random() * 0.3, 120.8 + rng.random() * 0.3),
                               frozenset(rng.sample(["电工证", "保洁", "搬运"], rng.randint(0, 3))),
                               rng.choice([1.0, 0.6]), rng.randint(0, 30), busy,
                               frozenset({rng.randrange(12)}) if rng.random() < 0.2 else None))
    got = assign(cands, shifts)
    assert (got.filled, lexicographic_cost(got, shifts)) == optimum_by_networkx(cands, shifts)
