"""Benchmark: enrolments per second under contention, against a raw conditional UPDATE.

A crowd of threads (each with its own database connection) enrols distinct verified workers
into the same session at once, through bookings.services.enroll: eligibility, one place
per person, the seat by conditional UPDATE or the waiting list, the enrolment row and the
inbox message. The baseline, in the same run on the same database with the same threads,
does only the seat: `UPDATE session SET taken = taken + 1 WHERE id = … AND taken < capacity`
and a bare INSERT of the enrolment, in a transaction. Half the crowd gets a seat, half the
waiting list. Both runs are checked for oversell.

    make bench            # or: .venv/bin/python bench/bookings.py --enrolments 2000 --threads 8
"""

import argparse
import datetime
import os
import tempfile
import threading
import time

from common import setup_env


def crowd(threads: int, jobs: list, work) -> float:
    """Run work(job) for every job from `threads` threads started together; seconds taken."""
    from django.db import connections

    barrier = threading.Barrier(threads + 1)
    chunks = [jobs[k::threads] for k in range(threads)]
    errors = []

    def run(chunk):
        try:
            barrier.wait()
            for job in chunk:
                work(job)
        except Exception as exc:  # noqa: BLE001 - reported below, the bench must not hide a failure
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for t in pool:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in pool:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolments", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    # Each thread keeps one pooled connection (PostgreSQL): the pool must hold them all.
    os.environ["NUANXIN_DB_POOL_MAX"] = str(args.threads + 2)
    with tempfile.TemporaryDirectory() as tmp:
        setup_env(tmp)
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group
        from django.core.management import call_command
        from django.db import connection, transaction
        from django.utils import timezone

        from nuanxin.accounts.models import User, WorkerProfile
        from nuanxin.bookings import services
        from nuanxin.bookings.models import Enrollment, Offering, Session
        from nuanxin.places.models import Place

        settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.LocmemSmsBackend"
        call_command("migrate", verbosity=0)
        n, run = args.enrolments, time.time_ns()  # a bench database may be reused: this run's rows only
        User.objects.bulk_create(User(username=f"b{run}-{i}", password=make_password(None)) for i in range(n))
        users = list(User.objects.filter(username__startswith=f"b{run}-"))
        worker = Group.objects.get_or_create(name="worker")[0]
        User.groups.through.objects.bulk_create(User.groups.through(user_id=u.pk, group_id=worker.pk) for u in users)
        WorkerProfile.objects.bulk_create(WorkerProfile(user=u, id_number_hash=f"{run}-{u.pk}") for u in users)
        place = Place.objects.create(name="bench school", kind="school", town="yushan", address="x", lat=31.38, lon=120.98)
        now = timezone.now()

        def new_session() -> Session:
            o = Offering.objects.create(kind="night_school", title=f"bench {time.time_ns()}", place=place)
            return Session.objects.create(offering=o, start=now + datetime.timedelta(days=2),
                                          end=now + datetime.timedelta(days=2, hours=2), capacity=n // 2,
                                          opens_at=now - datetime.timedelta(hours=1),
                                          closes_at=now + datetime.timedelta(days=1))

        s = new_session()
        t_service = crowd(args.threads, users, lambda u: services.enroll(session_id=s.pk, user=u))
        s.refresh_from_db()
        confirmed = Enrollment.objects.filter(session=s, status="confirmed").count()
        ok_service = s.taken == confirmed == n // 2

        raw = new_session()
        table, etable = Session._meta.db_table, Enrollment._meta.db_table

        def raw_enrol(u):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(f"UPDATE {table} SET taken = taken + 1 WHERE id = %s AND taken < capacity", [raw.pk])  # noqa: S608
                status = "confirmed" if cur.rowcount == 1 else "waitlisted"
                cur.execute(f"INSERT INTO {etable} (session_id, offering_id, user_id, person, status, created_at, "  # noqa: S608
                            "appeal_text, appeal_status) VALUES (%s, %s, %s, %s, %s, %s, '', '')",
                            [raw.pk, raw.offering_id, u.pk, f"u{u.pk}", status, timezone.now()])

        t_raw = crowd(args.threads, users, raw_enrol)
        raw.refresh_from_db()
        ok_raw = raw.taken == Enrollment.objects.filter(session=raw, status="confirmed").count() == n // 2
        print(f"Enrolments under contention on {connection.vendor}: {n} people, {args.threads} threads, "
              f"one session of {n // 2} places")
        print(f"  bookings.services.enroll (checks, seat, waitlist, inbox): {n / t_service:8.0f} enrolments/s")
        print(f"  raw conditional UPDATE + INSERT, no checks:               {n / t_raw:8.0f} enrolments/s")
        print(f"  RATIO service/raw = {t_raw / t_service:.2f}")
        print(f"  no oversell: service {'ok' if ok_service else 'FAILED'}, raw {'ok' if ok_raw else 'FAILED'}")


if __name__ == "__main__":
    main()
