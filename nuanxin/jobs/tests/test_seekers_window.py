"""At the window: a mistyped phone number is a message beside the field, a person already
registered is opened as they are (never blanked by a second registration), a letter needs a
name, and the employer's word on an outcome reaches the advisor's file."""

import pytest
from django.test import Client

from nuanxin.jobs.models import Seeker
from nuanxin.jobs.services import referrals

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("phone", ["abc", "123", "12345678901"])
def test_a_mistyped_phone_is_a_field_message_not_an_error_page(job_world, phone):
    r = _as(job_world["advisor"]).post("/jobs/seekers/new/", {"phone": phone, "name": "马小龙",
                                                              "experience_years": "0"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()
    assert not Seeker.objects.filter(user__name="马小龙").exists()


def test_the_api_names_the_bad_phone(job_world, client_for):
    r = client_for(job_world["advisor"]).put("/api/v1/me/job-seeker", {"phone": "12345", "name": "马小龙"})
    assert r.status_code == 422 and "phone" in r.json()["error"]["fields"]


def test_registering_someone_again_opens_their_file_and_changes_nothing(job_world):
    seeker = job_world["seeker"]
    before = (list(seeker.occupations.values_list("code", flat=True)), seeker.skills, seeker.wanted_pay_fen)
    r = _as(job_world["advisor"]).post("/jobs/seekers/new/", {"phone": seeker.user.phone, "name": "",
                                                              "experience_years": "0", "hardship": "low_income"})
    assert r.status_code == 302 and r.url == f"/jobs/seekers/{seeker.pk}/"
    seeker.refresh_from_db()
    assert (list(seeker.occupations.values_list("code", flat=True)), seeker.skills, seeker.wanted_pay_fen) == before
    assert seeker.hardship != "low_income"


def test_a_letter_needs_a_name_which_the_file_can_fill(job_world, make_user):
    from nuanxin.jobs.services import seekers

    nameless = make_user("worker", name="")
    seeker = seekers.seeker_register(by=job_world["advisor"], phone=nameless.phone, data={
        "occupations": ["6-25-04-01"], "station_id": job_world["station"].pk})
    with pytest.raises(referrals.Conflict) as refused:
        referrals.referral_create(by=job_world["advisor"], seeker_id=seeker.pk, job_id=job_world["vacancy"].pk)
    assert refused.value.code == "no_name"
    _as(job_world["advisor"]).post(f"/jobs/seekers/{seeker.pk}/edit/", {
        "e-name": "牛二", "e-experience_years": "0"})
    nameless.refresh_from_db()
    assert nameless.name == "牛二"
    assert referrals.referral_create(by=job_world["advisor"], seeker_id=seeker.pk, job_id=job_world["vacancy"].pk)


def test_the_employers_word_on_an_outcome_reaches_the_advisors_file(job_world):
    w = job_world
    referral = referrals.referral_create(by=w["advisor"], seeker_id=w["seeker"].pk, job_id=w["vacancy"].pk,
                                         note="本人踏实肯干，请安排面试。")
    assert referral.note == "本人踏实肯干，请安排面试。"
    referrals.referral_outcome(by=w["boss"], referral_id=referral.pk, outcome="interviewed", note="面试表现不错，等体检。")
    page = _as(w["advisor"]).get(f"/jobs/seekers/{w['seeker'].pk}/").content.decode()
    assert "面试表现不错，等体检。" in page and "本人踏实肯干" in page


def test_closing_my_registration_asks_first(job_world):
    worker = _as(job_world["worker"])
    ask = worker.post("/jobs/me/close/", {"reason": "找到工作了"})
    assert ask.status_code == 200 and 'name="reason" value="找到工作了"' in ask.content.decode()
    job_world["seeker"].refresh_from_db()
    assert job_world["seeker"].status == "active"
    worker.post("/jobs/me/close/", {"reason": "找到工作了", "sure": "yes"})
    job_world["seeker"].refresh_from_db()
    assert job_world["seeker"].status == "closed"


def test_the_work_wanted_picker_offers_common_jobs_a_search_and_at_most_ten(job_world):
    from nuanxin.jobs.tests.factories import ensure_occupations

    ensure_occupations()
    worker = _as(job_world["other_worker"])
    page = worker.get("/jobs/me/register/").content.decode()
    assert 'value="4-02-07-08"' in page and page.count('name="occupations"') < 40  # 快递员, a short list
    found = worker.get("/jobs/me/register/", {"find": "焊工"}).content.decode()
    assert 'value="6-18-02-04"' in found  # 焊工, found by the search box (a GET, no script)
    too_many = worker.post("/jobs/me/register/", {"occupations": ["4-02-07-08", "4-10-08-01", "4-09-08-01",
                                                                   "4-10-01-06", "4-07-05-01", "4-03-02-05",
                                                                   "4-03-02-01", "6-31-01-03", "6-18-02-04",
                                                                   "4-02-06-01", "6-20-01-01"],
                                                   "experience_years": "1"})
    assert too_many.status_code == 200 and 'aria-invalid="true"' in too_many.content.decode()
    ok = worker.post("/jobs/me/register/", {"occupations": ["6-18-02-04"], "experience_years": "1"})
    assert ok.status_code == 302
