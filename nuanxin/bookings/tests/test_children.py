"""Issue 16, finding 5: one record per real child (by the child's ID number), linked to their
guardians, and an offering's cap on places per family: a parent held 10 of 40 summer places
through invented and repeated children."""

import pytest
from django.db import connection

from nuanxin.accounts.models import Child
from nuanxin.bookings.models import Enrollment
from nuanxin.conftest import kid_id

pytestmark = pytest.mark.django_db


def add(api, name: str, born: str, number: str):
    return api.post("/api/v1/me/children", {"name": name, "birth_date": born, "grade": "g3", "id_number": number})


def enroll(api, session_id: int, child_id: int):
    return api.post(f"/api/v1/sessions/{session_id}/enrollments", {"child_id": child_id})


def test_one_record_per_child_and_no_one_elses_child(worker, client_for):
    parent = client_for(worker())
    first = add(parent, "李小雨", "2017-05-01", kid_id("2017-05-01"))
    assert first.status_code == 201 and first.json()["id_number_masked"].startswith("3205")
    again = add(parent, "李小雨", "2017-05-01", kid_id("2017-05-01"))
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    # Someone else who knows the child's number does not get the child.
    stranger = add(client_for(worker()), "李小雨", "2017-05-01", kid_id("2017-05-01"))
    assert stranger.status_code == 409 and stranger.json()["error"]["code"] == "child_registered"
    assert Child.objects.count() == 1
    # Made-up numbers and a birth date that is not the number's are refused.
    bad = add(parent, "王小华", "2017-05-02", kid_id("2017-05-02")[:-1] + "0")
    assert bad.status_code == 422 and "id_number" in bad.json()["error"]["fields"]
    other_day = add(parent, "王小华", "2017-06-02", kid_id("2017-05-02"))
    assert other_day.status_code == 422 and "birth_date" in other_day.json()["error"]["fields"]
    assert Child.objects.count() == 1
    with connection.cursor() as cur:  # encrypted at rest
        cur.execute("SELECT id_number, name FROM accounts_child")
        raw = str(cur.fetchall())
    assert kid_id("2017-05-01") not in raw and "李小雨" not in raw


def test_an_offering_caps_places_per_family(session, worker, client_for):
    s1 = session(kind="summer_care", offering_extra={"title": "暑托班 书法", "per_family_limit": 2})
    parent = worker()
    p = client_for(parent)
    kids = [add(p, f"张小{n}", "2016-03-0" + str(n), kid_id(f"2016-03-0{n}")).json()["id"] for n in (1, 2, 3)]
    for kid in kids:
        assert p.post(f"/api/v1/me/children/{kid}/consent", {"agree": True}).status_code == 201
    assert enroll(p, s1["id"], kids[0]).status_code == 201
    assert enroll(p, s1["id"], kids[1]).status_code == 201
    third = enroll(p, s1["id"], kids[2])
    assert third.status_code == 409 and third.json()["error"]["code"] == "family_limit"
    assert Enrollment.objects.count() == 2
    # A second guardian (added by staff) is the same family: the cap holds for them too.
    mother = worker()
    Child.objects.get(pk=kids[2]).guardians.add(mother)
    m = client_for(mother)
    assert [c["id"] for c in m.get("/api/v1/me/children").json()] == [kids[2]]
    assert m.post(f"/api/v1/me/children/{kids[2]}/consent", {"agree": True}).status_code == 201
    r = enroll(m, s1["id"], kids[2])
    assert r.status_code == 409 and r.json()["error"]["code"] == "family_limit"
