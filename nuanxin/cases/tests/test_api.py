"""Cases through the API: the emergency life, privacy, the workflow's refusals, escalation."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from nuanxin.cases import services
from nuanxin.cases.choices import TRANSITIONS, State
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_emergency_case_life(make_user, client_for):
    applicant = make_user("worker", name="张伟")
    me = client_for(applicant)
    r = me.post("/api/v1/cases", {"type": "emergency", "summary": "一家三口在陆家镇公园露宿，需要临时住处", "town": "lujia"})
    assert r.status_code == 201, r.content
    case = r.json()
    assert case["team"] == "rescue" and case["state"] == "new"
    # Emergency: first response within 2 hours.
    due = datetime.datetime.fromisoformat(case["first_response_due"])
    assert due - timezone.now() <= datetime.timedelta(hours=2)

    other = client_for(make_user("worker"))
    assert other.get(f"/api/v1/cases/{case['id']}").status_code == 404
    assert case["id"] not in [c["id"] for c in other.get("/api/v1/cases").json()["items"]]

    officer_user = make_user("rescue", username="sun")
    officer = client_for(officer_user)
    queue = officer.get("/api/v1/cases").json()
    assert [c["id"] for c in queue["items"]] == [case["id"]]
    assert queue["items"][0]["applicant_phone_masked"].count("*") == 4
    assert officer.get(f"/api/v1/cases/{case['id']}").status_code == 200
    for to, extra in [("triaged", {}), ("assigned", {}), ("in_progress", {}),
                      ("resolved", {"note": "已安排救助站住宿，购买回云南车票"})]:
        r = officer.post(f"/api/v1/cases/{case['id']}/transition", {"to": to, **extra})
        assert r.status_code == 200, r.content
    assert Case.objects.get(pk=case["id"]).assignee == officer_user
    officer.post(f"/api/v1/cases/{case['id']}/notes", {"text": "内部：家属情绪稳定", "internal": True})
    officer.post(f"/api/v1/cases/{case['id']}/notes", {"text": "车票已出，明早8点昆山南站", "internal": False})
    no_reason = officer.post(f"/api/v1/cases/{case['id']}/transition", {"to": "closed"})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["error"]["fields"]
    closed = officer.post(f"/api/v1/cases/{case['id']}/transition", {"to": "closed", "reason": "helped"})
    assert closed.json()["state"] == "closed"

    mine = me.get(f"/api/v1/cases/{case['id']}").json()
    assert [n["text"] for n in mine["notes"]] == ["车票已出，明早8点昆山南站"]
    assert mine["state"] == "closed" and mine["allowed_transitions"] == []
    # Each staff read is in the audit log; the applicant's own reads are not staff reads.
    reads = AuditEntry.objects.filter(action="case.read", object_id=str(case["id"]))
    assert reads.count() == 1 and reads.get().actor == officer_user
    officer.get(f"/api/v1/cases/{case['id']}")
    assert reads.count() == 2
    assert me.post(f"/api/v1/cases/{case['id']}/satisfaction", {"score": 5}).status_code == 200
    export = me.get("/api/v1/me/cases/export").json()
    assert [c["id"] for c in export["cases"]] == [case["id"]]


@pytest.mark.parametrize("state", list(TRANSITIONS))
def test_every_move_outside_the_workflow_is_409_naming_the_allowed(make_user, client_for, state):
    c = services.case_open(type="hardship", summary="困难帮扶", by=make_user())
    Case.objects.filter(pk=c.pk).update(state=state)
    staff = client_for(make_user("advisor", username="adv"))
    for to in State.values:
        if to in TRANSITIONS[state]:
            continue
        r = staff.post(f"/api/v1/cases/{c.pk}/transition", {"to": to, "reason": "helped"})
        assert r.status_code == 409, (state, to)
        assert r.json()["error"]["fields"]["to"] == ", ".join(TRANSITIONS[state])
    assert Case.objects.get(pk=c.pk).state == state


def test_a_missed_deadline_escalates_exactly_once(make_user):
    case = services.case_open(type="emergency", summary="急难", by=make_user())
    later = timezone.now() + datetime.timedelta(hours=3)
    assert services.escalate_overdue(now=later) == 1
    assert services.escalate_overdue(now=later + datetime.timedelta(minutes=5)) == 0
    call_command("escalate_cases", stdout=__import__("io").StringIO())
    assert CaseEvent.objects.filter(case=case, kind="escalation").count() == 1


def test_answered_cases_do_not_escalate_on_first_response(make_user, client_for):
    case = services.case_open(type="emergency", summary="急难", by=make_user())
    client_for(make_user("rescue", username="r1")).post(f"/api/v1/cases/{case.pk}/transition", {"to": "triaged"})
    assert services.escalate_overdue(now=timezone.now() + datetime.timedelta(hours=3)) == 0


def test_staff_file_on_behalf_and_referral_needs_consent(make_user, client_for):
    advisor = client_for(make_user("advisor", username="window"))
    r = advisor.post("/api/v1/cases", {"type": "job_seeking", "summary": "19岁，从甘肃来昆，找工作和住处",
                                       "channel": "window", "on_behalf": {"name": "马小军", "phone": "13912345678"}})
    assert r.status_code == 201 and r.json()["applicant_phone_masked"] == "139****5678"
    assert r.json()["applicant_name_masked"] == "马**"
    cid = r.json()["id"]
    advisor.post(f"/api/v1/cases/{cid}/transition", {"to": "triaged"})
    no_consent = advisor.post(f"/api/v1/cases/{cid}/transition", {"to": "referred", "referred_to": "昆山市法律援助中心"})
    assert no_consent.status_code == 422
    ok = advisor.post(f"/api/v1/cases/{cid}/transition",
                      {"to": "referred", "referred_to": "昆山市法律援助中心", "consent": True})
    assert ok.status_code == 200 and ok.json()["referred_to"] == "昆山市法律援助中心"
    worker = client_for(make_user())
    assert worker.post("/api/v1/cases", {"type": "policy", "summary": "x",
                                         "on_behalf": {"name": "a", "phone": "13912345678"}}).status_code == 403


def test_case_text_is_encrypted_at_rest(make_user):
    from django.db import connection

    services.case_open(type="rights", summary="老板拖欠工资三个月", by=make_user())
    with connection.cursor() as cur:
        cur.execute("SELECT summary FROM cases_case")
        assert "拖欠" not in str(cur.fetchall())


def test_details_take_only_the_types_own_fields(make_user, client_for):
    me = client_for(make_user())
    ok = me.post("/api/v1/cases", {"type": "rights", "summary": "欠薪",
                                   "details": {"employer": "某建筑公司", "amount_yuan": "12000"}})
    assert ok.status_code == 201
    bad = me.post("/api/v1/cases", {"type": "rights", "summary": "欠薪", "details": {"favourite_colour": "red"}})
    assert bad.status_code == 422 and "details.favourite_colour" in bad.json()["error"]["fields"]
