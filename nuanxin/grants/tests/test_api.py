"""Grants through the API: propose, the four-eyes approval that pays once, the fund's limits,
the cases that take grants, and the audit of the ledger afterwards."""

import io

import pytest
from django.core.management import call_command

from nuanxin.grants.choices import MAX_GRANT_FEN
from nuanxin.grants.models import Grant, GrantHistory
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, charity_fund_balance

pytestmark = pytest.mark.django_db


def propose(client, case_id, amount_fen=50_000, purpose="孩子上学的学杂费和一个月生活费", **extra):
    return client.post(f"/api/v1/cases/{case_id}/grants", {"amount_fen": amount_fen, "purpose": purpose, **extra})


def test_hardship_grant_proposed_approved_by_another_and_paid_once(client_for, advisors, applicant, open_case,
                                                                 donate):
    donate(20_000_000)
    case = open_case("hardship")
    chen, lin = (client_for(a) for a in advisors)

    r = propose(chen, case.pk)
    assert r.status_code == 201, r.content
    grant = r.json()
    assert grant["status"] == "proposed" and grant["kind"] == "hardship" and grant["proposed_by_you"]

    own = chen.post(f"/api/v1/grants/{grant['id']}/approve")
    assert own.status_code == 403 and own.json()["error"]["code"] == "own_grant"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 0

    paid = lin.post(f"/api/v1/grants/{grant['id']}/approve")
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 50_000
    assert charity_fund_balance() == 20_000_000 - 50_000

    again = lin.post(f"/api/v1/grants/{grant['id']}/approve")  # a retried request
    assert again.status_code == 200 and again.json()["status"] == "paid"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 50_000

    detail = lin.get(f"/api/v1/grants/{grant['id']}").json()
    assert [(h["status"], h["by"]) for h in detail["history"]] == [("proposed", "staff"), ("paid", "you")]

    me = client_for(applicant)
    wallet = me.get("/api/v1/wallet").json()
    assert wallet["available_fen"] == 50_000
    entry = wallet["entries"][0]
    assert entry["kind"] == "charity_grant" and entry["amount_fen"] == 50_000 and entry["reference"].startswith(
        "grants.grant:")
    assert entry["label"] == "慈善救助金"
    mine = me.get("/api/v1/me/grants").json()
    assert mine["count"] == 1 and mine["items"][0]["amount_fen"] == 50_000
    assert mine["items"][0]["purpose"] == "孩子上学的学杂费和一个月生活费"

    out = io.StringIO()
    call_command("wages_audit", stdout=out)
    assert "Ledger OK" in out.getvalue()


def test_a_grant_above_the_fund_is_refused_and_nothing_moves(client_for, advisors, applicant, open_case, donate):
    donate(10_000)
    case = open_case("hardship")
    chen, lin = (client_for(a) for a in advisors)
    grant = propose(chen, case.pk, amount_fen=30_000).json()
    r = lin.post(f"/api/v1/grants/{grant['id']}/approve")
    assert r.status_code == 409 and r.json()["error"]["code"] == "fund_insufficient"
    assert Grant.objects.get(pk=grant["id"]).status == "proposed"
    assert GrantHistory.objects.filter(grant_id=grant["id"]).count() == 1
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 0 and charity_fund_balance() == 10_000
    donate(20_000)  # a donation arrives: the same grant can now be paid
    assert lin.post(f"/api/v1/grants/{grant['id']}/approve").json()["status"] == "paid"
    assert charity_fund_balance() == 0


