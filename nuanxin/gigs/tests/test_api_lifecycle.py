"""The whole life of a gig through the API with a real client (issue acceptance)."""

import pytest

from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

pytestmark = pytest.mark.django_db


def test_post_find_apply_work_confirm_rate(employer, make_user, client_for):
    boss, _user, _org = employer
    draft = boss.post("/api/v1/gigs", gig_payload())
    assert draft.status_code == 201 and draft.json()["status"] == "draft"
    gig_id = draft.json()["id"]
    shift_id = draft.json()["shifts"][0]["id"]
    published = boss.post(f"/api/v1/gigs/{gig_id}/publish")
    assert published.status_code == 200 and published.json()["status"] == "open"

    worker_user = make_user("worker", name="李娜")
    worker = client_for(worker_user)
    for q in ["保洁", "baojie", "bj"]:
        found = worker.get("/api/v1/gigs", {"q": q, "near": f"{GIG_POINT[0]},{GIG_POINT[1]}"}).json()
        assert [g["id"] for g in found["items"]] == [gig_id], q
    assert worker.get("/api/v1/gigs", {"q": "搬家"}).json()["count"] == 0

    applied = worker.post(f"/api/v1/shifts/{shift_id}/applications")
    assert applied.status_code == 201 and applied.json()["status"] == "pending"
    app_id = applied.json()["id"]
    again = worker.post(f"/api/v1/shifts/{shift_id}/applications")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_applied"

    accepted = boss.post(f"/api/v1/applications/{app_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["worker_name"] == "李娜"

    far = worker.post(f"/api/v1/applications/{app_id}/check-in", {"lat": GIG_POINT[0] + 0.01, "lon": GIG_POINT[1]})
    assert far.status_code == 409 and far.json()["error"]["code"] == "outside_geofence"
    inside = worker.post(f"/api/v1/applications/{app_id}/check-in",
                         {"lat": GIG_POINT[0] + 0.001, "lon": GIG_POINT[1], "accuracy_m": 30})
    assert inside.status_code == 200 and inside.json()["status"] == "checked_in"
    assert inside.json()["checkin_method"] == "gps"

    out = worker.post(f"/api/v1/applications/{app_id}/check-out", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    assert out.status_code == 200 and out.json()["status"] == "checked_out"

    confirmed = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 4})
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "completed"
    assert confirmed.json()["worked_minutes"] == 240

    assert worker.post(f"/api/v1/applications/{app_id}/rating", {"score": 5, "comment": "老板很好"}).status_code == 201
    # Hidden until both sides have rated.
    assert boss.get(f"/api/v1/applications/{app_id}").json()["ratings"] == []
    assert worker.post(f"/api/v1/applications/{app_id}/rating", {"score": 1}).status_code == 409
    assert boss.post(f"/api/v1/applications/{app_id}/rating", {"score": 4, "comment": "准时"}).status_code == 201
    ratings = worker.get(f"/api/v1/applications/{app_id}").json()["ratings"]
    assert sorted((r["side"], r["score"]) for r in ratings) == [("employer", 4), ("worker", 5)]
    mine = worker.get("/api/v1/me/applications").json()
    assert [a["status"] for a in mine["items"]] == ["completed"]


def test_code_check_in_when_gps_fails(posted, make_user, client_for):
    from nuanxin.gigs.models import Shift

    boss, gig = posted
    worker = client_for(make_user())
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    wrong = worker.post(f"/api/v1/applications/{app_id}/check-in", {"code": "000000x"})
    assert wrong.status_code == 409
    code = Shift.objects.get(pk=gig["shifts"][0]["id"]).checkin_code
    ok = worker.post(f"/api/v1/applications/{app_id}/check-in", {"code": code})
    assert ok.status_code == 200 and ok.json()["checkin_method"] == "code"


