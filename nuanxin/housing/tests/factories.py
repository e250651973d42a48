"""Fixtures for housing: a residence with men's, women's and family rooms, verified newcomers."""

import datetime
import itertools

import pytest

from nuanxin.bookings.tests.factories import verify_worker
from nuanxin.housing import services
from nuanxin.housing.models import Bed, Residence, Unit

_n = itertools.count(1)


def add_unit(residence, kind: str, beds: int, *, accessible: int = 0) -> Unit:
    unit = Unit.objects.create(residence=residence, label=f"{kind[0].upper()}{next(_n):03d}", kind=kind)
    Bed.objects.bulk_create(Bed(unit=unit, label=str(i + 1), accessible=i < accessible) for i in range(beds))
    return unit


@pytest.fixture
def make_residence(make_place):
    def make(*, men=4, women=2, family_units=1, family_beds=4, town="yushan", lat=31.38, lon=120.98,
             managers=(), **extra):
        place = make_place(kind="residence", town=town, lat=lat, lon=lon, name=f"暖新居所{next(_n)}号")
        place.managers.add(*managers)
        residence = Residence.objects.create(place=place, house_rules="22:00后保持安静。", **extra)
        if men:
            add_unit(residence, "men", men, accessible=1)
        if women:
            add_unit(residence, "women", women)
        for _i in range(family_units):
            add_unit(residence, "family", family_beds)
        return residence

    return make


@pytest.fixture
def newcomer(make_user):
    """A verified worker who arrived in Kunshan three days ago and is looking for work."""
    from nuanxin.accounts.models import WorkerProfile

    def make(**user_kwargs):
        user = verify_worker(make_user("worker", **user_kwargs))
        WorkerProfile.objects.filter(user=user).update(
            arrived_on=services.today() - datetime.timedelta(days=3))
        return user

    return make
