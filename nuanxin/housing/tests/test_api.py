"""The housing API through a real client: apply, allocate, check in and out, extend, cancel,
and who may see and do what."""

import datetime

import pytest

from nuanxin.housing import services
from nuanxin.housing.models import BedNight

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _apply(client, **body):
    body.setdefault("check_in", str(services.today()))
    body.setdefault("nights", 3)
    body.setdefault("sex", "male")
    body.setdefault("reason", "刚到昆山找工作")
    return client.post("/api/v1/housing/applications", body)


def test_a_short_stay_gets_a_bed_at_once_and_its_nights(make_residence, newcomer, client_for):
    home = make_residence()
    worker = newcomer()
    r = _apply(client_for(worker), residence_id=home.pk)
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["status"] == "allocated"
    assert body["bed"]["room"] and len(body["code"]) == 6
    assert body["check_out"] == str(services.today() + 3 * DAY)
    assert BedNight.objects.filter(application_id=body["id"]).count() == 3
    # The listing counts the bed as taken tonight.
    listing = client_for(worker).get("/api/v1/housing/residences", {"near": "31.38,120.98"}).json()
    row = next(i for i in listing["items"] if i["id"] == home.pk)
    assert (row["beds"], row["free_tonight"]) == (10, 9)
    # The history says who did what.
    detail = client_for(worker).get(f"/api/v1/housing/applications/{body['id']}").json()
    assert [h["status"] for h in detail["history"]] == ["allocated"]
    assert detail["history"][0]["by"] == "you"


def test_one_open_application_and_the_yearly_cap(make_residence, newcomer, client_for):
    make_residence()
    worker = newcomer()
    client = client_for(worker)
    first = _apply(client, nights=5).json()
    again = _apply(client, nights=2)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_applied"
    client.post(f"/api/v1/housing/applications/{first['id']}/cancel", {})
    # 14 free nights a year: the 5 cancelled ones were not used, so 15 do not fit and 14 do.
    over = _apply(client, nights=15, check_in=str(services.today() + DAY))
    assert over.status_code == 409 and over.json()["error"]["code"] == "cap_reached"
    assert "还剩 14 晚" in over.json()["error"]["fields"]["nights"]  # in words (zh-hans by default)
    fits = _apply(client, nights=14, check_in=str(services.today() + DAY))
    assert fits.status_code == 201 and fits.json()["status"] == "pending_review"  # longer than 7: review


def test_used_nights_count_against_the_cap(make_residence, newcomer, make_user, client_for):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    worker = newcomer()
    client = client_for(worker)
    stay = _apply(client, residence_id=home.pk, nights=7).json()
    client_for(manager).post(f"/api/v1/housing/applications/{stay['id']}/check-in", {})
    client_for(manager).post(f"/api/v1/housing/applications/{stay['id']}/extend", {"nights": 5, "note": "面试"})
    client_for(manager).post(f"/api/v1/housing/applications/{stay['id']}/check-out", {})
    # Checked out on the first day: one night used, so 13 are left.
    r = _apply(client, nights=14, check_in=str(services.today() + DAY))
    assert r.status_code == 409 and "还剩 13 晚" in r.json()["error"]["fields"]["nights"]


def test_long_stays_and_families_go_to_review_and_staff_allocate(make_residence, newcomer, make_user, client_for):
    home = make_residence()
    worker = newcomer()
    long_stay = _apply(client_for(worker), nights=10).json()
    assert long_stay["status"] == "pending_review"
    advisor = make_user("advisor")
    r = client_for(advisor).post(f"/api/v1/housing/applications/{long_stay['id']}/allocate", {})
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "allocated"
    assert r.json()["code"] is None  # the guest's code is theirs to show, not staff's to read
    assert BedNight.objects.filter(application_id=long_stay["id"]).count() == 10
    assert r.json()["residence_id"] == home.pk


def test_a_family_takes_a_whole_family_room(make_residence, newcomer, client_for, make_user):
    make_residence(family_units=1, family_beds=3)
    parent = newcomer()
    body = _apply(client_for(parent), sex=None, nights=2,
                  party=[{"relation": "spouse"}, {"relation": "child"}]).json()
    assert body["status"] == "pending_review" and body["party"]["people"] == 3
    advisor = make_user("advisor")
    r = client_for(advisor).post(f"/api/v1/housing/applications/{body['id']}/allocate", {}).json()
    assert r["status"] == "allocated" and r["bed"]["id"] is None and r["bed"]["room"]
    assert BedNight.objects.filter(application_id=body["id"]).count() == 3 * 2


def test_no_beds_is_a_409_and_the_waiting_list(make_residence, newcomer, client_for):
    home = make_residence(men=1, women=0, family_units=0)
    first, second = newcomer(), newcomer()
    assert _apply(client_for(first), residence_id=home.pk).json()["status"] == "allocated"
    assert _apply(client_for(second), residence_id=home.pk).json()["status"] == "waitlisted"


def test_check_in_check_out_and_cleaning(make_residence, newcomer, make_user, client_for):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    guest = newcomer()
    app = _apply(client_for(guest), residence_id=home.pk).json()
    r = client_for(manager).post("/api/v1/housing/check-ins", {"code": app["code"]})
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "checked_in"
    out = client_for(manager).post(f"/api/v1/housing/applications/{app['id']}/check-out", {}).json()
    assert out["status"] == "checked_out" and out["nights"] == 1
    # Later nights are free again; the bed waits for cleaning.
    assert BedNight.objects.filter(application_id=app["id"]).count() == 1


def test_extend_needs_a_note_and_a_free_bed(make_residence, newcomer, make_user, client_for):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager], men=1, women=0, family_units=0)
    guest = newcomer()
    app = _apply(client_for(guest), residence_id=home.pk, nights=2).json()
    url = f"/api/v1/housing/applications/{app['id']}/extend"
    assert client_for(manager).post(url, {"nights": 3, "note": ""}).status_code == 422
    r = client_for(manager).post(url, {"nights": 3, "note": "下周一入职"})
    assert r.status_code == 200, r.json()
    assert r.json()["nights"] == 5
    assert any("下周一入职" in h["note"] for h in r.json()["history"])


def test_nobody_sees_or_moves_anyone_elses_stay(make_residence, newcomer, make_user, client_for):
    home = make_residence()
    other_manager = make_user("station_manager")
    make_residence(managers=[other_manager])
    guest, stranger = newcomer(), newcomer()
    app = _apply(client_for(guest), residence_id=home.pk).json()
    for who in (stranger, other_manager):
        c = client_for(who)
        assert c.get(f"/api/v1/housing/applications/{app['id']}").status_code == 404
        assert c.post(f"/api/v1/housing/applications/{app['id']}/cancel", {}).status_code == 404
        assert c.post(f"/api/v1/housing/applications/{app['id']}/check-in", {}).status_code == 404
        assert c.post("/api/v1/housing/check-ins", {"code": app["code"]}).status_code == 404
    assert client_for(guest).get(f"/api/v1/housing/applications/{app['id']}").status_code == 200
