"""The draw itself: reproducible from the seed, blind to arrival order, fair to weights."""

import json
import random
import subprocess
import sys

import pytest

from nuanxin.core import lottery

ENTRIES, SEATS, DRAWS, GROUPS = 60, 15, 3000, 6
CHI2_CRITICAL_5DF_P001 = 20.515  # chi-square, 5 degrees of freedom, p = 0.001


def _arrival_chi2(ranker) -> float:
    """Chi-square of wins per arrival group (first 10 to arrive, next 10, …) over many draws."""
    wins = [0] * GROUPS
    size = ENTRIES // GROUPS
    for d in range(DRAWS):
        entries = [(ticket, 10) for ticket in range(1, ENTRIES + 1)]  # ticket = arrival order
        for ticket in ranker(f"seed-{d}", entries)[:SEATS]:
            wins[(ticket - 1) // size] += 1
    expected = DRAWS * SEATS / GROUPS
    return sum((w - expected) ** 2 / expected for w in wins)


def test_registration_time_does_not_change_the_chance_of_winning():
    assert _arrival_chi2(lottery.rank) < CHI2_CRITICAL_5DF_P001


def test_the_statistic_catches_a_draw_that_favours_early_birds():
    """The same test fails a ranker that gives the first arrivals a 20% edge (it can fail)."""

    def biased(seed, entries):
        return lottery.rank(seed, [(t, 12 if t <= ENTRIES // 2 else 10) for t, _w in entries])

    assert _arrival_chi2(biased) > CHI2_CRITICAL_5DF_P001


def test_weights_change_the_chance_in_proportion():
    firsts = sum(lottery.rank(f"w-{d}", [(1, 20), (2, 10), (3, 10)])[0] == 1 for d in range(4000))
    assert 0.46 < firsts / 4000 < 0.54  # weight 20 of 40: half the time


def test_same_seed_same_order_whatever_the_list_order():
    rng = random.Random(7)
    entries = [(t, rng.choice([5, 10, 15, 30])) for t in rng.sample(range(1, 10**6), 500)]
    first = lottery.rank("abc", entries)
    rng.shuffle(entries)
    assert lottery.rank("abc", entries) == first
    assert sorted(first) == sorted(t for t, _w in entries)
    assert lottery.rank("abd", entries) != first


def test_bad_entries_are_refused():
    with pytest.raises(ValueError):
        lottery.rank("s", [(1, 10), (1, 10)])
    with pytest.raises(ValueError):
        lottery.rank("s", [(1, 0)])
    assert lottery.rank("s", []) == []


def test_anyone_can_rerun_a_published_draw_with_the_stdlib_script(tmp_path):
    seed = "f" * 64
    entries = [{"ticket": t, "weight": w} for t, w in [(11, 10), (12, 15), (13, 10), (14, 30)]]
    published = {"algorithm": lottery.ALGORITHM, "seed": seed, "seed_hash": lottery.commitment(seed),
                 "entries": entries, "ranking": lottery.rank(seed, [(e["ticket"], e["weight"]) for e in entries])}
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(published))
    script = [sys.executable, "-I", lottery.__file__, str(path)]  # -I: no project on the path
    ok = subprocess.run(script, capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith("OK"), ok.stdout + ok.stderr
    published["entries"][0]["weight"] = 30  # someone edits a weight after the fact
    path.write_text(json.dumps(published))
    bad = subprocess.run(script, capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "different order" in bad.stdout
    published["seed_hash"] = lottery.commitment("another seed")
    assert "does not match" in " ".join(lottery.verify(published))
