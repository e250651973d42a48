"""Vacancies through the API: posting under the fairness screen, review, the public search with
its filters, validity and the six-monthly re-check (API.md "Jobs and employment services")."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.core import geo
from nuanxin.jobs.choices import VacancyStatus
from nuanxin.jobs.models import Vacancy, VacancyHistory
from nuanxin.jobs.services.vacancies import today
from nuanxin.jobs.tests.factories import days_ago, vacancy_payload, verified_org

pytestmark = pytest.mark.django_db


def _publish(c, staff, **overrides) -> dict:
    r = c.post("/api/v1/jobs", vacancy_payload(**overrides))
    assert r.status_code == 201, r.content
    r = staff.post(f"/api/v1/jobs/{r.json()['id']}/review", {"approve": True, "note": ""})
    assert r.status_code == 200, r.content
    return r.json()


def _ids(r) -> list[int]:
    assert r.status_code == 200, r.content
    return [item["id"] for item in r.json()["items"]]


# --- posting ---------------------------------------------------------------------------------


def test_a_verified_employer_posts_a_vacancy_that_waits_for_review(vacancy_employer, api):
    c, user, org = vacancy_employer
    r = c.post("/api/v1/jobs", vacancy_payload())
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "pending_review"
    assert body["employer"] == {"id": org.pk, "name": org.name}
    assert body["occupation"] == {"code": "6-25-04-07", "name": "电子设备装接工"}
    assert body["valid_until"] == str(today(timezone.now()) + datetime.timedelta(days=30))
    assert [h["status"] for h in body["history"]] == ["pending_review"] and body["history"][0]["by"] == "you"
    # Not public until staff approve it.
    assert api.get(f"/api/v1/jobs/{body['id']}").status_code == 404
    assert body["id"] not in _ids(api.get("/api/v1/jobs"))


@pytest.mark.parametrize("field,text,rule_words", [
    ("requirements", "限昆山本地户籍，外地人勿扰", "户籍"),
    ("requirements", "只招男性，女士勿扰", "男"),
    ("requirements", "年龄18-35岁", "年龄"),
    ("duties", "入职需交押金300元，工服费另付", "押金"),
    ("title", "招女工 限本地人", "女"),
])
def test_the_fairness_screen_refuses_limits_and_fees_naming_the_rule(vacancy_employer, field, text, rule_words):
    c, _user, _org = vacancy_employer
    r = c.post("/api/v1/jobs", vacancy_payload(**{field: text}))
    assert r.status_code == 422, r.content
    error = r.json()["error"]
    assert error["code"] == "posting_refused"
    assert field in error["fields"]
    assert "《" in error["message"] and rule_words in error["message"]  # the law and the words found
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize("change,field", [
    ({"pay_min_fen": 800_000, "pay_max_fen": 700_000}, "pay_max_fen"),
    ({"pay_min_fen": 300_000, "pay_max_fen": 3_000_000}, "pay_max_fen"),
    ({"pay_min_fen": 5_000, "pay_max_fen": 6_000}, "pay_min_fen"),
    ({"pay_period": "hour", "pay_min_fen": 500_000, "pay_max_fen": 600_000}, "pay_min_fen"),
    ({"occupation": "6"}, "occupation"),
    ({"occupation": "6-25-04-98"}, "occupation"),
    ({"valid_until": "2099-01-01"}, "valid_until"),
    ({"valid_until": "2020-01-01"}, "valid_until"),
])
def test_insane_pay_unknown_occupations_and_long_validity_are_refused(vacancy_employer, change, field):
    c, _user, _org = vacancy_employer
    r = c.post("/api/v1/jobs", vacancy_payload(**change))
    assert r.status_code == 422, r.content
    assert field in r.json()["error"]["fields"]


def test_a_part_time_job_paid_by_the_hour_and_valid_for_ninety_days(vacancy_employer):
    c, _user, _org = vacancy_employer
    last = str(today(timezone.now()) + datetime.timedelta(days=90))
    r = c.post("/api/v1/jobs", vacancy_payload(kind="part_time", pay_period="hour", pay_min_fen=2_500,
                                               pay_max_fen=3_000, valid_until=last))
    assert r.status_code == 201, r.content
    assert (r.json()["kind"], r.json()["pay_period"], r.json()["valid_until"]) == ("part_time", "hour", last)


# --- review ----------------------------------------------------------------------------------


def test_staff_approve_and_the_vacancy_is_public_with_its_history_for_the_employer(vacancy_employer,
                                                                                 vacancy_advisor, api):
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    job = _publish(c, staff)
    assert job["status"] == "approved"
    public = api.get(f"/api/v1/jobs/{job['id']}").json()
    assert public["status"] == "approved" and public["history"] is None
    mine = c.get(f"/api/v1/jobs/{job['id']}").json()
    assert [(h["status"], h["by"]) for h in mine["history"]] == [("pending_review", "you"), ("approved", "staff")]
    assert job["id"] in _ids(api.get("/api/v1/jobs"))


def test_staff_turn_a_vacancy_down_with_a_note_the_employer_reads(vacancy_employer, vacancy_advisor, api):
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    job = c.post("/api/v1/jobs", vacancy_payload()).json()
    r = staff.post(f"/api/v1/jobs/{job['id']}/review", {"approve": False, "note": ""})
    assert r.status_code == 422 and "note" in r.json()["error"]["fields"]
    r = staff.post(f"/api/v1/jobs/{job['id']}/review", {"approve": False, "note": "请写明具体工作地点"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    mine = c.get(f"/api/v1/jobs/{job['id']}").json()
    assert mine["review_note"] == "请写明具体工作地点" and mine["history"][-1]["note"] == "请写明具体工作地点"
    assert api.get(f"/api/v1/jobs/{job['id']}").status_code == 404
    # Reviewed once: a second review is a conflict.
    r = staff.post(f"/api/v1/jobs/{job['id']}/review", {"approve": True, "note": ""})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_pending_review"
    # Fixed and sent again, it waits for review once more.
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {"address": "昆山开发区前进东路88号3号厂房"})
    assert r.status_code == 200 and r.json()["status"] == "pending_review"
    assert r.json()["review_note"] == ""


def test_renewing_extends_a_published_vacancy_and_a_change_sends_it_back_to_review(vacancy_employer,
                                                                                   vacancy_advisor, api):
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    job = _publish(c, staff)
    later = str(today(timezone.now()) + datetime.timedelta(days=80))
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {"valid_until": later})
    assert r.status_code == 200 and (r.json()["status"], r.json()["valid_until"]) == ("approved", later)
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {"headcount": 30})
    assert r.status_code == 200 and r.json()["status"] == "pending_review" and r.json()["headcount"] == 30
    assert r.json()["valid_until"] == later  # a change alone keeps the date
    assert "headcount" in r.json()["history"][-1]["note"]  # the history says what changed
    assert job["id"] not in _ids(api.get("/api/v1/jobs"))
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {"duties": "入职先交培训费500元"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "posting_refused"


def test_the_employer_closes_a_vacancy_and_it_leaves_the_list(vacancy_employer, vacancy_advisor, api):
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    job = _publish(c, staff)
    r = c.post(f"/api/v1/jobs/{job['id']}/close", {"note": "招满了"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert job["id"] not in _ids(api.get("/api/v1/jobs"))
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {})
    assert r.status_code == 409 and r.json()["error"]["code"] == "vacancy_closed"
    assert list(VacancyHistory.objects.filter(vacancy_id=job["id"]).values_list("to_status", flat=True)) == [
        "pending_review", "approved", "closed"]


def test_my_vacancies_lists_every_status_of_my_employers_only(vacancy_employer, vacancy_advisor, make_user,
                                                              client_for):
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    approved = _publish(c, staff)
    waiting = c.post("/api/v1/jobs", vacancy_payload(title="仓库理货员")).json()
    other = make_user("employer")
    verified_org(other, name="别家公司")
    oc = client_for(other)
    oc.post("/api/v1/jobs", vacancy_payload(title="别家岗位"))
    r = c.get("/api/v1/me/vacancies")
    assert r.status_code == 200 and r.json()["count"] == 2
    assert [(i["id"], i["status"]) for i in r.json()["items"]] == [(waiting["id"], "pending_review"),
                                                                  (approved["id"], "approved")]


# --- the search --------------------------------------------------------------------------------


@pytest.fixture
def board(vacancy_employer, vacancy_advisor):
    """Published vacancies in several towns and occupations."""
    c, _user, _org = vacancy_employer
    staff, _staff_user = vacancy_advisor
    return {
        "cleaner": _publish(c, staff, title="商场保洁员", occupation="4-09-08-01", town="huaqiao",
                            lat=31.2946, lon=121.0536, address="花桥镇绿地大道1号",
                            duties="负责商场公共区域的日常清洁。", skills=[], kind="part_time",
                            pay_period="hour", pay_min_fen=2_200, pay_max_fen=2_500),
        "courier": _publish(c, staff, title="快递员", occupation="4-02-07-08", town="yushan",
                            lat=31.3830, lon=120.9580, address="玉山镇前进西路1号",
                            duties="负责片区快件的收寄和派送。", skills=["电动车驾驶"],
                            pay_min_fen=600_000, pay_max_fen=900_000),
        "warehouse": _publish(c, staff, title="仓库理货员", occupation="4-02-06-03", town="zhoushi",
                              lat=31.4490, lon=120.9960, address="周市镇长江北路100号",
                              duties="负责入库验收、理货和盘点。", skills=["叉车证"],
                              pay_min_fen=550_000, pay_max_fen=650_000),
        "welder": _publish(c, staff, title="焊工", occupation="6-18-02-04", town="zhangpu",
                           lat=31.2680, lon=120.9380, address="张浦镇俱进路1号",
                           duties="按图纸完成结构件焊接。", skills=["焊工证"],
                           pay_min_fen=800_000, pay_max_fen=1_200_000),
    }


@pytest.mark.parametrize("q,expected", [
    ("保洁", {"cleaner"}), ("baojie", {"cleaner"}), ("bj", {"cleaner"}),
    ("快递", {"courier"}), ("kuaidi", {"courier"}), ("kdy", {"courier"}),
    ("理货", {"warehouse"}), ("叉车", {"warehouse"}), ("焊工", {"welder"}), ("hangong", {"welder"}),
    ("张浦", {"welder"}), ("淳华", {"cleaner", "courier", "warehouse", "welder"}), ("厨师", set()),
])
def test_q_matches_chinese_words_pinyin_and_initials(board, api, q, expected):
    ids = set(_ids(api.get("/api/v1/jobs", {"q": q})))
    assert ids == {board[k]["id"] for k in expected}


def test_occupation_is_a_code_prefix(board, api):
    assert set(_ids(api.get("/api/v1/jobs", {"occupation": "4-02"}))) == {board["courier"]["id"],
                                                                          board["warehouse"]["id"]}
    assert set(_ids(api.get("/api/v1/jobs", {"occupation": "4"}))) == {board["courier"]["id"],
                                                                       board["warehouse"]["id"],
                                                                       board["cleaner"]["id"]}
    assert _ids(api.get("/api/v1/jobs", {"occupation": "6-18-02-04"})) == [board["welder"]["id"]]
    assert _ids(api.get("/api/v1/jobs", {"occupation": "4-09-08"})) == [board["cleaner"]["id"]]
    assert api.get("/api/v1/jobs", {"occupation": "4-0"}).status_code == 422  # not a group's code


def test_town_kind_and_pay_filters(board, api):
    assert _ids(api.get("/api/v1/jobs", {"town": "zhoushi"})) == [board["warehouse"]["id"]]
    assert _ids(api.get("/api/v1/jobs", {"kind": "part_time"})) == [board["cleaner"]["id"]]
    assert set(_ids(api.get("/api/v1/jobs", {"min_pay_fen": 850_000}))) == {board["courier"]["id"],
                                                                            board["welder"]["id"]}
    r = api.get("/api/v1/jobs", {"limit": 2, "offset": 1})
    assert r.json()["count"] == 4 and len(r.json()["items"]) == 2


def test_near_orders_by_distance_as_a_brute_force_scan_does(board, api):
    lat, lon = 31.3712, 120.9745
    r = api.get("/api/v1/jobs", {"near": f"{lat},{lon}", "radius_km": 15})
    items = r.json()["items"]
    expected = sorted((geo.haversine_m(lat, lon, j["lat"], j["lon"]), j["id"]) for j in board.values()
                      if geo.haversine_m(lat, lon, j["lat"], j["lon"]) <= 15_000)
    assert [i["id"] for i in items] == [pk for _d, pk in expected]
    assert [i["distance_m"] for i in items] == [round(d, 1) for d, _pk in expected]
    assert r.json()["count"] == len(expected) >= 2


@pytest.mark.parametrize("params", [{"near": "31.3"}, {"near": "91,120"}, {"occupation": "x-1"},
                                    {"radius_km": 0}, {"town": "shanghai"}, {"limit": 0}, {"kind": "gig"}])
def test_bad_filters_are_a_422_not_a_crash(api, params):
    r = api.get("/api/v1/jobs", params)
    assert r.status_code == 422, r.content
    assert r.json()["error"]["code"]


# --- validity and the re-check ----------------------------------------------------------------


def test_a_vacancy_past_its_validity_drops_out_of_the_lists(approved_vacancy, api):
    _c, job = approved_vacancy
    assert job["id"] in _ids(api.get("/api/v1/jobs"))
    Vacancy.objects.filter(pk=job["id"]).update(valid_until=today(timezone.now()) - datetime.timedelta(days=1))
    assert job["id"] not in _ids(api.get("/api/v1/jobs"))
    assert api.get(f"/api/v1/jobs/{job['id']}").status_code == 404


def test_the_timed_close_closes_vacancies_past_their_validity(approved_vacancy):
    from nuanxin.jobs.tasks import run_timed_work

    _c, job = approved_vacancy
    Vacancy.objects.filter(pk=job["id"]).update(valid_until=today(timezone.now()) - datetime.timedelta(days=1))
    assert run_timed_work()["vacancies_closed"] == 1
    assert Vacancy.objects.get(pk=job["id"]).status == VacancyStatus.CLOSED
    assert VacancyHistory.objects.filter(vacancy_id=job["id"]).last().by_id is None
    assert run_timed_work()["vacancies_closed"] == 0


def test_an_employer_due_for_its_re_check_cannot_post_and_its_vacancies_are_hidden_until_staff_re_verify(
        approved_vacancy, vacancy_employer, vacancy_advisor, api):
    from nuanxin.accounts.models import Employer

    c, job = approved_vacancy
    _c, _user, org = vacancy_employer
    staff, staff_user = vacancy_advisor
    Employer.objects.filter(pk=org.pk).update(verified_at=days_ago(184))
    r = c.post("/api/v1/jobs", vacancy_payload())
    assert r.status_code == 409 and r.json()["error"]["code"] == "recheck_due"
    assert job["id"] not in _ids(api.get("/api/v1/jobs"))
    assert api.get(f"/api/v1/jobs/{job['id']}").status_code == 404
    assert c.get(f"/api/v1/jobs/{job['id']}").status_code == 200  # its employer still sees it
    # Staff re-verify (accounts' door): the vacancy is back and posting works again.
    from nuanxin.accounts import services as accounts

    accounts.employer_reverify(employer_id=org.pk, by=staff_user)
    assert job["id"] in _ids(api.get("/api/v1/jobs"))
    assert c.post("/api/v1/jobs", vacancy_payload()).status_code == 201


def test_a_blocked_employer_s_vacancies_are_hidden(approved_vacancy, vacancy_employer, api):
    from nuanxin.accounts.models import Employer

    _c, job = approved_vacancy
    _client, _user, org = vacancy_employer
    Employer.objects.filter(pk=org.pk).update(status=EmployerStatus.BLOCKED)
    assert job["id"] not in _ids(api.get("/api/v1/jobs"))


def test_renewing_an_expired_vacancy_without_a_date_gives_it_the_default_period(approved_vacancy):
    c, job = approved_vacancy
    Vacancy.objects.filter(pk=job["id"]).update(valid_until=today(timezone.now()) - datetime.timedelta(days=3))
    r = c.post(f"/api/v1/jobs/{job['id']}/renew", {})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert r.json()["valid_until"] == str(today(timezone.now()) + datetime.timedelta(days=30))


def test_suggestions_and_referrals_use_the_same_rule_as_the_list(approved_vacancy, vacancy_employer):
    """Part B reads vacancies through live_vacancies: a re-check-due employer's drop out there too."""
    from nuanxin.accounts.models import Employer
    from nuanxin.jobs.selectors.seekers import live_vacancies

    _c, job = approved_vacancy
    _client, _user, org = vacancy_employer
    assert live_vacancies().filter(pk=job["id"]).exists()
    Employer.objects.filter(pk=org.pk).update(verified_at=days_ago(190))
    assert not live_vacancies().filter(pk=job["id"]).exists()
