"""Auto-fill through the API: applicants and opted-in nearby workers, headcounts and clashes kept."""

import datetime

import pytest

from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

pytestmark = pytest.mark.django_db


def test_autofill_fills_from_applicants_and_available_workers(employer, make_user, client_for):
    boss, _u, _o = employer
    body = gig_payload()
    start = datetime.datetime.fromisoformat(body["shifts"][0]["start"])
    body["shifts"] = [
        {"start": start.isoformat(), "end": (start + datetime.timedelta(hours=4)).isoformat(), "headcount": 2},
        {"start": (start + datetime.timedelta(days=1)).isoformat(),
         "end": (start + datetime.timedelta(days=1, hours=4)).isoformat(), "headcount": 2},
    ]
    gig = boss.post("/api/v1/gigs", body).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    first, second = (s["id"] for s in gig["shifts"])

    applicant = client_for(make_user())
    applicant.post(f"/api/v1/shifts/{first}/applications")
    # Three workers nearby who opted in; one far away; one nearby who did not opt in.
    near_ok = []
    for i in range(3):
        c = client_for(make_user())
        c.put("/api/v1/me/profile", {"skills": ["保洁"], "available_for_autofill": True,
                                     "saved_place": {"lat": GIG_POINT[0] + 0.002 * i, "lon": GIG_POINT[1]}})
        near_ok.append(c)
    far = client_for(make_user())
    far.put("/api/v1/me/profile", {"available_for_autofill": True, "saved_place": {"lat": 31.9, "lon": 121.5}})
    shy = client_for(make_user())
    shy.put("/api/v1/me/profile", {"saved_place": {"lat": GIG_POINT[0], "lon": GIG_POINT[1]}})

    r = boss.post(f"/api/v1/gigs/{gig['id']}/autofill")
    assert r.status_code == 200, r.content
    assert r.json()["filled"] == 4
    for shift_id in (first, second):
        assert Shift.objects.get(pk=shift_id).taken == 2
    held = Application.objects.filter(status="accepted")
    assert held.count() == 4
    assert len(set(held.values_list("worker_id", flat=True))) == 4  # one new shift per worker
    # The applicant got the shift they applied for; nobody far or not opted in was booked.
    assert applicant.get("/api/v1/me/applications").json()["items"][0]["status"] == "accepted"
    assert far.get("/api/v1/me/applications").json()["count"] == 0
    assert shy.get("/api/v1/me/applications").json()["count"] == 0
    # Nothing left to fill: a second run changes nothing.
    assert boss.post(f"/api/v1/gigs/{gig['id']}/autofill").json()["filled"] == 0
