"""Shared fixtures: real clients, real databases, factories for the data each test needs."""

import datetime
import itertools
import os

import pytest
from django.core.cache import cache
from django.test import Client

from nuanxin.accounts import services as accounts
from nuanxin.accounts import sms
from nuanxin.places.models import Amenity, OpeningHours, Place

# The servers and workers the suite starts (test_two_servers, test_worker_process) are test
# runs too: the development secret key and unhashed static files are allowed there.
os.environ.setdefault("NUANXIN_TESTING", "1")

_phones = itertools.count(13700000000)
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolation(settings):
    settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.LocmemSmsBackend"
    # Map tiles from this machine only, and missing: tests never reach a tile server.
    settings.NUANXIN_MAP_TILES = "/static/no-tiles/{z}/{x}/{y}.png"
    settings.NUANXIN_AMAP_KEY = ""
    cache.clear()
    sms.outbox.clear()
    yield
    cache.clear()


class ApiClient(Client):
    """Django's test client speaking JSON, with an optional bearer token."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def _auth(self, extra):
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return extra

    def get(self, path, data=None, **extra):
        return super().get(path, data, **self._auth(extra))

    def post(self, path, data=None, **extra):
        return super().post(path, data or {}, content_type="application/json", **self._auth(extra))

    def put(self, path, data=None, **extra):
        return super().put(path, data or {}, content_type="application/json", **self._auth(extra))

    def delete(self, path, data=None, **extra):
        return super().delete(path, data, **self._auth(extra))


@pytest.fixture
def api():
    return ApiClient()


@pytest.fixture
def make_user(db):
    def make(*roles: str, phone: str | None = None, username: str | None = None, name: str = "",
             agreed: bool = True):
        if username is None and phone is None:
            phone = str(next(_phones))
        user = accounts.user_create(phone=phone, username=username, roles=roles or ("worker",),
                                    name=name, is_staff=bool(username))
        if agreed:  # as after the first sign-in's agreement step (accounts.middleware)
            accounts.agreements_accept_all(user=user)
        return user

    return make


@pytest.fixture
def client_for(db):
    """An API client signed in as the given user (token minted as issue_token does)."""

    def make(user):
        return ApiClient(token=accounts.token_issue(user=user))

    return make


@pytest.fixture
def make_place(db):
    def make(*, lat=31.38, lon=120.98, kind="warm_station", status="open", town="yushan",
             name=None, amenities=(), is_24h=False, hours=None, **extra):
        place = Place.objects.create(
            name=name or f"测试驿站{next(_names)}", kind=kind, status=status, town=town,
            address="前进路1号", lat=lat, lon=lon, is_24h=is_24h, **extra,
        )
        if amenities:
            place.amenities.set(Amenity.objects.filter(code__in=amenities))
        for day, opens, closes in hours or []:
            OpeningHours.objects.create(place=place, weekday=day,
                                        opens=datetime.time.fromisoformat(opens),
                                        closes=datetime.time.fromisoformat(closes))
        return place

    return make


def kid_id(born, serial: int = 1) -> str:
    """A well-formed ID number for a child born on `born` (a date or "YYYY-MM-DD")."""
    from nuanxin.core.validators import id_number_check_char

    born = datetime.date.fromisoformat(born) if isinstance(born, str) else born
    first17 = f"320583{born:%Y%m%d}{serial:03d}"
    return first17 + id_number_check_char(first17)
