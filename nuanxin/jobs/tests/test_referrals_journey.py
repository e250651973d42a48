"""The acceptance: a referral's whole life through the API and through the pages (an advisor
refers, the employer scans the letter and records a hire, the registration closes as placed)."""

import re

import pytest
from django.test import Client

from nuanxin.accounts.models import InboxMessage
from nuanxin.jobs.models import Referral, ReferralHistory, Seeker
from nuanxin.jobs.tests.factories import make_vacancy

pytestmark = pytest.mark.django_db


def test_a_referral_through_the_api(job_world, client_for):
    w = job_world
    seeker, vacancy = w["seeker"], w["vacancy"]
    other = make_vacancy(w["employer"], title="仓储管理员", occupation="4-02-06-01")
    advisor = client_for(w["advisor"])

    # The advisor sees the vacancy among the seeker's suggestions, with reasons.
    r = advisor.get(f"/api/v1/job-seekers/{seeker.pk}/suggestions")
    assert r.status_code == 200, r.content
    first = r.json()["items"][0]
    assert first["job"]["id"] == vacancy.pk and first["occupation_match"] == "same_occupation"
    assert first["skills_in_common"] == ["焊接"] and first["reasons"]

    r = advisor.post("/api/v1/referrals", {"seeker_id": seeker.pk, "job_id": vacancy.pk, "note": "踏实肯干"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "referred" and "/jobs/letters/" in body["letter_url"]
    token = Referral.objects.get(pk=body["id"]).token
    assert body["letter_url"].endswith(f"/jobs/letters/{token}/") and len(token) >= 24  # random, no ids
    assert advisor.post("/api/v1/referrals", {"seeker_id": seeker.pk, "job_id": vacancy.pk}).json()[
        "error"]["code"] == "already_referred"
    # Referred, the vacancy leaves the suggestions (it is on the referrals).
    suggested = [i["job"]["id"] for i in advisor.get(f"/api/v1/job-seekers/{seeker.pk}/suggestions").json()["items"]]
    assert vacancy.pk not in suggested
    second = advisor.post("/api/v1/referrals", {"seeker_id": seeker.pk, "job_id": other.pk}).json()
    assert InboxMessage.objects.filter(user=w["worker"], kind="jobs.referred").count() == 2

    # The worker sees both referrals with letters.
    mine = client_for(w["worker"]).get("/api/v1/me/referrals").json()
    assert mine["count"] == 2 and mine["items"][0]["seeker"]["name"] == "马小花"

    boss = client_for(w["boss"])
    r = boss.post(f"/api/v1/referrals/{body['id']}/outcome", {"outcome": "interviewed"})
    assert r.status_code == 200 and r.json()["status"] == "interviewed", r.content
    r = boss.post(f"/api/v1/referrals/{body['id']}/outcome", {"outcome": "hired"})
    assert r.status_code == 200, r.content
    detail = r.json()
    assert [h["status"] for h in detail["history"]] == ["referred", "interviewed", "hired"]
    assert [h["by"] for h in detail["history"]] == ["staff", "you", "you"]
    assert all(h["at"] for h in detail["history"]) and detail["decided_at"] and detail["interviewed_at"]

    seeker.refresh_from_db()
    assert seeker.status == "placed" and seeker.placed_at is not None and seeker.next_contact_on is None
    assert Referral.objects.get(pk=second["id"]).status == "cancelled"
    assert ReferralHistory.objects.get(referral_id=second["id"], to_status="cancelled").note
    assert InboxMessage.objects.filter(user=w["advisor"], kind="jobs.referral_outcome").exists()
    assert InboxMessage.objects.filter(user=w["worker"], kind="jobs.hired").exists()
    # Decided: no further outcome.
    assert boss.post(f"/api/v1/referrals/{body['id']}/outcome", {"outcome": "not_hired"}).status_code == 409
    seen = client_for(w["worker"]).get(f"/api/v1/referrals/{body['id']}").json()
    assert seen["status"] == "hired" and [h["by"] for h in seen["history"]] == ["staff", "employer", "employer"]


def _csrf_free(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_referral_through_the_pages(job_world):
    w = job_world
    seeker, vacancy = w["seeker"], w["vacancy"]
    advisor = _csrf_free(w["advisor"])

    page = advisor.get(f"/jobs/seekers/{seeker.pk}/")
    assert page.status_code == 200
    assert f'data-job-id="{vacancy.pk}"' in page.content.decode()
    r = advisor.post(f"/jobs/seekers/{seeker.pk}/refer/", {"job_id": vacancy.pk, "note": "踏实肯干"})
    referral = Referral.objects.get(seeker=seeker)
    assert r.status_code == 302 and r.url == f"/jobs/letters/{referral.token}/"

    # The letter: the name in full for the advisor, masked for anyone else holding it; a QR code.
    letter = advisor.get(r.url).content.decode()
    assert "马小花" in letter and "<svg" in letter and "淳华科技" in letter and "0512-57000001" in letter
    assert "踏实肯干" in letter  # the advisor's note for the employer is on the letter
    anonymous = Client().get(r.url).content.decode()
    assert "马**" in anonymous and "马小花" not in anonymous
    outcome_url = f"/jobs/letters/{referral.token}/outcome/"
    assert outcome_url in anonymous  # in the QR code's target, printed under it too

    # The employer scans it: sign-in first, then the form.
    assert Client().get(outcome_url).status_code == 302
    assert _csrf_free(w["other_boss"]).get(outcome_url).status_code == 404
    boss = _csrf_free(w["boss"])
    form = boss.get(outcome_url)
    assert form.status_code == 200 and "马小花" in form.content.decode()
    r = boss.post(outcome_url, {"outcome": "hired", "note": "下周一入职"})
    assert r.status_code == 302
    referral.refresh_from_db()
    seeker.refresh_from_db()
    assert referral.status == "hired" and referral.decided_at is not None
    assert seeker.status == "placed" and seeker.placed_at is not None
    assert "This referral is decided" in boss.get(outcome_url, HTTP_ACCEPT_LANGUAGE="en").content.decode() or \
        re.search("hired|录用", boss.get(outcome_url).content.decode())

    # The worker's page shows it.
    mine = _csrf_free(w["worker"]).get("/jobs/me/").content.decode()
    assert f"/jobs/letters/{referral.token}/" in mine
    assert Seeker.objects.get(pk=seeker.pk).status == "placed"