def test_unverified_employers_can_neither_post_nor_deposit(make_user, client_for):
    """A pending claim may be a squatter's (issue 10, hole 7): nothing happens before staff verify."""
    c = client_for(make_user())
    c.post("/api/v1/employers", {"name": "新公司", "uscc": "91110000600037341L", "contact_name": "王",
                                 "contact_phone": "13900000002"})
    draft = c.post("/api/v1/gigs", gig_payload())
    assert draft.status_code == 403 and draft.json()["error"]["code"] == "employer_not_verified"
    deposit = c.post("/api/v1/wallet/deposits", {"amount_fen": 100_000, "idempotency_key": "k1"})
    assert deposit.status_code == 403 and deposit.json()["error"]["code"] == "employer_not_verified"
    from nuanxin.wages.models import Deposit

    assert not Deposit.objects.exists()


@pytest.mark.parametrize("text,code", [
    ("入职需交押金200元", "posting_refused"), ("限男性，35岁以下", "posting_refused"), ("只要本地人", "posting_refused"),
])
def test_scams_and_discrimination_are_refused(employer, text, code):
    c, _user, _org = employer
    r = c.post("/api/v1/gigs", gig_payload(description=text))
    assert r.status_code == 422 and r.json()["error"]["code"] == code
    assert "description" in r.json()["error"]["fields"]


@pytest.mark.parametrize("mutate,field", [
    (lambda b: b["shifts"][0].update(end=b["shifts"][0]["start"]), "shifts.0.end"),
    (lambda b: b["shifts"][0].update(headcount=0), "shifts.0.headcount"),
    (lambda b: b.update(pay_fen=-100), "pay_fen"),
    (lambda b: b.update(category="astronaut"), "category"),
    (lambda b: b.update(lat=91), "lat"),
    (lambda b: b.update(shifts=[]), "shifts"),
    (lambda b: b["shifts"][0].update(start="2026-12-01T09:00:00"), "shifts.0.start"),  # no offset
])
def test_bad_postings_are_4xx_naming_the_field(employer, mutate, field):
    c, _user, _org = employer
    body = gig_payload()
    mutate(body)
    r = c.post("/api/v1/gigs", body)
    assert r.status_code in (400, 422), r.content
    assert field in r.json()["error"]["fields"], r.json()


def test_another_employers_gig_is_not_found(posted, make_user, client_for):
    from nuanxin.accounts.models import Employer

    _boss, gig = posted
    other_user = make_user()
    other = Employer.objects.create(name="别家", uscc="91350100M000100Y43", contact_name="x",
                                    contact_phone="13900000003", status="verified")
    other.contacts.add(other_user)
    c = client_for(other_user)
    assert c.post(f"/api/v1/gigs/{gig['id']}/close").status_code == 404
    assert c.post(f"/api/v1/gigs/{gig['id']}/autofill").status_code == 404
    assert c.get(f"/api/v1/gigs/{gig['id']}/applications").json()["count"] == 0


def test_time_conflicts_and_full_shifts(employer, make_user, client_for):
    boss, _u, _o = employer
    a = boss.post("/api/v1/gigs", gig_payload(instant=True)).json()
    b = boss.post("/api/v1/gigs", gig_payload(title="搬家帮手", category="moving", instant=True)).json()
    for g in (a, b):
        boss.post(f"/api/v1/gigs/{g['id']}/publish")
    worker = client_for(make_user())
    assert worker.post(f"/api/v1/shifts/{a['shifts'][0]['id']}/applications").json()["status"] == "accepted"
    clash = worker.post(f"/api/v1/shifts/{b['shifts'][0]['id']}/applications")
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "time_conflict"
    client_for(make_user()).post(f"/api/v1/shifts/{a['shifts'][0]['id']}/applications")
    full = client_for(make_user()).post(f"/api/v1/shifts/{a['shifts'][0]['id']}/applications")
    assert full.status_code == 409 and full.json()["error"]["code"] == "shift_full"


def test_late_cancel_leaves_a_record_the_worker_sees_and_can_appeal(posted, make_user, client_for):
    boss, gig = posted
    worker = client_for(make_user())
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/cancel", {"reason": "孩子生病"})
    records = worker.get("/api/v1/me/reliability").json()["items"]
    assert len(records) == 1 and records[0]["kind"] == "late_cancel" and records[0]["reason"] == "孩子生病"
    r = worker.post(f"/api/v1/reliability/{records[0]['id']}/appeal", {"text": "孩子发烧去医院，有病历"})
    assert r.status_code == 200 and r.json()["status"] == "pending"