def test_trip_home_on_an_emergency_case_by_the_rescue_station(client_for, rescuers, advisors, applicant, open_case,
                                                              donate):
    donate(1_000_000)
    case = open_case("emergency", summary="一家三口在陆家镇公园露宿，需要回云南的车票。")
    sun, zhou = (client_for(r) for r in rescuers)
    assert propose(client_for(advisors[0]), case.pk).status_code == 404  # not the advisors' case
    r = propose(sun, case.pk, amount_fen=186_000, purpose="昆山南站至昆明南站高铁二等座 3 张")
    assert r.status_code == 201 and r.json()["kind"] == "trip_home"
    bad_kind = propose(sun, case.pk, kind="hardship")
    assert bad_kind.status_code == 422 and "kind" in bad_kind.json()["error"]["fields"]
    assert zhou.post(f"/api/v1/grants/{r.json()['id']}/approve").json()["status"] == "paid"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 186_000


def test_only_hardship_and_emergency_cases_take_grants(client_for, advisors, open_case):
    case = open_case("job_seeking", summary="想找包吃住的工作")
    r = propose(client_for(advisors[0]), case.pk)
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_type_not_eligible"
    assert "hardship" in r.json()["error"]["message"] or "困难" in r.json()["error"]["message"]


@pytest.mark.parametrize("amount", [99, MAX_GRANT_FEN + 1])
def test_the_amount_is_capped(client_for, advisors, open_case, amount):
    r = propose(client_for(advisors[0]), open_case().pk, amount_fen=amount)
    assert r.status_code == 422 and "amount_fen" in r.json()["error"]["fields"]
    assert not Grant.objects.exists()


def test_a_proposal_sent_twice_with_its_key_is_one_grant(client_for, advisors, open_case):
    chen = client_for(advisors[0])
    case = open_case()
    first = propose(chen, case.pk, idempotency_key="tap-1")
    second = propose(chen, case.pk, idempotency_key="tap-1")
    assert first.status_code == second.status_code == 201 and first.json()["id"] == second.json()["id"]
    other = propose(chen, case.pk, amount_fen=1_000, idempotency_key="tap-1")
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_conflict"
    assert Grant.objects.count() == 1


def test_rejected_with_a_reason_and_then_never_paid(client_for, advisors, applicant, open_case, donate):
    donate(100_000)
    chen, lin = (client_for(a) for a in advisors)
    grant = propose(chen, open_case().pk).json()
    assert lin.post(f"/api/v1/grants/{grant['id']}/reject", {"note": ""}).status_code == 422
    r = lin.post(f"/api/v1/grants/{grant['id']}/reject", {"note": "已由社区发放临时救助，无需重复"})
    assert r.status_code == 200 and r.json()["status"] == "rejected" and r.json()["note"].startswith("已由社区")
    late = lin.post(f"/api/v1/grants/{grant['id']}/approve")
    assert late.status_code == 409 and late.json()["error"]["code"] == "grant_rejected"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 0


def test_closed_cases_and_cases_without_an_account_take_no_grant(client_for, advisors, open_case):
    from nuanxin.cases import services as cases

    chen = client_for(advisors[0])
    case = open_case()
    for to in ("closed",):
        cases.case_transition(case_id=case.pk, by=advisors[0], to=to, reason="helped")
    r = propose(chen, case.pk)
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_not_open"
    on_behalf = cases.case_open(type="hardship", summary="窗口代为登记", by=advisors[1],
                                on_behalf={"name": "李强", "phone": "13912345678"}, channel="window")
    r = propose(chen, on_behalf.pk)
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_payee"


def test_donations_are_recorded_by_administrators_once_per_key(client_for, admin_user, advisors):
    admin = client_for(admin_user)
    body = {"donor": "昆山市慈善总会", "amount_fen": 20_000_000, "idempotency_key": "bank-2026-11-01"}
    first = admin.post("/api/v1/grants/donations", body)
    assert first.status_code == 201, first.content
    assert admin.post("/api/v1/grants/donations", body).json()["id"] == first.json()["id"]
    assert charity_fund_balance() == 20_000_000
    assert client_for(advisors[0]).post("/api/v1/grants/donations", body).status_code == 403
    fund = admin.get("/api/v1/grants/fund").json()
    assert fund["balance_fen"] == fund["donated_fen"] == 20_000_000
    assert fund["donations"][0]["donor"] == "昆山市慈善总会"
