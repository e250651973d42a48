import datetime

import pytest
from django.utils import timezone

from nuanxin.core.dates import local_tz
from nuanxin.places.models import Visit

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [i["id"] for i in response.json()["items"]]


def test_every_amenity_asked_for_must_match(api, make_place):
    both = make_place(amenities=["charging", "wifi"])
    charging = make_place(amenities=["charging"])
    make_place(amenities=["wifi"])
    assert set(ids(api.get("/api/v1/places?amenity=charging"))) == {both.pk, charging.pk}
    assert ids(api.get("/api/v1/places?amenity=charging&amenity=wifi")) == [both.pk]


def test_kind_q_and_town_filters(api, make_place):
    station = make_place(name='千灯镇淞南社区暖"新"驿站', town="qiandeng")
    canteen = make_place(name="玉山定点食堂", kind="canteen")
    assert ids(api.get("/api/v1/places?kind=canteen")) == [canteen.pk]
    for q in ["淞南", "songnan", "驿站", "qiandeng"]:
        assert ids(api.get("/api/v1/places", {"q": q})) == [station.pk], q
    assert ids(api.get("/api/v1/places?town=qiandeng")) == [station.pk]


def test_open_now_filter_uses_current_shanghai_time(api, make_place):
    now = timezone.now().astimezone(local_tz())
    start = (now - datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (now + datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    open_place = make_place(hours=[(now.weekday(), start.isoformat(), end.isoformat()),
                                   ((now.weekday() - 1) % 7, start.isoformat(), end.isoformat())])
    make_place(hours=[((now.weekday() + 3) % 7, "08:00", "09:00")])
    r = api.get("/api/v1/places?open_now=true")
    assert ids(r) == [open_place.pk]
    assert r.json()["items"][0]["open_now"] is True


def test_planned_places_are_not_listed_but_can_be_looked_up(api, make_place):
    planned = make_place(status="planned")
    closed = make_place(status="closed")
    assert ids(api.get("/api/v1/places")) == []
    assert api.get(f"/api/v1/places/{planned.pk}").json()["status"] == "planned"
    assert api.get(f"/api/v1/places/{closed.pk}").status_code == 404


@pytest.mark.parametrize("query,field", [
    ("near=abc", "near"), ("near=91,120", "near"), ("near=31,181", "near"), ("near=nan,1", "near"),
    ("near=31.3,120.9&radius_km=-1", "radius_km"), ("near=31.3,120.9&radius_km=inf", "radius_km"),
    ("kind=castle", "kind"), ("amenity=sauna", "amenity"), ("limit=0", "limit"), ("limit=1001", "limit"),
    ("offset=-1", "offset"), ("open_now=maybe", "open_now"), ("town=beijing", "town"),
    ("limit=99999999999999999999999", "limit"),
])
def test_bad_queries_are_4xx_naming_the_field(api, query, field):
    r = api.get(f"/api/v1/places?{query}")
    assert r.status_code in (400, 422), (query, r.status_code)
    err = r.json()["error"]
    assert err["code"] == "validation_error" and field in err["fields"], err


@pytest.mark.parametrize("path", ["/api/v1/places/0", "/api/v1/places/99999999999999999999", "/api/v1/places/x"])
def test_bad_ids_are_4xx_in_the_error_shape(api, path):
    r = api.get(path)
    assert 400 <= r.status_code < 500
    assert set(r.json()["error"]) == {"code", "message", "fields"}


def test_nul_bytes_are_refused(api):
    r = api.get("/api/v1/places?q=%00")
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


def test_detail_has_hours_for_a_week_with_today_first(api, make_place):
    p = make_place(hours=[(d, "08:00", "20:00") for d in range(5)], phone="0512-57000000")
    body = api.get(f"/api/v1/places/{p.pk}").json()
    assert len(body["hours"]["week"]) == 7
    assert body["hours"]["week"][0]["date"] == timezone.now().astimezone(local_tz()).date().isoformat()
    labels = {d["weekday"]: d["label"] for d in body["hours"]["week"]}
    assert labels[1] == "08:00–20:00" and labels[7] != "08:00–20:00"


def test_visits_count_person_times_once_per_half_hour(make_user, client_for, make_place):
    station = make_place()
    worker = client_for(make_user("worker"))
    first = worker.post(f"/api/v1/places/{station.pk}/visits")
    assert first.status_code == 201 and first.json()["counted"] is True
    again = worker.post(f"/api/v1/places/{station.pk}/visits")
    assert again.status_code == 201 and again.json()["counted"] is False
    assert again.json()["id"] == first.json()["id"]
    client_for(make_user("worker")).post(f"/api/v1/places/{station.pk}/visits")
    assert Visit.objects.filter(place=station).count() == 2


def test_visits_need_a_worker_token_and_an_open_place(api, make_user, client_for, make_place):
    station = make_place()
    assert api.post(f"/api/v1/places/{station.pk}/visits").status_code == 401
    assert client_for(make_user("official", username="o1")).post(
        f"/api/v1/places/{station.pk}/visits").status_code == 403
    planned = make_place(status="planned")
    r = client_for(make_user()).post(f"/api/v1/places/{planned.pk}/visits")
    assert r.status_code == 409 and r.json()["error"]["code"] == "place_not_open"
    assert client_for(make_user()).post("/api/v1/places/987654/visits").status_code == 404


def test_exports(api, make_place):
    p = make_place(amenities=["charging"], hours=[(0, "08:00", "20:00")], lat=31.26, lon=120.99)
    make_place(status="planned")
    geo = api.get("/api/v1/places/export?format=geojson")
    assert geo.status_code == 200 and geo["Content-Type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert len(features) == 2
    mine = next(f for f in features if f["id"] == p.pk)
    assert mine["geometry"]["coordinates"] == [120.99, 31.26]  # lon, lat (RFC 7946)
    hsds = api.get("/api/v1/places/export?format=hsds").json()
    assert {"organizations", "services", "locations", "service_at_location", "schedules"} <= set(hsds)
    loc = next(x for x in hsds["locations"] if x["id"] == f"loc-{p.pk}")
    assert loc["latitude"] == 31.26
    assert any(s["byday"] == "MO" and s["opens_at"] == "08:00" for s in hsds["schedules"])
    assert api.get("/api/v1/places/export?format=kml").status_code == 422


def test_list_query_count_does_not_grow_with_results(api, make_place, django_assert_max_num_queries):
    for i in range(30):
        make_place(lat=31.38 + i * 0.001, amenities=["charging", "wifi"], hours=[(0, "08:00", "20:00")])
    with django_assert_max_num_queries(8):
        r = api.get("/api/v1/places?near=31.38,120.98&radius_km=10&limit=30")
    assert len(r.json()["items"]) == 30
