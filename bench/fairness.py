"""Benchmark: how many unlawful job ads the fairness screen catches, and how many honest ones it refuses.

The labelled ads in bench/data/posting_ads.jsonl (one JSON object a line: id, bad, category,
title, text) are screened on title + text with the rules the site uses: the defaults seeded
by the core migrations, on a throw-away database (or BENCH_DATABASE_URL). Printed: the share
of bad ads caught, overall and per category, and the share of honest ads refused, each beside
its goal, then every miss and every false alarm. nuanxin/core/tests/test_fairness.py asserts
the same goals with the same `measure()`.

    make bench            # or: .venv/bin/python bench/fairness.py [--data other.jsonl]
"""

import argparse
import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "posting_ads.jsonl"
GOAL_CAUGHT = 0.95       # at least this share of bad ads refused
GOAL_FALSE_ALARM = 0.02  # at most this share of honest ads refused


@dataclass
class Result:
    caught: Counter = field(default_factory=Counter)       # category -> bad ads refused
    in_category: Counter = field(default_factory=Counter)  # category -> refused by a rule of that category
    total: Counter = field(default_factory=Counter)        # category -> bad ads
    honest: int = 0
    seconds: float = 0.0                                   # screening time, all ads
    misses: list = field(default_factory=list)             # bad ads let through
    false_alarms: list = field(default_factory=list)       # (honest ad, findings)

    @property
    def caught_rate(self) -> float:
        return sum(self.caught.values()) / max(1, sum(self.total.values()))

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / max(1, self.honest)


def load(path: Path = DATA) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def measure(ads: list[dict]) -> Result:
    """Screen every ad on title + text; needs Django set up and the rules migrated."""
    from nuanxin.core import fairness

    result = Result()
    fairness.screen("")  # compile the rules before timing
    for ad in ads:
        start = time.perf_counter()
        findings = fairness.screen(ad.get("title", ""), ad.get("text", ""))
        result.seconds += time.perf_counter() - start
        if ad["bad"]:
            result.total[ad["category"]] += 1
            if findings:
                result.caught[ad["category"]] += 1
                result.in_category[ad["category"]] += any(f.category == ad["category"] for f in findings)
            else:
                result.misses.append(ad)
        else:
            result.honest += 1
            if findings:
                result.false_alarms.append((ad, findings))
    return result


def report(r: Result) -> None:
    bad = sum(r.total.values())
    n = bad + r.honest
    print(f"  {bad} bad ads, {r.honest} honest ads; {1000 * r.seconds / max(1, n):.2f} ms per ad screened")
    print(f"  caught:       {sum(r.caught.values()):4d}/{bad:<4d} = {100 * r.caught_rate:5.1f}%   "
          f"(goal >= {100 * GOAL_CAUGHT:.0f}%)")
    print(f"  false alarms: {len(r.false_alarms):4d}/{r.honest:<4d} = {100 * r.false_alarm_rate:5.1f}%   "
          f"(goal <= {100 * GOAL_FALSE_ALARM:.0f}%)")
    print("  per category (caught / caught by a rule of that category / ads):")
    for category in sorted(r.total):
        n = r.total[category]
        print(f"    {category:<22} {r.caught[category]:3d} {r.in_category[category]:3d} {n:3d}   "
              f"{100 * r.caught[category] / n:5.1f}%")
    print(f"  misses ({len(r.misses)}):")
    for ad in r.misses:
        print(f"    {ad['id']} [{ad['category']}] {ad.get('title', '')} | {ad.get('text', '')}")
    print(f"  false alarms ({len(r.false_alarms)}):")
    for ad, findings in r.false_alarms:
        words = ", ".join(f"{f.code} “{f.found}”" for f in findings)
        print(f"    {ad['id']} {ad.get('title', '')} | {ad.get('text', '')}\n      -> {words}")
    ok = r.caught_rate >= GOAL_CAUGHT and r.false_alarm_rate <= GOAL_FALSE_ALARM
    print(f"  RATIO caught = {r.caught_rate:.3f}, false alarms = {r.false_alarm_rate:.3f}   "
          f"{'goals met' if ok else 'GOALS NOT MET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    from common import setup_env

    with tempfile.TemporaryDirectory() as tmp:
        setup_env(tmp)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        ads = load(args.data)
        print(f"Fairness screen: {args.data.name} on {connection.vendor}")
        report(measure(ads))


if __name__ == "__main__":
    main()
