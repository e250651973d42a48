"""The seeker rules: the tier and its reasons, the advisor assigned, the follow-up queue's
order and default dates, refusals of referrals, and matching equal to a brute-force ranking."""

import datetime
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nuanxin.accounts.models import WorkerProfile
from nuanxin.core.geo import haversine_m
from nuanxin.jobs import matching
from nuanxin.jobs.choices import FOLLOW_UP_DAYS
from nuanxin.jobs.models import FollowUp, Seeker
from nuanxin.jobs.selectors import seekers as selectors
from nuanxin.jobs.services import seekers as services
from nuanxin.jobs.tests.factories import make_vacancy

TODAY = datetime.date(2026, 3, 2)


@pytest.mark.parametrize(("hardship", "arrived_days_ago", "years", "tier"), [
    ("difficulty", 1000, 10, "intensive"),
    ("long_unemployed", None, 5, "intensive"),
    ("graduate", 10, 0, "intensive"),
    ("", 10, 5, "guided"),
    ("", 89, 5, "guided"),
    ("", 90, 5, "self"),
    ("", 1000, 0, "guided"),
    ("", None, 0, "guided"),
    ("", None, 3, "self"),
])
def test_the_tier_rule(hardship, arrived_days_ago, years, tier):
    arrived = TODAY - datetime.timedelta(days=arrived_days_ago) if arrived_days_ago is not None else None
    got, reasons = services.tier_for(hardship=hardship, arrived_on=arrived, experience_years=years, today=TODAY)
    assert got == tier and reasons


@pytest.mark.django_db
def test_a_worker_registers_and_the_tier_follows_the_profile(make_user, client_for, occupations, make_place):
    worker = make_user("worker")
    WorkerProfile.objects.create(user=worker, arrived_on=selectors.today() - datetime.timedelta(days=3))
    station = make_place(kind="employment_station")
    advisor = make_user("advisor", username="station-advisor", name="陈顾问")
    station.managers.add(advisor)
    c = client_for(worker)
    r = c.put("/api/v1/me/job-seeker", {"occupations": ["4-02-06-01"], "experience_years": 4, "station_id": station.pk})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["tier"] == "guided" and any("90" in why for why in body["tier_reasons"])
    assert body["advisor"] == "陈顾问" and body["registered_by_staff"] is False
    # Registered online: an advisor should call today.
    assert body["next_contact_on"] == selectors.today().isoformat()
    r = c.put("/api/v1/me/job-seeker", {"hardship": "disability"})
    assert r.json()["tier"] == "intensive" and r.json()["occupations"] == [{"code": "4-02-06-01", "name": "仓储管理员"}]
    r = c.put("/api/v1/me/job-seeker", {"occupations": ["9-99-99"]})
    assert r.status_code == 422 and "occupations" in r.json()["error"]["fields"]
    assert c.put("/api/v1/me/job-seeker", {"advisor_id": advisor.pk}).status_code == 403


@pytest.mark.django_db
def test_at_the_window_the_advisor_is_recorded_and_staff_reassign(job_world, client_for, make_user):
    w = job_world
    seeker = w["seeker"]
    assert seeker.registered_by_id == w["advisor"].pk and seeker.advisor_id == w["advisor"].pk
    assert seeker.next_contact_on == selectors.today() + datetime.timedelta(days=FOLLOW_UP_DAYS)
    assert seeker.tier == "guided"  # no experience
    colleague = make_user("advisor", username="colleague", name="李顾问")
    r = client_for(w["advisor"]).put("/api/v1/me/job-seeker", {"seeker_id": seeker.pk, "advisor_id": colleague.pk})
    assert r.status_code == 200 and r.json()["advisor"] == "李顾问"
    # A station manager may update the file but not reassign it.
    r = client_for(w["manager"]).put("/api/v1/me/job-seeker", {"seeker_id": seeker.pk, "advisor_id": colleague.pk})
    assert r.status_code == 403
    # Nobody is made an advisor by being named one.
    r = client_for(w["advisor"]).put("/api/v1/me/job-seeker", {"seeker_id": seeker.pk, "advisor_id": w["boss"].pk})
    assert r.status_code == 422


