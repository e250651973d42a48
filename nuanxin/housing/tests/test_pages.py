"""The housing pages through Django's client: plain form posts, no JavaScript. Find a bed,
apply, My stay with its code, cancel with a confirmation, and the staff pages with who may
see them."""

import datetime
import re

import pytest
from django.test import Client

from nuanxin.housing import services
from nuanxin.housing.models import Application, Bed, BedNight

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def signed_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def apply_body(**extra) -> dict:
    body = {"check_in": str(services.today()), "nights": "3", "who": "male", "looking_for_work": "on",
            "reason": "刚到昆山找工作", "adults_with": "0", "minors": "0"}
    body.update(extra)
    return body


def test_find_a_bed_lists_residences_nearest_first_without_javascript(make_residence, client):
    far = make_residence(town="bacheng", lat=31.445, lon=120.875)
    near = make_residence(town="yushan", lat=31.385, lon=120.958)
    r = client.get("/housing/", {"town": "yushan"})
    assert r.status_code == 200
    html = r.content.decode()
    assert html.index(f'data-residence-id="{near.pk}"') < html.index(f'data-residence-id="{far.pk}"')
    assert "/places/map/?kind=residence" in html
    assert f"/housing/{near.pk}/#apply" in html
    # A phone's location orders the list too, with the distance in metres.
    r = client.get("/housing/", {"lat": "31.4451", "lon": "120.8751"})
    html = r.content.decode()
    assert html.index(f'data-residence-id="{far.pk}"') < html.index(f'data-residence-id="{near.pk}"')
    assert re.search(rf'data-residence-id="{far.pk}" data-distance-m="\d+"', html)


