"""Auto-fill is optimal: the solver's assignment equals a brute-force search on small cases."""

import datetime
import itertools
import random
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from nuanxin.gigs.matching import Candidate, Slot, assign, greedy_first_come, primary_cost, weight

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=SH)


def brute_force(cands, slots):
    """Best (filled, lexicographic cost) over every assignment of slots to distinct workers."""
    w = weight(len(slots))
    best = (0, 0)
    options = [None, *range(len(cands))]
    for choice in itertools.product(options, repeat=len(slots)):
        used = [c for c in choice if c is not None]
        if len(used) != len(set(used)):
            continue
        cost, ok = 0, True
        for j, i in enumerate(choice):
            if i is None:
                continue
            pc = primary_cost(cands[i], slots[j])
            if pc is None:
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
    slots = []
    for shift_id, start, end in shifts:
        for _ in range(rng.randint(1, 2)):
            slots.append(Slot(shift_id, start, end, 31.3 + rng.random() * 0.1, 120.9 + rng.random() * 0.1,
                              frozenset(rng.sample(["电工证", "保洁", "搬运"], rng.randint(0, 1)))))
    slots = slots[:4]
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
    return cands, slots


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_solver_equals_brute_force(seed):
    cands, slots = random_case(seed)
    got = assign(cands, slots)
    filled, cost = brute_force(cands, slots)
    assert got.filled == filled
    assert got.primary * weight(len(slots)) + got.week_hours == cost
    # Every pair is allowed: no time conflict, applicants only on their shifts, one slot per worker.
    assert len({i for i, _ in got.pairs}) == len(got.pairs) == len({j for _, j in got.pairs})
    for i, j in got.pairs:
        assert primary_cost(cands[i], slots[j]) is not None


def test_fairness_breaks_ties_only():
    slot = Slot(1, T0, T0 + datetime.timedelta(hours=4), 31.3, 120.9)
    busy_worker = Candidate(1, (31.3, 120.9), week_hours=30)
    rested_worker = Candidate(2, (31.3, 120.9), week_hours=2)
    assert assign([busy_worker, rested_worker], [slot]).pairs == [(1, 0)]
    # But a nearer worker wins over a less-worked one: fairness is only a tie-break.
    near_busy = Candidate(3, (31.3, 120.9), week_hours=40)
    far_rested = Candidate(4, (31.31, 120.9), week_hours=0)
    assert assign([far_rested, near_busy], [slot]).pairs == [(1, 0)]


def test_optimal_beats_greedy_where_greedy_blocks():
    a = Slot(1, T0, T0 + datetime.timedelta(hours=4), 31.30, 120.90)
    b = Slot(2, T0 + datetime.timedelta(days=1), T0 + datetime.timedelta(days=1, hours=4), 31.40, 121.00)
    anyone = Candidate(1, (31.30, 120.90))                      # can do both
    only_a = Candidate(2, (31.30, 120.90), only_shifts=frozenset({1}))
    greedy = greedy_first_come([anyone, only_a], [a, b])
    best = assign([anyone, only_a], [a, b])
    assert greedy.filled == 1 and best.filled == 2
