"""Every part-B endpoint × every role: the worker themselves and another worker, an advisor,
the manager of the seeker's station and of another station, the vacancy's employer and
another employer, an official, and nobody signed in. Staff reads are audit-logged."""

import pytest
from django.test import Client

from nuanxin.core.models import AuditEntry
from nuanxin.jobs.services import referrals as referral_services
from nuanxin.jobs.tests.factories import make_vacancy

pytestmark = pytest.mark.django_db

ROLES = ["worker", "other_worker", "advisor", "manager", "other_manager", "boss", "other_boss", "official", "anonymous"]


def _client(w, who, client_for):
    from nuanxin.conftest import ApiClient

    return ApiClient() if who == "anonymous" else client_for(w[who])


def _matrix(w, client_for, call, expected: dict[str, int]):
    got = {who: call(_client(w, who, client_for)).status_code for who in ROLES}
    assert got == expected


def _all(default: int, **overrides) -> dict[str, int]:
    return {who: overrides.get(who, default) for who in ROLES}


@pytest.fixture
def referral(job_world):
    w = job_world
    return referral_services.referral_create(by=w["advisor"], seeker_id=w["seeker"].pk, job_id=w["vacancy"].pk)


def test_my_registration(job_world, client_for):
    w = job_world
    _matrix(w, client_for, lambda c: c.get("/api/v1/me/job-seeker"),
            _all(404, worker=200, anonymous=401))
    _matrix(w, client_for, lambda c: c.get("/api/v1/me/job-suggestions"),
            _all(404, worker=200, anonymous=401))
    _matrix(w, client_for, lambda c: c.get("/api/v1/me/referrals"), _all(200, anonymous=401))


def test_registering_oneself_is_for_workers(job_world, client_for):
    w = job_world
    _matrix(w, client_for, lambda c: c.put("/api/v1/me/job-seeker", {"skills": ["电工"]}),
            _all(403, worker=200, other_worker=200, anonymous=401))


def test_registering_someone_else_is_for_their_staff(job_world, client_for):
    w = job_world
    seeker = w["seeker"]
    _matrix(w, client_for, lambda c: c.put("/api/v1/me/job-seeker", {"seeker_id": seeker.pk, "experience_years": 2}),
            _all(403, advisor=200, manager=200, other_manager=404, anonymous=401))
    assert AuditEntry.objects.filter(action="jobs.seeker.update", object_id=str(seeker.pk)).count() == 2


def test_staff_lists_and_files(job_world, client_for):
    w = job_world
    sid = w["seeker"].pk
    _matrix(w, client_for, lambda c: c.get("/api/v1/job-seekers"),
            _all(403, advisor=200, manager=200, other_manager=200, anonymous=401))
    assert client_for(w["manager"]).get("/api/v1/job-seekers").json()["count"] == 1
    assert client_for(w["other_manager"]).get("/api/v1/job-seekers").json()["count"] == 0
    listed = client_for(w["advisor"]).get("/api/v1/job-seekers").json()["items"][0]
    assert listed["name"] == "马**" and "****" in listed["phone_masked"]

    before = AuditEntry.objects.filter(action="jobs.seeker.read").count()
    _matrix(w, client_for, lambda c: c.get(f"/api/v1/job-seekers/{sid}"),
            _all(404, advisor=200, manager=200, anonymous=401))
    reads = AuditEntry.objects.filter(action="jobs.seeker.read", object_id=str(sid))
    assert reads.count() - before == 2
    assert {e.actor_id for e in reads} == {w["advisor"].pk, w["manager"].pk}

    _matrix(w, client_for, lambda c: c.post(f"/api/v1/job-seekers/{sid}/phone"),
            _all(404, advisor=200, manager=200, anonymous=401))
    assert AuditEntry.objects.filter(action="jobs.seeker.phone", object_id=str(sid)).count() == 2
    _matrix(w, client_for, lambda c: c.get(f"/api/v1/job-seekers/{sid}/suggestions"),
            _all(404, advisor=200, manager=200, anonymous=401))
    _matrix(w, client_for, lambda c: c.post(f"/api/v1/job-seekers/{sid}/follow-ups", {"channel": "call"}),
            _all(404, advisor=201, manager=201, anonymous=401))


def test_candidates_are_for_staff_never_employers(job_world, client_for):
    w = job_world
    jid = w["vacancy"].pk
    _matrix(w, client_for, lambda c: c.get(f"/api/v1/jobs/{jid}/candidates"),
            _all(403, advisor=200, manager=200, other_manager=200, anonymous=401))
    assert client_for(w["other_manager"]).get(f"/api/v1/jobs/{jid}/candidates").json()["count"] == 0
    row = client_for(w["advisor"]).get(f"/api/v1/jobs/{jid}/candidates").json()["items"][0]
    assert row["seeker"]["name"] == "马**" and row["reasons"]


