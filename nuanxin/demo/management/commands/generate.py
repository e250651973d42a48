"""Fill a demo database with a year of synthetic activity (nuanxin.demo.generate does the work)."""

import datetime
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from nuanxin.demo.generate import DemoMissing, generate


class Command(BaseCommand):
    help = ("Add N synthetic workers and their activity over the last --days (station visits, gigs with paid "
            "wages and the escrow ledger, bookings, cases, grants, stays in the warm residences, job seekers "
            "and referrals) to a database holding the Kunshan demo (manage.py load_demo first). Running it "
            "again adds another N workers with their own activity: nothing already there is changed. The same "
            "--seed and --now on the same database give the same rows.")

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, required=True, help="how many workers to add (e.g. 20000)")
        parser.add_argument("--days", type=int, default=365, help="the window, ending now (default 365)")
        parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
        parser.add_argument("--batch", type=int, default=5000, help="rows per INSERT (SQLite) and per transaction, roughly")
        parser.add_argument("--now", type=datetime.datetime.fromisoformat, default=None,
                            help="end of the window, ISO 8601 with its offset (default: now); with --seed, "
                                 "a reproducible data set")
        parser.add_argument("--quiet", action="store_true", help="no progress bars")

    def handle(self, *args, workers, days, seed, batch, now, quiet, **options):
        if workers < 1 or days < 1 or batch < 100:
            raise CommandError("--workers and --days must be at least 1, --batch at least 100.")
        if now is not None and now.tzinfo is None:
            raise CommandError("--now needs an offset, e.g. 2026-11-29T20:00:00+08:00.")
        started = time.monotonic()

        def progress(*, desc, total, unit):
            return tqdm(desc=f"{desc:<16}", total=total, unit=f" {unit}", disable=quiet, file=sys.stderr,
                        dynamic_ncols=True)

        try:
            counts = generate(workers=workers, days=days, seed=seed, now=now, batch=batch, progress=progress,
                              log=(lambda line: None) if quiet else self.stderr.write)
        except DemoMissing as exc:
            raise CommandError(f"The demo data is missing ({exc}): run manage.py load_demo first.") from None
        for label, n in counts.items():
            self.stdout.write(f"{label:<32} {n:>12,}")
        self.stdout.write(self.style.SUCCESS(
            f"Generated {workers:,} workers over {days} days in {time.monotonic() - started:.0f} s "
            f"({sum(counts.values()):,} rows)."))
