"""Synthetic activity for a city's year (`manage.py generate`): N workers and what they did over
the last days, written in bulk, for the dashboard and for work at scale.

It adds to a database that holds the Kunshan demo (`manage.py load_demo`): the demo's places,
staff, offerings and residences are where the activity happens. Each part is a module named
for the app it fills; every part draws from its own seeded random stream, so the same seed
gives the same rows (ids aside) from the same starting database. Running it again adds
another N workers with their own activity, next to the first."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from nuanxin.accounts.models import User
from nuanxin.bookings.models import Offering
from nuanxin.demo.generate import accounts, bookings, cases, gigs, grants, housing, jobs, places
from nuanxin.demo.generate.base import Context, explicit_timestamps
from nuanxin.demo.generate.ledger import Book
from nuanxin.housing.models import Residence
from nuanxin.places.models import Place

STAFF = ("admin", "advisor", "manager", "hospital", "organiser", "rescue", "legal")


class DemoMissing(Exception):
    pass


def missing_demo() -> list[str]:
    """What of the demo the generator stands on is not in the database."""
    missing = [f"staff account “{u}”" for u in STAFF if not User.objects.filter(username=u).exists()]
    if not Place.objects.filter(kind="warm_station", status="open").exists():
        missing.append("open warm stations")
    for kind in ("health_check", "first_aid", "night_school"):
        if not Offering.objects.filter(kind=kind).exists():
            missing.append(f"a {kind} offering")
    if not Residence.objects.exists():
        missing.append("warm residences")
    return missing


def generate(*, workers: int, days: int = 365, seed: int = 1, now: datetime.datetime | None = None,
             progress: Callable[..., object], batch: int = 5000,
             log: Callable[[str], None] = lambda line: None) -> dict[str, int]:
    """Generate and write everything; returns the rows written per model (app_label.Model)."""
    from django.utils import timezone

    missing = missing_demo()
    if missing:
        raise DemoMissing(", ".join(missing))
    ctx = Context(workers=workers, days=days, seed=seed, now=now or timezone.now(), progress=progress, batch=batch,
                  run=accounts.first_worker_phone())
    staff = {u.username: u for u in User.objects.filter(username__in=STAFF)}
    staff_ids = {name: u.pk for name, u in staff.items()}
    with explicit_timestamps():
        book = Book(ctx)
        clock = time.monotonic()

        def done(part: str) -> None:
            nonlocal clock
            log(f"{part}: {time.monotonic() - clock:.1f} s")
            clock = time.monotonic()

        people = accounts.make_workers(ctx)
        employers = accounts.make_employers(ctx, max(5, workers // 400), verified_by=staff["advisor"])
        done("workers and employers")
        places.make_visits(ctx, people)
        done("station visits")
        gigs.GigMaker(ctx, people, employers, book).run()
        done("gigs and wages")
        bookings.BookingMaker(ctx, people, staff_ids).run()
        done("bookings")
        fundable = cases.make_cases(ctx, people, staff_ids)
        done("cases")
        grants.make_grants(ctx, fundable, approver=staff["admin"], tag=ctx.run, book=book)
        done("grants")
        housing.StayMaker(ctx, people, staff_ids).run()
        done("housing")
        jobs.JobMaker(ctx, people, employers, staff_ids).run()
        done("jobs")
    return dict(sorted(ctx.counts.items()))
