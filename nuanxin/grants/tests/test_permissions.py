"""Who sees and decides what: a worker only their own paid grants, staff only their team's,
officials the whole fund but no decisions."""

import pytest

from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_and_proposed(client_for, advisors, open_case, donate):
    donate(1_000_000)
    chen, lin = (client_for(a) for a in advisors)
    case = open_case()
    paid = chen.post(f"/api/v1/cases/{case.pk}/grants", {"amount_fen": 80_000, "purpose": "住院期间的生活费"}).json()
    lin.post(f"/api/v1/grants/{paid['id']}/approve")
    waiting = chen.post(f"/api/v1/cases/{case.pk}/grants", {"amount_fen": 20_000, "purpose": "孩子的校服和书本"}).json()
    return paid["id"], waiting["id"]


def test_a_worker_sees_only_their_own_paid_grants(client_for, make_user, applicant, paid_and_proposed):
    paid, waiting = paid_and_proposed
    me = client_for(applicant)
    assert me.get(f"/api/v1/grants/{paid}").status_code == 200
    assert me.get(f"/api/v1/grants/{waiting}").status_code == 404  # a proposal is the staff's deliberation
    assert [g["id"] for g in me.get("/api/v1/me/grants").json()["items"]] == [paid]
    assert me.get("/api/v1/grants").status_code == 403
    assert me.post(f"/api/v1/grants/{waiting}/approve").status_code == 404

    stranger = client_for(make_user("worker"))
    assert stranger.get(f"/api/v1/grants/{paid}").status_code == 404
    assert stranger.get("/api/v1/me/grants").json() == {"items": [], "count": 0}


def test_staff_of_another_team_neither_propose_nor_see_nor_approve(client_for, make_user, open_case,
                                                                  paid_and_proposed):
    paid, waiting = paid_and_proposed
    for role in ("legal", "rescue", "hospital"):
        other = client_for(make_user(role, username=f"other-{role}"))
        r = other.post(f"/api/v1/cases/{open_case().pk}/grants", {"amount_fen": 10_000, "purpose": "生活费"})
        assert r.status_code == 404, role
        assert other.get(f"/api/v1/grants/{waiting}").status_code == 404
        assert other.post(f"/api/v1/grants/{waiting}/approve").status_code == 404
        assert other.get("/api/v1/grants").json()["items"] == []


def test_the_applicant_cannot_propose_on_their_own_case(client_for, applicant, open_case):
    r = client_for(applicant).post(f"/api/v1/cases/{open_case().pk}/grants", {"amount_fen": 10_000, "purpose": "x"})
    assert r.status_code == 403


def test_officials_read_the_fund_and_every_grant_but_decide_nothing(client_for, make_user, applicant,
                                                                   paid_and_proposed):
    paid, waiting = paid_and_proposed
    official = client_for(make_user("official", username="zheng"))
    listing = official.get("/api/v1/grants").json()
    assert listing["count"] == 2 and listing["fund_balance_fen"] == 1_000_000 - 80_000
    assert all(g["purpose"] is None for g in listing["items"])  # the case file stays with the case's team
    fund = official.get("/api/v1/grants/fund").json()
    assert fund["paid_fen"] == 80_000 and fund["waiting_fen"] == 20_000
    r = official.post(f"/api/v1/grants/{waiting}/approve")
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert official.post(f"/api/v1/grants/{waiting}/reject", {"note": "不同意"}).status_code == 403
    assert official.post("/api/v1/grants/donations", {"donor": "x", "amount_fen": 1, "idempotency_key": "k"}
                         ).status_code == 403
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 80_000


def test_an_administrator_is_the_second_pair_of_eyes(client_for, admin_user, applicant, paid_and_proposed):
    _paid, waiting = paid_and_proposed
    r = client_for(admin_user).post(f"/api/v1/grants/{waiting}/approve")
    assert r.status_code == 200 and r.json()["status"] == "paid"
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 100_000


def test_the_database_refuses_a_grant_paid_by_its_proposer(advisors, open_case):
    from django.db import IntegrityError, transaction

    from nuanxin.grants import services
    from nuanxin.grants.models import Grant

    grant = services.grant_propose(case_id=open_case().pk, by=advisors[0], amount_fen=10_000, purpose="生活费")
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(status="paid", decided_by=advisors[0])