@pytest.mark.django_db
def test_the_follow_up_queue_puts_my_seekers_first(job_world, make_user, client_for):
    w = job_world
    advisor, station = w["advisor"], w["station"]
    colleague = make_user("advisor", username="colleague2")
    today = selectors.today()

    def seeker(by, days_ago, station_id=None):
        person = make_user("worker")
        s = services.seeker_register(by=by, phone=person.phone, data={"station_id": station_id})
        Seeker.objects.filter(pk=s.pk).update(next_contact_on=today - datetime.timedelta(days=days_ago))
        return s.pk

    Seeker.objects.filter(pk=w["seeker"].pk).update(next_contact_on=today + datetime.timedelta(days=1))  # not due
    mine_recent, mine_old = seeker(advisor, 0), seeker(advisor, 5)
    station_one = seeker(colleague, 9, station.pk)
    elsewhere_oldest = seeker(colleague, 30)
    r = client_for(advisor).get("/api/v1/job-seekers", {"due": "true"})
    assert [row["id"] for row in r.json()["items"]] == [mine_old, mine_recent, station_one, elsewhere_oldest]
    # The station's manager sees their station's only (the advisor works there: theirs too).
    r = client_for(w["manager"]).get("/api/v1/job-seekers", {"due": "true"})
    assert [row["id"] for row in r.json()["items"]] == [station_one, mine_old, mine_recent]

    # A follow-up moves the next contact: 14 days by default, or the day given.
    c = client_for(advisor)
    r = c.post(f"/api/v1/job-seekers/{mine_old}/follow-ups", {"channel": "wechat", "note": "已发岗位信息"})
    assert r.status_code == 201 and r.json()["next_contact_on"] == (today + datetime.timedelta(days=14)).isoformat()
    r = c.post(f"/api/v1/job-seekers/{mine_recent}/follow-ups",
               {"channel": "visit", "next_contact_on": (today + datetime.timedelta(days=3)).isoformat()})
    assert r.status_code == 201
    assert c.post(f"/api/v1/job-seekers/{mine_recent}/follow-ups",
                  {"channel": "call", "next_contact_on": "2000-01-01"}).status_code == 422
    assert [row["id"] for row in c.get("/api/v1/job-seekers", {"due": "true"}).json()["items"]] == [
        station_one, elsewhere_oldest]
    assert FollowUp.objects.get(seeker_id=mine_old).note == "已发岗位信息"  # stored encrypted, read back


@pytest.mark.django_db
def test_referral_refusals(job_world, client_for):
    w = job_world
    c = client_for(w["advisor"])
    expired = make_vacancy(w["employer"], valid_days=-1)
    pending = make_vacancy(w["employer"], status="pending_review")
    for job in (expired, pending):
        r = c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk, "job_id": job.pk})
        assert r.status_code == 409 and r.json()["error"]["code"] == "not_live"
    assert c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk, "job_id": 999999}).status_code == 404
    # Withdrawn, a referral may be made again; a closed registration may not be referred.
    rid = c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk, "job_id": w["vacancy"].pk}).json()["id"]
    assert c.post(f"/api/v1/referrals/{rid}/cancel", {"note": "弄错了"}).status_code == 200
    assert c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk, "job_id": w["vacancy"].pk}).status_code == 201
    assert c.post(f"/api/v1/job-seekers/{w['seeker'].pk}/close", {"outcome": "closed", "reason": "回老家"}).status_code == 200
    r = c.post("/api/v1/referrals", {"seeker_id": w["seeker"].pk, "job_id": make_vacancy(w["employer"]).pk})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_active"


# --- matching ----------------------------------------------------------------------------------

CODES = ["6-25-04-01", "6-25-04-02", "6-25-02-01", "6-25-04", "4-02-06-01", "4-02-07-02", "4-10-01-06"]
SKILLS = ["焊接", "叉车", "电工", "保洁", "普工"]


