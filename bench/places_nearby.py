"""Benchmark: nearest places over 100,000 rows.

1. The indexed query (H3 cells + bounding box, exact haversine order) against a brute-force
   haversine scan of every row, in the same run, at identical results (goal: >= 20x faster),
   for the worker's question "the 20 nearest" and for "everything within 2 km".
2. Request throughput of GET /api/v1/places?near=... against the trivial /api/v1/health of
   the same gunicorn server (goal: >= 40%).

Runs on a throw-away SQLite file, or on BENCH_DATABASE_URL (e.g. a PostgreSQL database that
may be emptied). Prints ratios; nothing here is a pass/fail test.

    make bench            # or: .venv/bin/python bench/places_nearby.py --places 100000
"""

import argparse
import math
import random
import tempfile
import time

from common import gunicorn, setup_env, throughput

CENTRE = (31.38, 120.98)


def load_places(n: int, rng: random.Random) -> None:
    from django.core.management import call_command

    from nuanxin.core import geo
    from nuanxin.places.models import OpeningHours, Place

    call_command("migrate", verbosity=0)
    Place.objects.all().delete()
    towns = ["yushan", "bacheng", "zhoushi", "lujia", "huaqiao", "qiandeng", "zhangpu"]
    batch = []
    for i in range(n):
        # Dense in the city, thinner outside: a Gaussian around the centre plus a uniform spread.
        if i % 2:
            lat, lon = CENTRE[0] + rng.gauss(0, 0.08), CENTRE[1] + rng.gauss(0, 0.09)
        else:
            lat, lon = rng.uniform(30.9, 31.8), rng.uniform(120.5, 121.5)
        # bulk_create skips Place.save(), so the cells are set here; the search document
        # stays empty (this benchmark does not search words).
        place = Place(name=f"驿站{i}", kind="warm_station", town=rng.choice(towns), address="路1号",
                      lat=lat, lon=lon, is_24h=i % 10 != 0)
        geo.set_cells(place)
        batch.append(place)
        if len(batch) == 5000:
            Place.objects.bulk_create(batch)
            batch = []
    Place.objects.bulk_create(batch)
    import datetime

    hours = [OpeningHours(place_id=pk, weekday=d, opens=datetime.time(8), closes=datetime.time(20))
             for pk in Place.objects.filter(is_24h=False).values_list("pk", flat=True) for d in range(7)]
    OpeningHours.objects.bulk_create(hours, batch_size=5000)


def brute_force(lat: float, lon: float, radius_m: float | None, limit: int) -> list[int]:
    from nuanxin.core.geo import haversine_m
    from nuanxin.places.models import Place

    rows = [(haversine_m(lat, lon, plat, plon), pk)
            for pk, plat, plon in Place.objects.filter(status="open").values_list("id", "lat", "lon")]
    return [pk for d, pk in sorted(r for r in rows if radius_m is None or r[0] <= radius_m)[:limit]]


def timed(fn, args_list) -> tuple[float, list]:
    start = time.perf_counter()
    out = [fn(*a) for a in args_list]
    return time.perf_counter() - start, out


def compare_queries(points, radius_m: float | None, limit: int) -> float:
    from nuanxin.places import selectors

    def indexed(lat, lon):
        hits, _count = selectors.places_search(near=(lat, lon), radius_m=radius_m, limit=limit)
        return [h.place.pk for h in hits]

    args = [(lat, lon) for lat, lon in points]
    indexed(*args[0])  # warm caches and imports
    t_idx, got = timed(indexed, args)
    t_bf, expected = timed(lambda lat, lon: brute_force(lat, lon, radius_m, limit), args)
    same = got == expected
    what = f"the {limit} nearest" if radius_m is None else f"within {radius_m / 1000:g} km, first {limit}"
    print(f"  {len(points)} queries: {what}")
    print(f"    indexed (H3 + bbox, whole page with hours):  {1000 * t_idx / len(points):8.2f} ms/query")
    print(f"    brute-force haversine scan (ids only):       {1000 * t_bf / len(points):8.2f} ms/query")
    print(f"    identical results: {same}")
    print(f"    RATIO brute/indexed = {t_bf / t_idx:.1f}x   (goal >= 20x)")
    if not same:
        raise SystemExit("indexed results differ from the brute-force scan")
    return t_bf / t_idx


def compare_throughput(env: dict, points, seconds: float, workers: int, clients: int) -> None:
    with gunicorn(env, workers) as port:
        nearest = [f"/api/v1/places?near={lat:.5f},{lon:.5f}&limit=20" for lat, lon in points]
        within = [f"/api/v1/places?near={lat:.5f},{lon:.5f}&radius_km=2&limit=20" for lat, lon in points]
        throughput(port, nearest[:20] + within[:20] + ["/api/v1/health"], 2, clients)  # warm workers
        hello = throughput(port, ["/api/v1/health"], seconds, clients)
        print(f"  gunicorn {workers} workers, {clients} client processes, {seconds:g} s each")
        print(f"  GET /api/v1/health:                          {hello:8.1f} req/s")
        for label, paths in (("near=...&limit=20", nearest), ("near=...&radius_km=2&limit=20", within)):
            rate = throughput(port, paths, seconds, clients)
            print(f"  GET /api/v1/places?{label + ':':<32}{rate:8.1f} req/s")
            print(f"    RATIO places/health = {100 * rate / hello:.0f}%   (goal >= 40%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--radius-km", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        env = setup_env(tmp)
        import django

        django.setup()
        from django.db import connection

        print(f"Nearest places benchmark on {connection.vendor}, {args.places:,} places")
        t0 = time.perf_counter()
        load_places(args.places, rng)
        print(f"  loaded in {time.perf_counter() - t0:.1f} s")
        points = []
        while len(points) < args.queries:
            lat, lon = CENTRE[0] + rng.gauss(0, 0.08), CENTRE[1] + rng.gauss(0, 0.09)
            if math.isfinite(lat):
                points.append((lat, lon))
        print("Query: indexed vs brute force")
        compare_queries(points, None, 20)
        compare_queries(points, args.radius_km * 1000, 20)
        connection.close()
        print("HTTP: places vs trivial endpoint")
        compare_throughput(env, points, args.seconds, args.workers, args.clients)


if __name__ == "__main__":
    main()
