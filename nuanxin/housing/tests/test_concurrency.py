"""100 people ask at once for 20 beds over overlapping nights: no bed-night is ever given
twice, nobody is waitlisted while a bed was free for all their nights, and the bed-night rows
are exactly what the stays say. Threads on every backend; on PostgreSQL also 10 separate
processes with 10 threads each. A planted check-then-act allocator (look for a free bed,
then write it) fails the same check, so the check can fail.

Forfeits run by two workers at once free each stay's nights once."""

import datetime
import os
import random
import threading

import pytest
from django.db import connection, connections

from nuanxin.accounts import services as accounts
from nuanxin.bookings.tests import crowd
from nuanxin.housing import services
from nuanxin.housing.choices import Status
from nuanxin.housing.models import Application, Bed, BedNight
from nuanxin.housing.tests.checks import double_bookings, rows_match_stays
from nuanxin.housing.tests.factories import add_unit

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE, BEDS = 100, 20
ROUNDS = int(os.environ.get("NUANXIN_CROWD_REPEATS", "3"))  # `make soak` runs 50
DAY = datetime.timedelta(days=1)


@pytest.fixture
def people(newcomer):
    users = [newcomer() for _ in range(PEOPLE)]
    return [(u, accounts.token_issue(user=u)) for u in users]


def _asks(people, residence, seed):
    """Each person: first night today..today+3, 1..4 nights: heavy overlap, all short stays."""
    rng = random.Random(seed)
    today = services.today()
    return [(token, "POST", "/api/v1/housing/applications",
             {"check_in": str(today + rng.randrange(4) * DAY), "nights": rng.randint(1, 4), "sex": "male",
              "residence_id": residence.pk}) for _u, token in people]


def _free_for_all(app) -> bool:
    """Was some men's bed free on every one of this waitlisted person's nights (at the end)?"""
    last = app.check_in + (app.nights - 1) * DAY
    busy = BedNight.objects.filter(night__gte=app.check_in, night__lte=last).values("bed_id")
    return Bed.objects.filter(unit__residence_id=app.residence_id, unit__kind="men").exclude(pk__in=busy).exists()


def _check_round(run, people, make_residence, n):
    home = make_residence(men=0, women=0, family_units=0)
    for _i in range(BEDS // 4):
        add_unit(home, "men", 4)
    results = run(_asks(people, home, n))
    assert all(r is not None for r in results)
    statuses = {s for _code, s in results}
    assert {c for c, _s in results} == {201}, results
    assert statuses <= {"allocated", "waitlisted"}, results
    assert double_bookings([home.pk]) == []
    assert rows_match_stays([home.pk])
    allocated = Application.objects.filter(residence=home, status=Status.ALLOCATED)
    assert allocated.count() == results.count((201, "allocated")) >= BEDS  # each bed serves night 1 at least
    for app in Application.objects.filter(residence=home, status=Status.WAITLISTED):
        assert not _free_for_all(app), f"waitlisted #{app.pk} while a bed was free for all its nights"
    # Everyone cancels: the next round starts clean (one open application per person).
    Application.objects.filter(residence=home).update(status=Status.CANCELLED)
    BedNight.objects.filter(bed__unit__residence=home).delete()


def test_threads_never_give_a_bed_night_twice(people, make_residence):
    for n in range(ROUNDS):
        _check_round(crowd.run_threads, people, make_residence, n)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="separate processes: the PostgreSQL run")
def test_processes_never_give_a_bed_night_twice(people, make_residence):
    pool = crowd.ProcessCrowd(10, connection.settings_dict["NAME"])
    try:
        for n in range(ROUNDS):
            _check_round(pool.run, people, make_residence, n)
    finally:
        pool.close()


def test_a_check_then_act_allocator_fails_the_same_check(newcomer, make_residence):
    """The planted bug: look for a bed free on those nights, then write the stay, with no
    unique row per bed-night. Everyone looks before anyone writes (as happens under load), so
    they all pick the same bed, and the check sees it."""
    home = make_residence(men=2, women=0, family_units=0)
    guests = [newcomer() for _ in range(5)]
    today = services.today()
    barrier = threading.Barrier(len(guests))

    def naive(user):
        try:
            busy = BedNight.objects.filter(night=today).values("bed_id")
            bed = Bed.objects.filter(unit__residence=home).exclude(pk__in=busy).order_by("pk").first()
            barrier.wait(timeout=30)
            Application.objects.create(applicant=user, residence=home, check_in=today, nights=1, sex="male",
                                       status=Status.ALLOCATED, bed=bed, unit=bed.unit)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=naive, args=(g,)) for g in guests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Application.objects.filter(residence=home).count() == len(guests)
    assert double_bookings([home.pk]) != []


def test_two_workers_forfeit_each_stay_once(newcomer, make_residence):
    """Stays not checked in on their first day: two workers sweep at the same moment; each
    stay is forfeited once (one history row, one message) and its nights freed once, and a
    waiting person gets the freed bed once."""
    home = make_residence(men=3, women=0, family_units=0)
    today = services.today()
    stays = [services.apply(by=newcomer(), check_in=today, nights=2, sex="male", residence_id=home.pk,
                            looking_for_work=True) for _ in range(3)]
    waiting = services.apply(by=newcomer(), check_in=today + DAY, nights=1, sex="male", residence_id=home.pk,
                             looking_for_work=True)
    assert [s.status for s in stays] == ["allocated"] * 3 and waiting.status == "waitlisted"
    tomorrow = datetime.datetime.combine(today + DAY, datetime.time(9), tzinfo=services.dates.local_tz())
    barrier = threading.Barrier(2)
    counts = []

    def sweep():
        try:
            barrier.wait(timeout=30)
            counts.append(services.forfeit_due(now=tomorrow))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=60)
    assert sum(counts) == 3, counts
    for s in stays:
        s.refresh_from_db()
        assert s.status == "forfeited"
        assert s.history.filter(to_status="forfeited").count() == 1
        assert not BedNight.objects.filter(application=s).exists()
    from nuanxin.accounts.models import InboxMessage

    assert InboxMessage.objects.filter(kind="housing.forfeited").count() == 3
    waiting.refresh_from_db()
    assert waiting.status == "allocated"
    assert BedNight.objects.filter(application=waiting).count() == 1
    assert double_bookings([home.pk]) == []
