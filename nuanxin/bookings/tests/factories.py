"""Fixtures for bookings: an organiser with a place, verified workers, sessions in any mode."""

import datetime
import itertools

import pytest
from django.utils import timezone

from nuanxin.core import crypto
from nuanxin.core.masking import mask_id_number
from nuanxin.core.validators import id_number_check_char

_serial = itertools.count(1)
HOUR = datetime.timedelta(hours=1)


def id_number() -> str:
    first17 = f"320583199003{next(_serial):05d}"
    return first17 + id_number_check_char(first17)


def verify_worker(user):
    """A real-name verified worker: an ID number on the profile (written directly: fast)."""
    from nuanxin.accounts.models import WorkerProfile

    number = id_number()
    WorkerProfile.objects.update_or_create(user=user, defaults={
        "id_number": number, "id_number_hash": crypto.lookup_hash(number),
        "id_number_masked": mask_id_number(number)})
    return user


@pytest.fixture
def worker(make_user):
    def make():
        return verify_worker(make_user("worker"))
    return make


@pytest.fixture
def organiser(make_user, make_place, client_for):
    """(API client, user, place) for an organiser who runs offerings at one place."""
    user = make_user("organiser", username=f"org{next(_serial)}")
    place = make_place(kind="school", name="昆山青年夜校(玉山)")
    return client_for(user), user, place


@pytest.fixture
def offering(organiser):
    """Make an offering through the API; returns its JSON."""
    client, _user, place = organiser

    def make(*, mode="fcfs", kind="night_school", **extra):
        r = client.post("/api/v1/offerings", {"kind": kind, "title": "咖啡师技能", "mode": mode,
                                              "place_id": place.pk, **extra})
        assert r.status_code == 201, r.content
        return r.json()

    return make


def session_body(*, capacity=30, starts_in=48 * HOUR, open_for=24 * HOUR, opened_ago=HOUR, **extra):
    now = timezone.now()
    start = now + starts_in
    return {"start": start.isoformat(), "end": (start + 2 * HOUR).isoformat(), "capacity": capacity,
            "opens_at": (now - opened_ago).isoformat(), "closes_at": (now - opened_ago + open_for).isoformat(),
            **extra}


@pytest.fixture
def session(organiser, offering):
    """Make an offering and one session through the API; returns the session JSON."""
    client, _user, _place = organiser

    def make(*, mode="fcfs", kind="night_school", offering_extra=None, **extra):
        o = offering(mode=mode, kind=kind, **(offering_extra or {}))
        r = client.post(f"/api/v1/offerings/{o['id']}/sessions", session_body(**extra))
        assert r.status_code == 201, r.content
        return r.json()

    return make