def test_late_employer_cancel_records_a_fee(posted, make_user, client_for):
    from nuanxin.gigs.models import CancellationFee

    boss, gig = posted
    worker = client_for(make_user())
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    assert boss.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/cancel").status_code == 200
    fee = CancellationFee.objects.get()
    assert fee.amount_fen == max(2000, 3000 * 4 // 5)
    assert worker.get(f"/api/v1/applications/{app_id}").json()["status"] == "cancelled"


def test_reports_and_blocking_close_every_gig_of_the_employer(posted, make_user, client_for):
    boss, gig = posted
    worker = client_for(make_user())
    r = worker.post(f"/api/v1/gigs/{gig['id']}/reports", {"reason": "fee", "detail": "电话里要我先交200元"})
    assert r.status_code == 201
    assert worker.post(f"/api/v1/gigs/{gig['id']}/reports", {"reason": "fee"}).status_code == 409
    assert worker.get("/api/v1/reports").status_code == 403
    advisor = client_for(make_user("advisor", username="adv1"))
    queue = advisor.get("/api/v1/reports").json()
    assert queue["count"] == 1
    assert advisor.post(f"/api/v1/reports/{r.json()['id']}/review", {"block": True}).json()["status"] == "actioned"
    assert worker.get(f"/api/v1/gigs/{gig['id']}").status_code == 404
    assert boss.post("/api/v1/gigs", gig_payload()).json()["error"]["code"] == "employer_blocked"


def test_assisted_mode_is_recorded(posted, make_user, client_for):
    from nuanxin.core.models import AuditEntry
    from nuanxin.gigs.models import Application

    _boss, gig = posted
    make_user("worker", phone="13611112222")
    advisor = client_for(make_user("advisor", username="window1"))
    r = advisor.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications", {"worker_phone": "13611112222"})
    assert r.status_code == 201
    app = Application.objects.get(pk=r.json()["id"])
    assert app.worker.phone == "13611112222" and app.applied_by.username == "window1"
    assert AuditEntry.objects.filter(action="gig.apply_assisted").exists()
    # A worker cannot apply on someone else's behalf.
    worker = client_for(make_user())
    assert worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications",
                       {"worker_phone": "13611112222"}).status_code == 403


def test_recommended_gives_reasons(posted, make_user, client_for):
    worker_user = make_user()
    worker = client_for(worker_user)
    worker.put("/api/v1/me/profile", {"skills": ["保洁"], "saved_place": {"lat": GIG_POINT[0], "lon": GIG_POINT[1] + 0.01}})
    items = worker.get("/api/v1/gigs/recommended").json()["items"]
    assert len(items) == 1 and items[0]["reasons"]
    assert any("公里" in r or "km" in r for r in items[0]["reasons"])


def test_dispute_opens_a_rights_case_through_the_cases_service(posted, make_user, client_for):
    from nuanxin.cases.models import Case
    from nuanxin.gigs.tests.factories import GIG_POINT

    boss, gig = posted
    worker = client_for(make_user())
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    assert worker.post(f"/api/v1/applications/{app_id}/dispute", {"text": "x"}).status_code == 409  # not worked yet
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/check-in", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    r = worker.post(f"/api/v1/applications/{app_id}/dispute", {"text": "实际干了4小时，只算2小时"})
    assert r.status_code == 201 and r.json()["type"] == "rights"
    case = Case.objects.get(pk=r.json()["case_id"])
    assert case.team == "legal" and case.source == f"gigs.application:{app_id}"
    assert worker.get(f"/api/v1/applications/{app_id}").json()["status"] == "disputed"
    assert worker.get(f"/api/v1/cases/{case.pk}").status_code == 200
    stranger = client_for(make_user())
    assert stranger.post(f"/api/v1/applications/{app_id}/dispute", {}).status_code == 404
