"""Benchmark: the gig market at city scale.

1. Search with q + near over 100,000 open gigs: request throughput of
   GET /api/v1/gigs?q=...&near=... against the trivial /api/v1/health of the same gunicorn
   server (goal: >= 40%).
2. Auto-fill of 2,000 workers to 500 shifts (1,000 places): time of the optimal assignment
   (goal: under 2 s), with fill rate and total distance against a greedy first-come
   baseline in the same run, and the optimum checked against networkx on a sub-instance.

    make bench            # or: .venv/bin/python bench/gigs.py --gigs 100000
"""

import argparse
import datetime
import random
import tempfile
import time
import zoneinfo
from urllib.parse import quote

from common import gunicorn, setup_env, throughput

CENTRE = (31.38, 120.98)
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def load_gigs(n: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from nuanxin.accounts.models import Employer, User
    from nuanxin.core import geo, text
    from nuanxin.core.towns import TOWN_CENTRES, Town
    from nuanxin.demo.gigs_data import TEMPLATES
    from nuanxin.gigs.models import Gig, Shift

    call_command("migrate", verbosity=0)
    Shift.objects.all().delete()
    Gig.objects.all().delete()
    user = User.objects.filter(username="bench").first() or User.objects.create_user(username="bench")
    employer, _ = Employer.objects.get_or_create(
        uscc="91320583MA1MA1MA1R",
        defaults={"name": "淳华科技(昆山)有限公司", "contact_name": "钱", "contact_phone": "13900000001",
                  "status": "verified"})
    templates = [(cat, t) for cat, ts in TEMPLATES.items() for t in ts]
    towns = list(Town)
    docs: dict = {}
    now = timezone.now()
    gigs, shifts = [], []
    for i in range(n):
        category, (title, pay, unit, skills) = templates[i % len(templates)]
        town = towns[i % len(towns)]
        clat, clon = TOWN_CENTRES[town]
        lat, lon = clat + rng.gauss(0, 0.03), clon + rng.gauss(0, 0.03)
        key = (title, town)
        if key not in docs:  # jieba is slow: one document per (template, town)
            docs[key] = text.search_document(title, category, " ".join(skills), town.label, employer.name)
        start = now + datetime.timedelta(hours=rng.randint(2, 24 * 14))
        gig = Gig(employer=employer, created_by=user, title=title, category=category, address=f"{town.label}1号",
                  lat=lat, lon=lon, pay_fen=pay, pay_unit=unit, skills=skills, status="open", starts_at=start,
                  ends_at=start + datetime.timedelta(hours=4), search_doc=docs[key], published_at=now)
        geo.set_cells(gig)
        gigs.append(gig)
    Gig.objects.bulk_create(gigs, batch_size=5000)  # bulk_create skips save(): derived columns set above
    for gig in Gig.objects.only("pk", "starts_at", "ends_at").iterator(chunk_size=5000):
        shifts.append(Shift(gig_id=gig.pk, start=gig.starts_at, end=gig.ends_at, headcount=3))
    Shift.objects.bulk_create(shifts, batch_size=5000)


def bench_search(env, args, rng) -> None:
    points = [(CENTRE[0] + rng.gauss(0, 0.08), CENTRE[1] + rng.gauss(0, 0.09)) for _ in range(200)]
    words = ["保洁", "baojie", "bj", "搬家", "kuaidi", "分拣", "服务员", "fj"]
    paths = [f"/api/v1/gigs?q={quote(rng.choice(words))}&near={lat:.5f},{lon:.5f}&radius_km=5&limit=20"
             for lat, lon in points]
    words_only = [f"/api/v1/gigs?q={quote(rng.choice(words))}&limit=20" for _ in range(200)]
    with gunicorn(env, args.workers) as port:
        throughput(port, paths[:20] + words_only[:20] + ["/api/v1/health"], 2, args.clients)  # warm workers
        hello = throughput(port, ["/api/v1/health"], args.seconds, args.clients)
        rates = [(label, throughput(port, p, args.seconds, args.clients))
                 for label, p in (("q=...&near=...&radius_km=5", paths), ("q=... (whole city)", words_only))]
    print(f"  gunicorn {args.workers} workers, {args.clients} client processes, {args.seconds:g} s each")
    print(f"  GET /api/v1/health:                            {hello:8.1f} req/s")
    for label, rate in rates:
        print(f"  GET /api/v1/gigs?{label + ':':<31}{rate:8.1f} req/s")
        print(f"    RATIO gigs/health = {100 * rate / hello:.0f}%   (goal >= 40%)")


def autofill_case(rng: random.Random, workers: int, shifts: int):
    from nuanxin.gigs.matching import Candidate, ShiftSpec

    t0 = datetime.datetime(2026, 12, 7, 8, tzinfo=SH)
    skills = ["保洁", "搬运", "电工", "分拣", "普工", "厨师"]
    specs = []
    for k in range(shifts):
        start = t0 + datetime.timedelta(days=rng.randint(0, 6), hours=rng.choice([0, 5, 10, 14]))
        specs.append(ShiftSpec(k, start, start + datetime.timedelta(hours=rng.choice([4, 8])),
                               CENTRE[0] + rng.gauss(0, 0.08), CENTRE[1] + rng.gauss(0, 0.09), 2,
                               frozenset(rng.sample(skills, rng.randint(0, 1)))))
    cands = []
    for i in range(workers):
        busy = ()
        if rng.random() < 0.3:
            s = t0 + datetime.timedelta(days=rng.randint(0, 6), hours=rng.choice([0, 5, 10, 14]))
            busy = ((s, s + datetime.timedelta(hours=8)),)
        only = frozenset(rng.sample(range(shifts), 2)) if rng.random() < 0.2 else None
        cands.append(Candidate(i, (CENTRE[0] + rng.gauss(0, 0.08), CENTRE[1] + rng.gauss(0, 0.09)),
                               frozenset(rng.sample(skills, rng.randint(0, 2))), rng.choice([1.0, 1.0, 0.8, 0.5]),
                               rng.randint(0, 40), busy, only))
    return cands, specs


def bench_autofill(args, rng) -> None:
    from nuanxin.gigs import matching

    cands, specs = autofill_case(rng, args.workers_autofill, args.shifts)
    places = sum(s.places for s in specs)
    matching.assign(cands[:50], specs[:10])  # import OR-Tools before timing
    t = time.perf_counter()
    best = matching.assign(cands, specs)
    t_best = time.perf_counter() - t
    t = time.perf_counter()
    greedy = matching.greedy_first_come(cands, specs)
    t_greedy = time.perf_counter() - t
    d_best = matching.total_distance_m(cands, specs, best) / max(1, best.filled)
    d_greedy = matching.total_distance_m(cands, specs, greedy) / max(1, greedy.filled)
    print(f"  {len(cands)} workers, {len(specs)} shifts, {places} places")
    print(f"  optimal (min-cost max-flow): {t_best:6.2f} s   (goal < 2 s)   filled {best.filled}/{places} "
          f"({100 * best.filled / places:.1f}%), mean distance {d_best / 1000:.2f} km")
    print(f"  greedy first-come:           {t_greedy:6.2f} s                  filled {greedy.filled}/{places} "
          f"({100 * greedy.filled / places:.1f}%), mean distance {d_greedy / 1000:.2f} km")
    print(f"  RATIO fill optimal/greedy = {best.filled / max(1, greedy.filled):.3f}, "
          f"mean distance greedy/optimal = {d_greedy / max(1.0, d_best):.2f}")
    # Optimality, checked by an independent solver on a sub-instance it can handle.
    sub_c, sub_s = cands[:300], specs[:80]
    mine = matching.assign(sub_c, sub_s)
    same = (mine.filled, matching.lexicographic_cost(mine, sub_s)) == matching.optimum_by_networkx(sub_c, sub_s)
    print(f"  optimum equals networkx on a 300 x 80 sub-instance: {same}")
    if not same:
        raise SystemExit("auto-fill is not optimal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers-autofill", type=int, default=2000)
    parser.add_argument("--shifts", type=int, default=500)
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        env = setup_env(tmp)
        import django

        django.setup()
        print("Auto-fill")
        bench_autofill(args, rng)
        if args.skip_search:
            return
        from django.db import connection

        t = time.perf_counter()
        load_gigs(args.gigs, rng)
        print(f"Search: {args.gigs:,} open gigs on {connection.vendor}, loaded in {time.perf_counter() - t:.1f} s")
        connection.close()
        bench_search(env, args, rng)


if __name__ == "__main__":
    main()