def _brute_score(s: matching.SeekerSpec, j: matching.JobSpec):
    """The rule as docs/jobs.md states it, written again plainly."""
    best = 0
    for w in s.occupation_codes:
        a, b = w.split("-"), j.occupation_code.split("-")
        if a == b:
            best = max(best, 40)
        elif a[:3] == b[:3] and len(a) >= 3 and len(b) >= 3:
            best = max(best, 25)
        elif a[:2] == b[:2] and len(a) >= 2 and len(b) >= 2:
            best = max(best, 10)
    common = s.skills & j.skills
    if best == 0 and not common and (s.occupation_codes or s.skills):
        return None
    d = round(haversine_m(*s.point, *j.point)) if s.point and j.point else None
    if d is not None and d > 30_000:
        return None
    pay = 0
    if s.wanted_pay_fen and j.pay_max_fen:
        monthly = j.pay_max_fen * (174 if j.hourly else 1)
        pay = 10_000 if monthly >= s.wanted_pay_fen else -(10_000 * (s.wanted_pay_fen - monthly)) // s.wanted_pay_fen
    return 1000 * (best + 8 * min(3, len(common))) + pay - (d or 0)


points = st.tuples(st.floats(31.2, 31.5), st.floats(120.8, 121.1))
seekers = st.builds(matching.SeekerSpec, seeker_id=st.integers(1, 50),
                    occupation_codes=st.lists(st.sampled_from(CODES), max_size=3).map(tuple),
                    skills=st.frozensets(st.sampled_from(SKILLS), max_size=3),
                    point=st.one_of(st.none(), points), wanted_pay_fen=st.sampled_from([0, 400_000, 600_000, 900_000]))
jobs = st.builds(matching.JobSpec, job_id=st.integers(1, 10_000), occupation_code=st.sampled_from(CODES),
                 skills=st.frozensets(st.sampled_from(SKILLS), max_size=3), point=points,
                 pay_max_fen=st.sampled_from([3_000, 500_000, 800_000]), hourly=st.booleans())


@settings(max_examples=200, deadline=None)
@given(seeker=seekers, jobs=st.lists(jobs, max_size=25, unique_by=lambda j: j.job_id))
def test_suggestions_equal_a_brute_force_ranking(seeker, jobs):
    expected = sorted((-sc, j.job_id) for j in jobs if (sc := _brute_score(seeker, j)) is not None)
    got = matching.suggestions(seeker, jobs, limit=100)
    assert [(-m.score, m.job_id) for m in got] == expected
    for m in got:
        assert m.reasons
        assert (m.distance_m is not None) == (seeker.point is not None)


def test_reasons_name_occupation_skills_pay_and_distance():
    s = matching.SeekerSpec(1, ("6-25-04-01",), frozenset({"焊接"}), (31.38, 120.98), 600_000)
    near = matching.JobSpec(7, "6-25-04-02", "印制电路制作工", frozenset({"焊接", "叉车"}), (31.39, 120.98), 700_000)
    m = matching.match(s, near)
    assert m.occupation_match == "same_minor" and m.skills_in_common == ("焊接",) and m.pay_fits is True
    assert 1000 < m.distance_m < 1200
    text = " ".join(m.reasons)
    assert "印制电路制作工" in text and "焊接" in text and "7000" in text and "1.1" in text
    # An unrelated job is not suggested; a nearer, same-occupation one ranks first.
    far = matching.JobSpec(8, "4-10-01-06", "家政服务员", frozenset(), (31.38, 120.98), 900_000)
    assert matching.match(s, far) is None
    exact = matching.JobSpec(9, "6-25-04-01", "电子产品制版工", frozenset(), (31.381, 120.981), 700_000)
    assert [m.job_id for m in matching.suggestions(s, [near, far, exact])] == [9, 7]
    rng = random.Random(3)
    many = [matching.JobSpec(i, rng.choice(CODES), "", frozenset(), (31.38, 120.98), 500_000) for i in range(10, 40)]
    ranked = matching.suggestions(s, many, limit=100)
    assert ranked == sorted(ranked, key=lambda m: (-m.score, m.job_id))
