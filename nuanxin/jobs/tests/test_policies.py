"""The policy calculator against worked examples written by hand from the policy texts, each
naming its document and article, with the parameters the data migration seeds (local figures
that staff confirm are noted where an example depends on them). Through the API, as a client
asks; plus the admin's guard on parameters and the seed's idempotence.

Seeded parameters used below (jobs/migrations/0002_fairs_seed_policies.py):
- flexible_insurance: 2/3; base 4,494 yuan × (20% pension + 8% medical) = 1,258.32 yuan a month
  counted at most; 36 months (就业困难人员), to retirement within 5 years; 24 months for
  graduates, within 24 months of leaving school.
- training: 专项 600, 初级 1,000, 中级 1,500, 高级 2,000 yuan; 3 a year; within 12 months.
- startup_loan: 300,000 yuan a person, partnerships +10% within 2,000,000, small businesses
  4,000,000 with 15% (8% above 100 staff) new hires; 36 months; LPR 3.00%, the borrower pays
  up to LPR − 1.50%, banks charge at most LPR + 0.50%.
"""

import importlib

import pytest
from django.apps import apps

from nuanxin.jobs import policies
from nuanxin.jobs.models import Policy

pytestmark = pytest.mark.django_db


def estimate(api, code, **facts):
    r = api.post(f"/api/v1/policies/{code}/estimate", facts)
    assert r.status_code == 200, r.content
    return r.json()


def answer(body) -> tuple:
    return body["eligible"], body["amount_fen"], body["months"]


# --- 灵活就业社会保险补贴: 财社〔2017〕164号《就业补助资金管理办法》第八条 ---------------------------------

FLEX = {"group": "difficulty", "flexibly_employed": True, "monthly_contribution_fen": 90000, "months_received": 0,
        "years_to_retirement": 20}


def test_flexible_insurance_difficulty_two_thirds_for_three_years(api):
    """第八条: 就业困难人员 in flexible work, 900 yuan a month paid (under the 1,258.32 cap):
    2/3 = 600 yuan a month, for at most 3 years = 36 months: 21,600 yuan."""
    body = estimate(api, "flexible_insurance", **FLEX)
    assert answer(body) == (True, 2_160_000, 36)
    assert body["monthly_fen"] == 60_000
    assert "身份证" in body["explanation"] and "身份证" in body["documents"]  # what to bring
    assert any("164号" in s for s in body["sources"])


def test_flexible_insurance_rounds_down_to_the_fen(api):
    """第八条, 1,000 yuan paid: 2/3 is 666.666… yuan, paid as 666.66 a month: 23,999.76 in 36 months."""
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "monthly_contribution_fen": 100000})) == (
        True, 2_399_976, 36)


def test_flexible_insurance_cap_reached(api):
    """第八条 ('原则上不超过其实际缴费的2/3') with the lower base: 1,500 yuan paid counts as
    1,258.32 (4,494 × 28%): 838.88 a month, 30,199.68 in 36 months."""
    body = estimate(api, "flexible_insurance", **{**FLEX, "monthly_contribution_fen": 150000})
    assert answer(body) == (True, 3_019_968, 36)
    assert body["monthly_fen"] == 83_888


def test_flexible_insurance_until_retirement_within_five_years(api):
    """第八条: '除对距法定退休年龄不足5年的人员可延长至退休外' — 4 years from retirement: 48 months."""
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "years_to_retirement": 4})) == (True, 2_880_000, 48)
    # 6 years away: the 3-year limit.
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "years_to_retirement": 6})) == (True, 2_160_000, 36)
    # Extended to retirement means to retirement, whatever was had already: 18 months had,
    # 3 years left, 36 more (not 36 − 18).
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "years_to_retirement": 3,
                                                         "months_received": 18})) == (True, 2_160_000, 36)


def test_flexible_insurance_month_limit(api):
    """第八条 '最长不超过3年': 30 months had already, 6 left; 36 had, none."""
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "months_received": 30})) == (True, 360_000, 6)
    body = estimate(api, "flexible_insurance", **{**FLEX, "months_received": 36})
    assert answer(body) == (False, 0, 0) and "36" in body["explanation"]


def test_flexible_insurance_graduates(api):
    """第八条 (graduates: 2/3, at most 2 years): left school 10 months ago, 750 yuan paid: 500 a
    month for 24 months = 12,000 yuan. Left 30 months ago: outside the 2-year window."""
    grad = {**FLEX, "group": "graduate", "monthly_contribution_fen": 75000, "months_since_graduation": 10}
    assert answer(estimate(api, "flexible_insurance", **grad)) == (True, 1_200_000, 24)
    assert answer(estimate(api, "flexible_insurance", **{**grad, "months_since_graduation": 30})) == (False, 0, 0)


