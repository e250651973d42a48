"""The job-fair and calculator pages through Django's client: plain forms, no JavaScript. The
list and a fair (public), a seeker signing up (code and QR) and checking in by the fair's QR,
an employer booking (with the refusals in words) and cancelling, staff setting up a fair, the
door and the booth roll, who may see the staff pages, the calculator in 长辈版 and English."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nuanxin.jobs.models import Booth, Fair, FairVisit
from nuanxin.jobs.services import fairs as services
from nuanxin.jobs.tests.factories import HOUR, fair_employer

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_list_and_a_fair_are_public(make_fair, make_user, client):
    fair = make_fair(booths=4)
    contact = make_user("employer")
    fair_employer(contact, name="淳华科技(昆山)有限公司")
    services.book_booth(fair_id=fair.pk, by=contact)
    past = make_fair(starts=timezone.now() - 3 * datetime.timedelta(days=1))
    r = client.get("/jobs/fairs/")
    assert r.status_code == 200
    html = r.content.decode()
    assert f'data-fair-id="{fair.pk}"' in html and 'id="past-fairs"' in html and f'data-fair-id="{past.pk}"' in html
    r = client.get(f"/jobs/fairs/{fair.pk}/")
    html = r.content.decode()
    assert "淳华科技(昆山)有限公司" in html and "昆山人力资源市场劳动者服务中心" in html
    assert 'id="booths-left"' in html and "3" in re.search(r'id="booths-left">([^<]*)<', html).group(1)
    assert 'id="sign-in-to-sign-up"' in html and 'id="to-door"' not in html
    # Signed out, the sign-up button leads to sign-in and back to the fair.
    r = client.post(f"/jobs/fairs/{fair.pk}/sign-up/", HTTP_REFERER=f"http://testserver/jobs/fairs/{fair.pk}/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"] and f"/jobs/fairs/{fair.pk}/" in r["Location"]
    assert client.get("/jobs/fairs/404404/").status_code == 404


def test_a_seeker_signs_up_and_sees_the_code_and_qr(make_fair, make_user):
    fair = make_fair()
    c = signed_in(make_user("worker"))
    assert 'id="sign-up"' in c.get(f"/jobs/fairs/{fair.pk}/").content.decode()
    r = c.post(f"/jobs/fairs/{fair.pk}/sign-up/", follow=True)
    html = r.content.decode()
    code = FairVisit.objects.get(fair=fair).code
    assert f'id="visit-code">{code}<' in html and "<svg" in html
    # Signing up again says so in words.
    r = c.post(f"/jobs/fairs/{fair.pk}/sign-up/", follow=True)
    assert "already signed up" in r.content.decode() or "已" in r.content.decode()


def test_self_check_in_by_the_fairs_door_qr(make_fair, make_user):
    fair = make_fair(starts=timezone.now() - HOUR)
    c = signed_in(make_user("worker"))
    url = f"/jobs/fairs/{fair.pk}/in/?t={services.door_token(fair)}"
    assert c.get(url).status_code == 200
    assert c.get(f"/jobs/fairs/{fair.pk}/in/?t=forged").status_code == 404
    r = c.post(f"/jobs/fairs/{fair.pk}/in/", {"t": services.door_token(fair)})
    assert r.status_code == 302
    assert FairVisit.objects.get(fair=fair).checked_in_at is not None
    # Signed out: sign in first, then back to the same QR page.
    r = Client().post(f"/jobs/fairs/{fair.pk}/in/", {"t": services.door_token(fair)})
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_an_employer_books_and_cancels_and_sees_refusals_in_words(make_fair, make_user, fair_roles):
    fair = make_fair()
    c = signed_in(fair_roles["verified_employer"])
    assert 'id="book-booth"' in c.get(f"/jobs/fairs/{fair.pk}/").content.decode()
    r = c.post(f"/jobs/fairs/{fair.pk}/book/", follow=True)
    html = r.content.decode()
    booth = Booth.objects.get(fair=fair)
    assert 'id="my-booth"' in html and 'id="cancel-booth"' in html and booth.number == 1
    ask = c.post(f"/jobs/fairs/{fair.pk}/cancel/", {"booth_id": booth.pk})  # one tap only asks
    assert ask.status_code == 200 and 'id="confirm-yes"' in ask.content.decode()
    booth.refresh_from_db()
    assert booth.status == "booked"
    r = c.post(f"/jobs/fairs/{fair.pk}/cancel/", {"booth_id": booth.pk, "sure": "yes"}, follow=True)
    booth.refresh_from_db()
    assert booth.status == "cancelled" and 'id="book-booth"' in r.content.decode()
    for role, code in (("employer_without_vacancy", "no_approved_vacancy"), ("barred_employer", "barred"),
                       ("unverified_employer", "employer_not_verified")):
        html = signed_in(fair_roles[role]).get(f"/jobs/fairs/{fair.pk}/").content.decode()
        assert f'data-code="{code}"' in html and 'id="book-booth"' not in html, role
        r = signed_in(fair_roles[role]).post(f"/jobs/fairs/{fair.pk}/book/", follow=True)
        assert 'class="error"' in r.content.decode() or "messages" in r.content.decode()
        assert not Booth.objects.filter(fair=fair, status="booked").exists()


def test_staff_set_up_a_fair(fair_center, fair_advisor, make_user):
    c = signed_in(fair_advisor)
    assert c.get("/jobs/fairs/new/").status_code == 200
    day = timezone.localdate() + datetime.timedelta(days=7)
    r = c.post("/jobs/fairs/new/", {"title": "新市民专场招聘会", "place": fair_center.pk, "day": day.isoformat(),
                                     "starts": "09:00", "ends": "08:00", "booths": "40"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()  # ends before it starts
    r = c.post("/jobs/fairs/new/", {"title": "新市民专场招聘会", "place": fair_center.pk, "day": day.isoformat(),
                                     "starts": "09:00", "ends": "12:00", "booths": "40"})
    fair = Fair.objects.get(title="新市民专场招聘会")
    assert r.status_code == 302 and r["Location"] == f"/jobs/fairs/{fair.pk}/"
    assert fair.booths == 40 and timezone.localtime(fair.starts_at).hour == 9
    for role in ("worker", "employer", "official"):
        assert signed_in(make_user(role)).get("/jobs/fairs/new/").status_code == 404


def test_the_door_checks_in_by_code_and_shows_the_fairs_qr(make_fair, make_user, fair_advisor):
    fair = make_fair(starts=timezone.now() - HOUR)
    visit = services.sign_up(fair_id=fair.pk, by=make_user("worker", name="王芳"))
    c = signed_in(fair_advisor)
    r = c.get(f"/jobs/fairs/{fair.pk}/door/?code={visit.code}")
    html = r.content.decode()
    assert r.status_code == 200 and f'value="{visit.code}"' in html and "<svg" in html
    r = c.post(f"/jobs/fairs/{fair.pk}/door/", {"code": visit.code}, follow=True)
    assert "王*" in r.content.decode()
    visit.refresh_from_db()
    assert visit.checked_in_at is not None
    r = c.post(f"/jobs/fairs/{fair.pk}/door/", {"code": "12345x"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()
    for role in ("worker", "employer", "official"):
        assert signed_in(make_user(role)).get(f"/jobs/fairs/{fair.pk}/door/").status_code == 404


def test_the_booth_roll_after_the_fair(make_fair, make_user, fair_advisor):
    fair = make_fair()
    contact = make_user("employer")
    fair_employer(contact)
    booth = services.book_booth(fair_id=fair.pk, by=contact)
    c = signed_in(fair_advisor)
    assert 'id="roll-not-yet"' in c.get(f"/jobs/fairs/{fair.pk}/roll/").content.decode()
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - 3 * HOUR, ends_at=timezone.now() - HOUR)
    r = c.post(f"/jobs/fairs/{fair.pk}/roll/", {"booth_id": booth.pk, "attended": "0"}, follow=True)
    booth.refresh_from_db()
    assert booth.status == "no_show" and f'data-booth-id="{booth.pk}"' in r.content.decode()
    # Officials read the roll; nobody else sees it.
    official = signed_in(make_user("official"))
    html = official.get(f"/jobs/fairs/{fair.pk}/roll/").content.decode()
    assert f'data-booth-id="{booth.pk}"' in html and 'name="attended"' not in html
    assert official.post(f"/jobs/fairs/{fair.pk}/roll/", {"booth_id": booth.pk, "attended": "1"}).status_code == 302
    booth.refresh_from_db()
    assert booth.status == "no_show"  # the official's post was refused
    assert signed_in(contact).get(f"/jobs/fairs/{fair.pk}/roll/").status_code == 404


def test_intentions_from_the_fair_page(make_fair, make_user, fair_advisor):
    fair = make_fair()
    contact = make_user("employer")
    fair_employer(contact)
    services.book_booth(fair_id=fair.pk, by=contact)
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)
    visit = services.sign_up(fair_id=fair.pk, by=make_user("worker"))
    services.door_check_in(fair_id=fair.pk, by=fair_advisor, code=visit.code)
    c = signed_in(contact)
    assert 'id="intention-form"' in c.get(f"/jobs/fairs/{fair.pk}/").content.decode()
    c.post(f"/jobs/fairs/{fair.pk}/intention/", {"code": visit.code})
    visit.refresh_from_db()
    assert visit.intentions == 1


# --- the calculator --------------------------------------------------------------------------------


def test_the_calculator_answers_plain_questions_without_javascript(client):
    r = client.get("/jobs/policies/")
    html = r.content.decode()
    assert r.status_code == 200 and 'data-policy="flexible_insurance"' in html
    r = client.get("/jobs/policies/flexible_insurance/")
    assert r.status_code == 200 and 'id="facts-form"' in r.content.decode() and 'id="answer"' not in r.content.decode()
    r = client.get("/jobs/policies/flexible_insurance/", {
        "go": "1", "group": "difficulty", "flexibly_employed": "yes", "monthly_contribution_fen": "900",
        "months_received": "0", "years_to_retirement": "20"})
    html = r.content.decode()
    assert 'data-eligible="yes" data-amount-fen="2160000" data-months="36"' in html
    assert 'id="bring"' in html and "身份证" in html
    # A question left out is shown beside its field.
    r = client.get("/jobs/policies/flexible_insurance/", {"go": "1", "group": "difficulty"})
    assert 'id="answer"' not in r.content.decode() and "error" in r.content.decode()
    assert client.get("/jobs/policies/nothing/").status_code == 404


def test_the_calculator_in_elder_mode_and_english(client):
    client.post(reverse("core:elder"), {"on": "1", "next": "/jobs/policies/"})
    client.cookies["django_language"] = "en"
    r = client.get("/jobs/policies/training/", {"go": "1", "group": "rural_migrant", "certificate": "level4"},
                   HTTP_ACCEPT_LANGUAGE="en")
    html = r.content.decode()
    assert 'class="elder"' in html
    assert "Skills training subsidy" in html and 'data-amount-fen="150000"' in html
    # Chinese is only data (the programme's official name, the documents), marked as such.
    from nuanxin.tests.test_english import _Text

    parser = _Text()
    parser.feed(html)
    assert parser.found == [], parser.found
    for path in ("/jobs/fairs/", "/jobs/policies/"):
        parser = _Text()
        parser.feed(client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        assert parser.found == [], (path, parser.found)