def test_residence_page_signed_out_asks_to_sign_in_and_comes_back(make_residence, client):
    home = make_residence()
    r = client.get(f"/housing/{home.pk}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "uri.amap.com/marker" in html and 'id="free-week"' in html and "22:00后保持安静" in html
    assert 'id="sign-in-to-apply"' in html and 'id="apply-button"' not in html
    # A post while signed out goes to sign-in, and back to the residence page after it.
    r = client.post(f"/housing/{home.pk}/apply/", apply_body(), HTTP_REFERER=f"http://testserver/housing/{home.pk}/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"] and f"/housing/{home.pk}/" in r["Location"]
    assert client.get("/housing/404404/").status_code == 404


def test_apply_by_form_then_my_stay_shows_the_code_as_qr_and_links_to_jobs(make_residence, newcomer, make_place):
    home = make_residence()
    make_place(kind="employment_station", lat=31.381, lon=120.981, name="就业驿站A")
    worker = newcomer()
    c = signed_in(worker)
    page = c.get(f"/housing/{home.pk}/").content.decode()
    # The arrival day on file is shown in the form, so a wrong one can be put right there.
    arrived = str(services.today() - 3 * DAY)
    assert 'id="apply-button"' in page and f'name="arrived_on" value="{arrived}"' in page
    r = c.post(f"/housing/{home.pk}/apply/", apply_body(arrived_on=arrived))
    assert r.status_code == 302 and r["Location"] == "/housing/mine/#stay"
    app = Application.objects.get(applicant=worker)
    assert app.status == "allocated" and BedNight.objects.filter(application=app).count() == 3
    html = c.get("/housing/mine/").content.decode()
    assert f'<strong id="code-digits">{app.code}</strong>' in html
    assert "<svg" in html and "uri.amap.com/marker" in html
    assert "就业驿站A" in html
    assert f"/gigs/?lat={home.place.lat:.6f}&amp;lon={home.place.lon:.6f}&amp;sort=distance" in html
    # Applying again is refused in plain words: one request at a time.
    page = c.get(f"/housing/{home.pk}/").content.decode()
    assert 'id="apply-button"' not in page and "/housing/mine/" in page


def test_a_family_request_goes_to_review(make_residence, newcomer):
    home = make_residence()
    worker = newcomer()
    r = signed_in(worker).post(f"/housing/{home.pk}/apply/", apply_body(who="family", adults_with="1", minors="2"))
    assert r.status_code == 302
    app = Application.objects.get(applicant=worker)
    assert (app.status, app.party_size, app.adults, app.minors, app.sex) == ("pending_review", 4, 2, 2, "")


def test_unverified_or_unknown_arrival_gets_what_to_do(make_residence, make_user, newcomer):
    home = make_residence()
    stranger = make_user("worker")  # no ID number yet
    page = signed_in(stranger).get(f"/housing/{home.pk}/").content.decode()
    assert 'id="verify-first"' in page and "/accounts/profile/" in page
    r = signed_in(stranger).post(f"/housing/{home.pk}/apply/", apply_body())
    assert r.status_code == 200 and 'id="refusal"' in r.content.decode()
    assert not Application.objects.filter(applicant=stranger).exists()
    # A verified worker whose arrival day is unknown gives it on the form.
    from nuanxin.accounts.models import WorkerProfile

    worker = newcomer()
    WorkerProfile.objects.filter(user=worker).update(arrived_on=None)
    c = signed_in(worker)
    assert 'name="arrived_on"' in c.get(f"/housing/{home.pk}/").content.decode()
    r = c.post(f"/housing/{home.pk}/apply/", apply_body(arrived_on=str(services.today() - 2 * DAY)))
    assert r.status_code == 302
    assert Application.objects.get(applicant=worker).status == "allocated"


def test_a_bad_form_shows_errors_beside_the_fields(make_residence, newcomer):
    home = make_residence()
    r = signed_in(newcomer()).post(f"/housing/{home.pk}/apply/",
                                   apply_body(check_in=str(services.today() - DAY), nights="0"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'aria-invalid="true"' in html and 'class="error"' in html


def test_cancel_asks_first_then_frees_the_nights(make_residence, newcomer):
    home = make_residence()
    worker = newcomer()
    c = signed_in(worker)
    c.post(f"/housing/{home.pk}/apply/", apply_body())
    app = Application.objects.get(applicant=worker)
    r = c.post(f"/housing/mine/{app.pk}/cancel/")
    assert r.status_code == 200 and 'id="cancel-sure"' in r.content.decode()
    assert Application.objects.get(pk=app.pk).status == "allocated"
    r = c.post(f"/housing/mine/{app.pk}/cancel/", {"sure": "yes"})
    assert r.status_code == 302
    assert Application.objects.get(pk=app.pk).status == "cancelled"
    assert not BedNight.objects.filter(application=app).exists()
    # Someone else's request is not found.
    other = newcomer()
    assert signed_in(other).post(f"/housing/mine/{app.pk}/cancel/", {"sure": "yes"}).status_code == 404


def test_manager_checks_in_by_code_and_never_sees_it(make_residence, newcomer, make_user):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    worker = newcomer(name="王小明")
    signed_in(worker).post(f"/housing/{home.pk}/apply/", apply_body())
    app = Application.objects.get(applicant=worker)
    m = signed_in(manager)
    assert f"/housing/staff/{home.pk}/" in m.get("/housing/staff/").content.decode()
    day = m.get(f"/housing/staff/{home.pk}/").content.decode()
    assert f'data-application-id="{app.pk}"' in day
    assert app.code not in day and "王小明" not in day and "王**" in day
    # The QR on My stay opens this page with the code filled in.
    assert f'value="{app.code}"' in m.get(f"/housing/staff/{home.pk}/?code={app.code}").content.decode()
    r = m.post(f"/housing/staff/{home.pk}/check-in-code/", {"code": "000000" if app.code != "000000" else "111111"})
    assert r.status_code == 302 and Application.objects.get(pk=app.pk).status == "allocated"
    r = m.post(f"/housing/staff/{home.pk}/check-in-code/", {"code": app.code})
    assert r.status_code == 302 and Application.objects.get(pk=app.pk).status == "checked_in"
    # Extend with a note, then check out: the bed waits for cleaning, then is cleaned.
    m.post(f"/housing/staff/{home.pk}/extend/", {"app_id": app.pk, f"e{app.pk}-nights": "2",
                                                f"e{app.pk}-note": "周一入职"})
    assert Application.objects.get(pk=app.pk).nights == 5
    # Check-out asks first: one tap does not send a guest away.
    ask = m.post(f"/housing/staff/{home.pk}/check-out/", {"app_id": app.pk})
    assert ask.status_code == 200 and 'name="sure" value="yes"' in ask.content.decode()
    assert Application.objects.get(pk=app.pk).status == "checked_in"
    m.post(f"/housing/staff/{home.pk}/check-out/", {"app_id": app.pk, "sure": "yes"})
    assert Application.objects.get(pk=app.pk).status == "checked_out"
    bed = Bed.objects.get(pk=app.bed_id)
    assert bed.needs_cleaning
    assert f'data-bed-id="{bed.pk}"' in m.get(f"/housing/staff/{home.pk}/").content.decode()
    m.post(f"/housing/staff/{home.pk}/cleaned/", {"bed_id": bed.pk})
    assert not Bed.objects.get(pk=bed.pk).needs_cleaning
    # The calendar is a table of the next 14 nights.
    cal = m.get(f"/housing/staff/{home.pk}/calendar/").content.decode()
    assert cal.count('<th scope="row">') == 14


def test_a_manager_of_another_residence_and_a_worker_get_404(make_residence, newcomer, make_user):
    mine_manager = make_user("station_manager")
    home = make_residence(managers=[mine_manager])
    other = make_residence(managers=[make_user("station_manager")])
    worker = newcomer()
    signed_in(worker).post(f"/housing/{other.pk}/apply/", apply_body())
    app = Application.objects.get(applicant=worker)
    m = signed_in(mine_manager)
    for path in (f"/housing/staff/{other.pk}/", f"/housing/staff/{other.pk}/calendar/",
                 f"/housing/staff/{other.pk}/queue/"):
        assert m.get(path).status_code == 404, path
    assert m.post(f"/housing/staff/{other.pk}/check-in/", {"app_id": app.pk}).status_code == 404
    # Through their own residence's address, another residence's stay is not found either.
    m.post(f"/housing/staff/{home.pk}/check-in/", {"app_id": app.pk})
    assert Application.objects.get(pk=app.pk).status == "allocated"
    w = signed_in(worker)
    for path in ("/housing/staff/", f"/housing/staff/{other.pk}/", "/housing/staff/shelter/"):
        assert w.get(path).status_code == 404, path
    assert signed_in(mine_manager).get("/housing/staff/shelter/").status_code == 404


def test_review_queue_shows_the_draw_and_staff_allocate_and_reject(make_residence, newcomer, make_user):
    advisor = make_user("advisor")
    home = make_residence()
    first, second = newcomer(), newcomer()
    tomorrow = str(services.today() + DAY)
    signed_in(first).post(f"/housing/{home.pk}/apply/", apply_body(check_in=tomorrow, nights="10"))
    signed_in(second).post(f"/housing/{home.pk}/apply/", apply_body(check_in=tomorrow, who="family", minors="1"))
    a1, a2 = Application.objects.get(applicant=first), Application.objects.get(applicant=second)
    assert a1.status == a2.status == "pending_review"
    c = signed_in(advisor)
    html = c.get(f"/housing/staff/{home.pk}/queue/").content.decode()
    draw = services.selectors.draw_of(services.today() + DAY)
    assert draw.commitment in html and draw.seed not in html
    # Families with children come before other requests.
    assert html.index(f'data-application-id="{a2.pk}"') < html.index(f'data-application-id="{a1.pk}"')
    c.post(f"/housing/staff/{home.pk}/reject/", {"app_id": a1.pk, f"r{a1.pk}-note": "住满了", "back": "queue"})
    assert Application.objects.get(pk=a1.pk).status == "rejected"
    r = c.post(f"/housing/staff/{home.pk}/allocate-day/", {"night": tomorrow, "back": "queue"})
    assert r.status_code == 302 and r["Location"].endswith("/queue/")
    assert Application.objects.get(pk=a2.pk).status == "allocated"
    assert services.selectors.draw_of(services.today() + DAY).revealed_at is not None


def test_forfeited_stay_can_be_appealed_and_staff_decide(make_residence, newcomer, make_user):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    worker = newcomer()
    c = signed_in(worker)
    c.post(f"/housing/{home.pk}/apply/", apply_body())
    app = Application.objects.get(applicant=worker)
    services.forfeit_due(now=services.timezone.now() + 2 * DAY)
    assert Application.objects.get(pk=app.pk).status == "forfeited"
    html = c.get("/housing/mine/").content.decode()
    assert f"/housing/mine/{app.pk}/appeal/" in html
    c.post(f"/housing/mine/{app.pk}/appeal/", {f"a{app.pk}-text": "火车晚点"})
    assert Application.objects.get(pk=app.pk).appeal_status == "pending"
    m = signed_in(manager)
    assert "火车晚点" in m.get(f"/housing/staff/{home.pk}/").content.decode()
    m.post(f"/housing/staff/{home.pk}/uphold/", {"app_id": app.pk})
    assert Application.objects.get(pk=app.pk).appeal_status == "upheld"


def test_rescue_station_shelters_a_case_tonight(make_residence, make_user):
    from nuanxin.cases import services as cases

    rescue = make_user("rescue")
    home = make_residence()
    person = make_user("worker", name="李四")
    case = cases.case_open(type="emergency", summary="没地方住", by=person, town="yushan")
    c = signed_in(rescue)
    assert "/housing/staff/shelter/" in c.get("/housing/staff/").content.decode()
    r = c.post("/housing/staff/shelter/", {"case_id": case.pk, "who": "male", "nights": "2", "residence_id": home.pk,
                                          "adults": "1", "minors": "0", "note": "暴雨"})
    assert r.status_code == 302 and r["Location"] == f"/housing/staff/{home.pk}/"
    app = Application.objects.get(applicant=person)
    assert (app.status, app.referral, app.case_id, app.check_in) == ("allocated", "rescue", case.pk, services.today())
    # A case that does not exist is said beside the form, not as an error page.
    r = c.post("/housing/staff/shelter/", {"case_id": 999999, "who": "male", "nights": "1"})
    assert r.status_code == 200 and 'class="error"' in r.content.decode()


def test_nav_shows_find_a_bed_and_staff_link_to_managers_only(make_residence, make_user, client):
    manager = make_user("station_manager")
    make_residence(managers=[manager])
    assert "/housing/" in client.get("/").content.decode()
    assert "/housing/staff/" in signed_in(manager).get("/settings/").content.decode()
    assert "/housing/staff/" not in signed_in(make_user("worker")).get("/settings/").content.decode()


def test_the_admin_edits_residences_and_shows_stays_read_only(make_residence, newcomer, make_user):
    home = make_residence()
    worker = newcomer()
    signed_in(worker).post(f"/housing/{home.pk}/apply/", apply_body())
    app = Application.objects.get(applicant=worker)
    admin = make_user("admin", username="admin-housing")
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    c = signed_in(admin)
    unit = home.units.first()
    for path in ("/admin/housing/residence/", f"/admin/housing/residence/{home.pk}/change/",
                 "/admin/housing/unit/", f"/admin/housing/unit/{unit.pk}/change/",
                 "/admin/housing/bed/?needs_cleaning__exact=1", "/admin/housing/application/",
                 "/admin/housing/draw/"):
        assert c.get(path).status_code == 200, path
    page = c.get(f"/admin/housing/application/{app.pk}/change/").content.decode()
    assert '<td class="field-to_status">' in page
    assert app.code not in page  # the guest's code is theirs to show
    assert 'name="status"' not in page  # statuses change only through the services
    assert c.get("/admin/housing/application/add/").status_code == 403