def test_flexible_insurance_not_eligible(api):
    """第八条: only 就业困难人员 and graduates, and only in flexible employment."""
    assert answer(estimate(api, "flexible_insurance", **{**FLEX, "group": "none"})) == (False, 0, 0)
    body = estimate(api, "flexible_insurance", **{**FLEX, "flexibly_employed": False})
    assert answer(body) == (False, 0, 0) and body["documents"] == []


# --- 职业技能培训补贴: 财社〔2017〕164号 第六条; 国办发〔2019〕24号 --------------------------------------

TRAIN = {"group": "rural_migrant", "certificate": "level4"}


def test_training_by_certificate_level(api):
    """164号 第六条: a rural migrant worker trained to 中级 (level 4) gets the level's amount
    (1,500 yuan, Jiangsu's figure to confirm); 专项职业能力 600; 高级 2,000."""
    assert answer(estimate(api, "training", **TRAIN)) == (True, 150_000, 0)
    assert answer(estimate(api, "training", **{**TRAIN, "certificate": "special"})) == (True, 60_000, 0)
    assert answer(estimate(api, "training", **{**TRAIN, "certificate": "level3"})) == (True, 200_000, 0)


def test_training_not_twice_for_the_same_trade_and_level(api):
    """国办发〔2019〕24号: '同一职业和等级不可重复享受'."""
    assert answer(estimate(api, "training", **TRAIN, same_before=True)) == (False, 0, 0)


def test_training_at_most_three_a_year(api):
    """国办发〔2019〕24号: '每人每年享受职业培训补贴不超过3次': the third is paid, a fourth not."""
    assert answer(estimate(api, "training", **TRAIN, claims_this_year=2)) == (True, 150_000, 0)
    assert answer(estimate(api, "training", **TRAIN, claims_this_year=3)) == (False, 0, 0)


def test_training_not_eligible(api):
    """164号 第六条: the five groups, and a certificate obtained (apply within 12 months: local)."""
    assert answer(estimate(api, "training", **{**TRAIN, "group": "none"})) == (False, 0, 0)
    assert answer(estimate(api, "training", **{**TRAIN, "certificate": "none"})) == (False, 0, 0)
    assert answer(estimate(api, "training", **TRAIN, months_since_certificate=13)) == (False, 0, 0)


# --- 创业担保贷款: 财金〔2020〕21号 ------------------------------------------------------------------

LOAN = {"applicant": "individual", "group": "returning_migrant"}


def test_startup_loan_individual(api):
    """21号 一、二: a migrant worker going home to start up borrows up to 300,000 yuan (the
    raised national ceiling; Jiangsu's figure to confirm) for 3 years; pays interest only to
    LPR − 150 bp = 1.50%; at the highest rate (LPR + 50 bp = 3.50%) the subsidy is 2.00% a
    year: 300,000 × 2% × 3 = 18,000 yuan."""
    body = estimate(api, "startup_loan", **LOAN)
    assert answer(body) == (True, 30_000_000, 36)
    assert "1.50%" in body["explanation"] and "¥18,000.00" in body["explanation"]


def test_startup_loan_amount_asked(api):
    """Asking for 100,000 yuan: that amount (and the ceiling named)."""
    body = estimate(api, "startup_loan", **LOAN, amount_wanted_fen=10_000_000)
    assert answer(body) == (True, 10_000_000, 36) and "¥300,000.00" in body["explanation"]


def test_startup_loan_partnership(api):
    """21号: '合伙创业的…最高不超过符合条件个人贷款总额度的10%' more: 3 graduates together:
    3 × 300,000 × 110% = 990,000 yuan. 7 partners: 2,310,000, capped at 2,000,000 (local cap)."""
    partners = {"applicant": "partnership", "group": "graduate"}
    assert answer(estimate(api, "startup_loan", **partners, partners=3)) == (True, 99_000_000, 36)
    assert answer(estimate(api, "startup_loan", **partners, partners=7)) == (True, 200_000_000, 36)


def test_startup_loan_small_business_by_its_new_hires(api):
    """21号: a small business whose new hires from the groups reach 15% of its staff (8% above
    100 staff) borrows up to 4,000,000 yuan (raised ceiling, to confirm): 6 of 40 yes, 5 of 40
    no; 16 of 200 yes, 15 of 200 no."""
    small = {"applicant": "small_business"}
    assert answer(estimate(api, "startup_loan", **small, staff=40, new_hires=6)) == (True, 400_000_000, 36)
    assert answer(estimate(api, "startup_loan", **small, staff=40, new_hires=5)) == (False, 0, 0)
    assert answer(estimate(api, "startup_loan", **small, staff=200, new_hires=16)) == (True, 400_000_000, 36)
    assert answer(estimate(api, "startup_loan", **small, staff=200, new_hires=15)) == (False, 0, 0)


