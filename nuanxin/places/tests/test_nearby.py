"""The nearest-places answer equals a brute-force haversine scan, for random points and radii."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nuanxin.core.geo import haversine_m
from nuanxin.places.models import Place

pytestmark = pytest.mark.django_db

AMENITIES = ["charging", "wifi", "drinking_water"]


@pytest.fixture
def scattered(make_place):
    """300 places over Kunshan and beyond, some clustered, with random amenities and kinds."""
    rng = random.Random(7)
    places = []
    for i in range(300):
        if i % 3 == 0:  # a dense cluster around one station
            lat, lon = 31.26 + rng.gauss(0, 0.004), 120.99 + rng.gauss(0, 0.004)
        else:
            lat, lon = rng.uniform(30.8, 31.9), rng.uniform(120.4, 121.5)
        places.append(make_place(
            lat=lat, lon=lon, kind=rng.choice(["warm_station", "canteen"]),
            amenities=rng.sample(AMENITIES, rng.randint(0, 3)), is_24h=True,
        ))
    # A planned station is never listed.
    make_place(lat=31.26, lon=120.99, status="planned", is_24h=True)
    return places


def brute_force(lat, lon, radius_m, kind=None, amenities=()):
    rows = []
    for p in Place.objects.filter(status="open").prefetch_related("amenities"):
        if kind and p.kind != kind:
            continue
        if not set(amenities) <= {a.code for a in p.amenities.all()}:
            continue
        d = haversine_m(lat, lon, p.lat, p.lon)
        if radius_m is None or d <= radius_m:
            rows.append((d, p.pk))
    rows.sort()
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lat=st.floats(30.9, 31.8), lon=st.floats(120.5, 121.4),
    radius_km=st.one_of(st.none(), st.floats(0.05, 150)),
    kind=st.sampled_from([None, "warm_station", "canteen"]),
    amenities=st.lists(st.sampled_from(AMENITIES), max_size=2, unique=True),
    limit=st.integers(1, 400),
)
def test_api_equals_brute_force(api, scattered, lat, lon, radius_km, kind, amenities, limit):
    params = {"near": f"{lat},{lon}", "limit": limit}
    if radius_km is not None:
        params["radius_km"] = radius_km
    if kind:
        params["kind"] = kind
    if amenities:
        params["amenity"] = amenities
    r = api.get("/api/v1/places", params)
    assert r.status_code == 200, r.content
    body = r.json()
    expected = brute_force(lat, lon, None if radius_km is None else radius_km * 1000, kind, amenities)
    assert body["count"] == len(expected)
    got = [(item["distance_m"], item["id"]) for item in body["items"]]
    assert [pk for _, pk in got] == [pk for _, pk in expected[:limit]]
    assert [d for d, _ in got] == [round(d) for d, _ in expected[:limit]]


def test_offset_pages_through_the_same_order(api, scattered):
    first = api.get("/api/v1/places", {"near": "31.26,120.99", "limit": 10}).json()["items"]
    second = api.get("/api/v1/places", {"near": "31.26,120.99", "limit": 10, "offset": 10}).json()["items"]
    both = api.get("/api/v1/places", {"near": "31.26,120.99", "limit": 20}).json()["items"]
    assert [i["id"] for i in first + second] == [i["id"] for i in both]