def test_referring(job_world, client_for):
    w = job_world
    jobs = {who: make_vacancy(w["employer"], title=f"岗位{who}") for who in ROLES}
    _matrix(w, client_for, lambda c: c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk,
                                                                  "job_id": jobs[_who(c, w)].pk}),
            _all(404, advisor=201, manager=201, anonymous=401))


def _who(c, w):
    from nuanxin.accounts.services import token_user

    user = token_user(c.token) if c.token else None
    return next((k for k in ROLES if k != "anonymous" and user and w[k].pk == user.pk), "anonymous")


def test_a_referral_is_seen_by_its_seeker_staff_and_employer(job_world, client_for, referral):
    w = job_world
    _matrix(w, client_for, lambda c: c.get(f"/api/v1/referrals/{referral.pk}"),
            _all(404, worker=200, advisor=200, manager=200, boss=200, anonymous=401))
    assert AuditEntry.objects.filter(action="jobs.referral.read", object_id=str(referral.pk)).count() == 2
    assert client_for(w["boss"]).get(f"/api/v1/referrals/{referral.pk}").json()["seeker"]["name"] == "马小花"


def test_only_the_employer_records_the_outcome(job_world, client_for, referral):
    w = job_world
    _matrix(w, client_for, lambda c: c.post(f"/api/v1/referrals/{referral.pk}/outcome", {"outcome": "interviewed"}),
            _all(404, worker=403, advisor=403, manager=403, boss=200, anonymous=401))


def test_only_staff_withdraw_a_referral(job_world, client_for, referral):
    w = job_world
    got = {}
    for who in ["worker", "other_worker", "boss", "other_boss", "official", "other_manager", "anonymous", "advisor"]:
        got[who] = _client(w, who, client_for).post(f"/api/v1/referrals/{referral.pk}/cancel").status_code
    assert got == {"worker": 403, "other_worker": 404, "boss": 403, "other_boss": 404, "official": 404,
                   "other_manager": 404, "anonymous": 401, "advisor": 200}


def test_closing_a_registration(job_world, client_for):
    w = job_world
    sid = w["seeker"].pk
    got = {}
    for who in ["worker", "other_worker", "boss", "other_boss", "official", "other_manager", "anonymous", "manager"]:
        got[who] = _client(w, who, client_for).post(f"/api/v1/job-seekers/{sid}/close",
                                                    {"outcome": "closed", "reason": "回老家了"}).status_code
    assert got == {"worker": 404, "other_worker": 404, "boss": 404, "other_boss": 404, "official": 404,
                   "other_manager": 404, "anonymous": 401, "manager": 200}
    assert client_for(w["advisor"]).post(f"/api/v1/job-seekers/{sid}/close", {"outcome": "closed"}).status_code == 409


def _page(user) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_pages_by_role(job_world, referral):
    w = job_world
    sid, place = w["seeker"].pk, w["station"].pk
    pages = {"list": "/jobs/seekers/", "due": "/jobs/follow-ups/", "file": f"/jobs/seekers/{sid}/",
             "station": f"/jobs/stations/{place}/", "other station": f"/jobs/stations/{w['other_station'].pk}/",
             "outcome": f"/jobs/letters/{referral.token}/outcome/", "mine": "/jobs/me/"}
    got = {who: {name: _page(None if who == "anonymous" else w[who]).get(url).status_code
                 for name, url in pages.items()} for who in ROLES}
    assert got["advisor"] == {"list": 200, "due": 200, "file": 200, "station": 200, "other station": 200,
                              "outcome": 404, "mine": 302}
    assert got["manager"] == {**got["advisor"], "other station": 404}
    assert got["other_manager"] == {**got["advisor"], "file": 404, "station": 404}
    assert got["worker"] == {"list": 404, "due": 404, "file": 404, "station": 404, "other station": 404,
                             "outcome": 404, "mine": 200}
    assert got["boss"] == {**got["worker"], "outcome": 200, "mine": 302}
    for who in ("other_worker", "other_boss", "official"):
        assert got[who] == {**got["worker"], "mine": 302}, who
    assert set(got["anonymous"].values()) == {302}
    # The letter itself opens for anyone holding it (the token), the name masked.
    assert _page(None).get(f"/jobs/letters/{referral.token}/").status_code == 200
    assert _page(None).get("/jobs/letters/not-a-token/").status_code == 404