def test_startup_loan_not_eligible(api):
    """21号: the groups listed; no other loans of the borrower or spouse (beyond home, car,
    student loans and small consumer credit)."""
    assert answer(estimate(api, "startup_loan", **{**LOAN, "group": "none"})) == (False, 0, 0)
    assert answer(estimate(api, "startup_loan", **LOAN, other_loans=True)) == (False, 0, 0)


# --- the API's edges, the list, the admin's guard, the seed --------------------------------------


def test_facts_are_checked_and_unknown_programmes_are_not_found(api):
    r = api.post("/api/v1/policies/flexible_insurance/estimate", {"group": "difficulty"})
    assert r.status_code == 422 and "flexibly_employed" in r.json()["error"]["fields"]
    r = api.post("/api/v1/policies/training/estimate", {"group": "astronaut", "certificate": 4})
    assert r.status_code == 422 and set(r.json()["error"]["fields"]) == {"group", "certificate"}
    r = api.post("/api/v1/policies/startup_loan/estimate", {**LOAN, "partners": True, "staff": -1})
    assert r.status_code == 422 and set(r.json()["error"]["fields"]) == {"partners", "staff"}
    assert api.post("/api/v1/policies/nothing/estimate", {}).status_code == 404
    Policy.objects.filter(code="training").update(active=False)
    assert api.post("/api/v1/policies/training/estimate", TRAIN).status_code == 404


def test_the_list_names_each_programme_and_its_questions(api):
    body = api.get("/api/v1/policies").json()
    assert [p["code"] for p in body["items"]] == ["flexible_insurance", "startup_loan", "training"]
    flex = body["items"][0]
    assert flex["name"] == "灵活就业社会保险补贴" and flex["documents"][0] == "身份证"
    assert {f["name"] for f in flex["facts"]} >= {"group", "flexibly_employed", "monthly_contribution_fen"}


def test_staff_change_a_parameter_and_the_answer_follows(api):
    """Staff keep the figures: a new contribution base changes the cap at once."""
    policy = Policy.objects.get(code="flexible_insurance")
    policy.params = {**policy.params, "base_fen": 500000}
    policy.save()
    body = estimate(api, "flexible_insurance", **{**FLEX, "monthly_contribution_fen": 150000})
    assert body["monthly_fen"] == 500000 * 2800 // 10000 * 2 // 3


def test_broken_parameters_are_refused_by_the_admin_rule(api):
    params = dict(Policy.objects.get(code="startup_loan").params)
    assert policies.param_problems("startup_loan", params) == {}
    assert set(policies.param_problems("startup_loan", {**params, "term_months": "36", "groups": "all"})) == {
        "term_months", "groups"}
    # If broken figures got in anyway, the calculator says it is being updated (no 500).
    Policy.objects.filter(code="startup_loan").update(params={**params, "lpr_bp": None})
    r = api.post("/api/v1/policies/startup_loan/estimate", LOAN)
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_available"


def test_the_seed_is_idempotent_and_keeps_staff_edits():
    seed = importlib.import_module("nuanxin.jobs.migrations.0002_fairs_seed_policies").seed
    Policy.objects.filter(code="training").update(name="职业技能培训补贴（2026）")
    seed(apps, None)
    seed(apps, None)
    assert Policy.objects.count() == 3
    assert Policy.objects.get(code="training").name == "职业技能培训补贴（2026）"


def test_the_admin_explains_each_parameter_and_refuses_broken_ones(make_user):
    from django.test import Client

    admin = make_user("admin", username="policy-admin")
    admin.is_superuser = True
    admin.save()
    c = Client()
    c.force_login(admin)
    policy = Policy.objects.get(code="flexible_insurance")
    url = f"/admin/jobs/policy/{policy.pk}/change/"
    html = c.get(url).content.decode()
    assert "<code>base_fen</code>" in html and "164号" in html
    form = {"name": policy.name, "summary": policy.summary, "documents": policy.documents, "source": "",
            "active": "on", "params": '{"share_numerator": 2}'}
    r = c.post(url, form)
    assert r.status_code == 200 and "share_denominator" in r.content.decode()  # refused, said why
    policy.refresh_from_db()
    assert policy.params["share_denominator"] == 3
    assert c.get("/admin/jobs/booth/").status_code == 200 and c.get("/admin/jobs/fair/add/").status_code == 200
