"""Job fairs through the API (API.md "Jobs and employment services"): who may do what (every
new endpoint × role), booking rules (approved vacancy, one per employer, closing at the start,
the no-show bar), a cancel giving the booth back once, seekers' sign-up with an SMS code and
check-in at the door or by the fair's own QR, and intentions reached."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts import sms
from nuanxin.conftest import ApiClient
from nuanxin.jobs.models import Booth, Fair, FairVisit
from nuanxin.jobs.selectors import fairs as selectors
from nuanxin.jobs.services import fairs as services
from nuanxin.jobs.tests.factories import DAY, HOUR, bar, fair_employer, fair_vacancy

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "worker", "unverified_employer", "employer_without_vacancy", "barred_employer",
         "verified_employer", "advisor", "official"]


def client(user, client_for):
    return ApiClient() if user is None else client_for(user)


def code_of(r):
    body = r.json()
    return r.status_code, body.get("error", {}).get("code") if r.status_code >= 400 else None


def fair_body(place, **extra):
    start = timezone.now() + 7 * DAY
    body = {"title": "昆山人力资源市场新市民专场招聘会", "place_id": place.pk, "starts_at": start.isoformat(),
            "ends_at": (start + 3 * HOUR).isoformat(), "booths": 20}
    body.update(extra)
    return body


# --- permissions: every endpoint × role ------------------------------------------------------------

CREATE = {"anonymous": (401, "not_authenticated"), "worker": (403, "forbidden"),
          "unverified_employer": (403, "forbidden"), "employer_without_vacancy": (403, "forbidden"),
          "barred_employer": (403, "forbidden"), "verified_employer": (403, "forbidden"), "advisor": (201, None),
          "official": (403, "forbidden")}
BOOK = {"anonymous": (401, "not_authenticated"), "worker": (403, "forbidden"),
        "unverified_employer": (403, "employer_not_verified"), "employer_without_vacancy": (403, "no_approved_vacancy"),
        "barred_employer": (409, "barred"), "verified_employer": (201, None), "advisor": (403, "forbidden"),
        "official": (403, "forbidden")}
ROLL = {"anonymous": (401, "not_authenticated"), "worker": (404, "not_found"),
        "unverified_employer": (404, "not_found"), "employer_without_vacancy": (404, "not_found"),
        "barred_employer": (404, "not_found"), "verified_employer": (404, "not_found"), "advisor": (200, None),
        "official": (200, None)}
CHECKIN = {"anonymous": (401, "not_authenticated"), "worker": (201, None),
           **{r: (403, "forbidden") for r in ROLES[2:]}}
DOOR = {"anonymous": (401, "not_authenticated"), **{r: (403, "forbidden") for r in ROLES[1:]},
        "advisor": (200, None)}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_fair(role, fair_roles, fair_center, client_for):
    r = client(fair_roles[role], client_for).post("/api/v1/fairs", fair_body(fair_center))
    assert code_of(r) == CREATE[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_the_fairs(role, fair_roles, make_fair, client_for):
    fair = make_fair()
    c = client(fair_roles[role], client_for)
    r = c.get("/api/v1/fairs")
    assert r.status_code == 200 and [f["id"] for f in r.json()["items"]] == [fair.pk]
    assert set(r.json()["items"][0]) >= {"id", "title", "place", "starts_at", "booths", "booths_taken"}
    assert c.get(f"/api/v1/fairs/{fair.pk}").status_code == 200
    assert c.get("/api/v1/policies").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_who_may_book_a_booth(role, fair_roles, make_fair, client_for):
    fair = make_fair()
    r = client(fair_roles[role], client_for).post(f"/api/v1/fairs/{fair.pk}/booths")
    assert code_of(r) == BOOK[role], r.content
    fair.refresh_from_db()
    assert fair.booths_taken == (1 if role == "verified_employer" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_the_booth_roll(role, fair_roles, make_fair, client_for):
    fair = make_fair()
    r = client(fair_roles[role], client_for).get(f"/api/v1/fairs/{fair.pk}/booths")
    assert code_of(r) == ROLL[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_cancel_a_booth(role, fair_roles, make_fair, client_for):
    fair = make_fair()
    booth = services.book_booth(fair_id=fair.pk, by=fair_roles["verified_employer"])
    r = client(fair_roles[role], client_for).delete(f"/api/v1/fairs/{fair.pk}/booths/{booth.pk}")
    expected = {"anonymous": (401, "not_authenticated"), "verified_employer": (200, None),
                "worker": (403, "forbidden"), "advisor": (403, "forbidden"), "official": (403, "forbidden")}
    assert code_of(r) == expected.get(role, (404, "not_found")), r.content  # another employer's booth: not found


@pytest.mark.parametrize("role", ROLES)
def test_who_may_take_attendance(role, fair_roles, make_fair, make_user, client_for):
    fair = make_fair(starts=timezone.now() - HOUR)
    contact = make_user("employer")
    booth = Booth.objects.create(fair=fair, employer=fair_employer(contact), booked_by=contact, number=1)
    r = client(fair_roles[role], client_for).post(f"/api/v1/fairs/{fair.pk}/booths/{booth.pk}/attendance",
                                                  {"attended": False})
    expected = {"anonymous": (401, "not_authenticated"), "advisor": (200, None)}
    assert code_of(r) == expected.get(role, (403, "forbidden")), r.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_sign_up_as_a_seeker(role, fair_roles, make_fair, client_for):
    fair = make_fair()
    r = client(fair_roles[role], client_for).post(f"/api/v1/fairs/{fair.pk}/checkins")
    assert code_of(r) == CHECKIN[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_check_people_in_at_the_door(role, fair_roles, make_fair, make_user, client_for):
    fair = make_fair(starts=timezone.now() - HOUR)
    visit = services.sign_up(fair_id=fair.pk, by=make_user("worker"))
    r = client(fair_roles[role], client_for).post(f"/api/v1/fairs/{fair.pk}/door", {"code": visit.code})
    assert code_of(r) == DOOR[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_an_intention(role, fair_roles, make_fair, make_user, client_for):
    fair = make_fair()
    services.book_booth(fair_id=fair.pk, by=fair_roles["verified_employer"])
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)  # the fair has begun
    seeker = make_user("worker")
    visit = services.sign_up(fair_id=fair.pk, by=seeker)
    services.door_check_in(fair_id=fair.pk, by=fair_roles["advisor"], code=visit.code)
    r = client(fair_roles[role], client_for).post(f"/api/v1/fairs/{fair.pk}/intentions", {"code": visit.code})
    expected = {"anonymous": (401, "not_authenticated"), "worker": (403, "forbidden"),
                "advisor": (403, "forbidden"), "official": (403, "forbidden"), "verified_employer": (200, None)}
    assert code_of(r) == expected.get(role, (403, "no_booth")), r.content


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_use_the_calculator(role, fair_roles, client_for):
    r = client(fair_roles[role], client_for).post("/api/v1/policies/training/estimate",
                                                  {"group": "rural_migrant", "certificate": "level4"})
    assert r.status_code == 200 and r.json()["eligible"] is True


# --- creating a fair ---------------------------------------------------------------------------------


def test_a_fair_is_held_at_the_service_center_or_a_station_with_sane_times(fair_center, make_place, fair_advisor,
                                                                         client_for):
    c = client_for(fair_advisor)
    r = c.post("/api/v1/fairs", fair_body(fair_center))
    assert r.status_code == 201
    body = r.json()
    assert body["booths"] == 20 and body["booths_taken"] == 0 and body["place"]["id"] == fair_center.pk
    warm = make_place(kind="warm_station")
    r = c.post("/api/v1/fairs", fair_body(warm))
    assert r.status_code == 422 and "place_id" in r.json()["error"]["fields"]
    r = c.post("/api/v1/fairs", fair_body(fair_center, place_id=404404))
    assert r.status_code == 422 and "place_id" in r.json()["error"]["fields"]
    start = timezone.now() + DAY
    r = c.post("/api/v1/fairs", fair_body(fair_center, starts_at=start.isoformat(), ends_at=start.isoformat()))
    assert r.status_code == 422 and "ends_at" in r.json()["error"]["fields"]
    past = timezone.now() - DAY
    r = c.post("/api/v1/fairs", fair_body(fair_center, starts_at=past.isoformat(),
                                          ends_at=(past + HOUR).isoformat()))
    assert r.status_code == 422 and "starts_at" in r.json()["error"]["fields"]
    # A time without an offset is read as Kunshan time, not refused with a 500.
    naive = (timezone.localtime(timezone.now()) + 2 * DAY).replace(tzinfo=None, microsecond=0)
    r = c.post("/api/v1/fairs", fair_body(fair_center, starts_at=naive.isoformat(),
                                          ends_at=(naive + HOUR).isoformat()))
    assert r.status_code == 201


def test_a_station_manager_sets_up_fairs_at_their_own_station_only(make_place, make_user, client_for):
    manager = make_user("station_manager")
    own = make_place(kind="employment_station")
    own.managers.add(manager)
    other = make_place(kind="employment_station")
    c = client_for(manager)
    assert c.post("/api/v1/fairs", fair_body(own)).status_code == 201
    assert code_of(c.post("/api/v1/fairs", fair_body(other))) == (403, "forbidden")


def test_the_list_puts_upcoming_fairs_first_and_past_ones_apart(make_fair, client):
    later = make_fair(starts=timezone.now() + 9 * DAY)
    sooner = make_fair(starts=timezone.now() + 2 * DAY)
    on_now = make_fair(starts=timezone.now() - HOUR)
    over = make_fair(starts=timezone.now() - 3 * DAY)
    items = client.get("/api/v1/fairs").json()["items"]
    assert [f["id"] for f in items] == [on_now.pk, sooner.pk, later.pk]
    assert [f["id"] for f in client.get("/api/v1/fairs?past=true").json()["items"]] == [over.pk]
    assert client.get("/api/v1/fairs/404404").status_code == 404


# --- booths --------------------------------------------------------------------------------------


def test_one_booth_per_employer_numbers_in_order_and_full(make_fair, make_user, client_for):
    fair = make_fair(booths=2)
    contacts = [make_user("employer") for _ in range(3)]
    for u in contacts:
        fair_employer(u)
    first = client_for(contacts[0]).post(f"/api/v1/fairs/{fair.pk}/booths")
    assert first.status_code == 201 and first.json()["number"] == 1 and first.json()["status"] == "booked"
    assert code_of(client_for(contacts[0]).post(f"/api/v1/fairs/{fair.pk}/booths")) == (409, "already_booked")
    # A second contact of the same company is the same company.
    colleague = make_user("employer")
    Booth.objects.get(pk=first.json()["id"]).employer.contacts.add(colleague)
    assert code_of(client_for(colleague).post(f"/api/v1/fairs/{fair.pk}/booths")) == (409, "already_booked")
    assert client_for(contacts[1]).post(f"/api/v1/fairs/{fair.pk}/booths").json()["number"] == 2
    assert code_of(client_for(contacts[2]).post(f"/api/v1/fairs/{fair.pk}/booths")) == (409, "full")
    detail = client_for(contacts[2]).get(f"/api/v1/fairs/{fair.pk}").json()
    assert detail["booths_taken"] == 2 and detail["booths_left"] == 0
    assert [e["number"] for e in detail["employers"]] == [1, 2]


def test_a_vacancy_must_be_approved_and_still_valid(make_fair, make_user, client_for):
    fair = make_fair()
    user = make_user("employer")
    org = fair_employer(user, vacancy=False)
    fair_vacancy(org, user, status="pending_review")
    fair_vacancy(org, user, valid_until=timezone.localdate() - DAY)
    c = client_for(user)
    assert code_of(c.post(f"/api/v1/fairs/{fair.pk}/booths")) == (403, "no_approved_vacancy")
    fair_vacancy(org, user, valid_until=timezone.localdate())  # valid through today
    assert c.post(f"/api/v1/fairs/{fair.pk}/booths").status_code == 201


def test_booking_closes_when_the_fair_starts(make_fair, make_user, client_for):
    fair = make_fair(starts=timezone.now() - 60 * datetime.timedelta(seconds=1))
    user = make_user("employer")
    fair_employer(user)
    assert code_of(client_for(user).post(f"/api/v1/fairs/{fair.pk}/booths")) == (409, "closed")


def test_a_cancel_gives_the_booth_back_once(make_fair, make_user, client_for):
    fair = make_fair(booths=1)
    user, other = make_user("employer"), make_user("employer")
    fair_employer(user)
    fair_employer(other)
    c = client_for(user)
    booth = c.post(f"/api/v1/fairs/{fair.pk}/booths").json()
    path = f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}"
    r = c.delete(path)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    fair.refresh_from_db()
    assert fair.booths_taken == 0
    assert code_of(c.delete(path)) == (409, "not_booked")  # a second cancel gives nothing back
    fair.refresh_from_db()
    assert fair.booths_taken == 0
    # The booth is free again: another company takes it, number 1; the first may book anew.
    assert client_for(other).post(f"/api/v1/fairs/{fair.pk}/booths").json()["number"] == 1
    assert code_of(c.post(f"/api/v1/fairs/{fair.pk}/booths")) == (409, "full")
    fair.refresh_from_db()
    assert fair.booths_taken == 1


def test_no_cancel_once_the_fair_has_started(make_fair, make_user, client_for):
    fair = make_fair()
    user = make_user("employer")
    fair_employer(user)
    booth = client_for(user).post(f"/api/v1/fairs/{fair.pk}/booths").json()
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)
    assert code_of(client_for(user).delete(f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}")) == (409, "closed")
    fair.refresh_from_db()
    assert fair.booths_taken == 1


def test_two_no_shows_within_a_year_bar_an_employer_for_a_year_from_the_second(make_fair, fair_center,
                                                                                 fair_advisor, make_user, client_for):
    """Staff mark no-shows on the roll; the second within a year bars the company for a year
    from that fair; a single no-show, or two more than a year apart, do not."""
    user = make_user("employer")
    org = fair_employer(user)
    now = timezone.now()
    bar(org, fair_center, fair_advisor, ago_days=(500,))  # long ago: alone, no bar
    assert selectors.barred_until(org, now=now) is None
    fair = make_fair()
    c = client_for(user)
    booth = c.post(f"/api/v1/fairs/{fair.pk}/booths").json()
    Fair.objects.filter(pk=fair.pk).update(starts_at=now - 2 * HOUR, ends_at=now - HOUR)
    staff = client_for(fair_advisor)
    r = staff.post(f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}/attendance", {"attended": False})
    assert r.status_code == 200 and r.json()["status"] == "no_show"
    assert selectors.barred_until(org, now=now) is None  # 500 days and today: more than a year apart
    bar(org, fair_center, fair_advisor, ago_days=(100,))  # a no-show 100 days ago: two within a year
    until = selectors.barred_until(org, now=now)
    assert until is not None and abs(until - (now - 2 * HOUR + datetime.timedelta(days=365))) < HOUR
    nxt = make_fair()
    r = c.post(f"/api/v1/fairs/{nxt.pk}/booths")
    assert code_of(r) == (409, "barred") and r.json()["error"]["message"]
    # Corrected on the roll (the company did come): the bar goes.
    staff.post(f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}/attendance", {"attended": True})
    assert c.post(f"/api/v1/fairs/{nxt.pk}/booths").status_code == 201
    # A year after the second no-show the bar is over.
    assert selectors.barred_until(org, now=now + datetime.timedelta(days=366)) is None


def test_attendance_waits_for_the_fair_and_not_for_cancelled_booths(make_fair, make_user, fair_advisor, client_for):
    fair = make_fair()
    user = make_user("employer")
    fair_employer(user)
    booth = client_for(user).post(f"/api/v1/fairs/{fair.pk}/booths").json()
    staff = client_for(fair_advisor)
    path = f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}/attendance"
    assert code_of(staff.post(path, {"attended": True})) == (409, "not_started")
    client_for(user).delete(f"/api/v1/fairs/{fair.pk}/booths/{booth['id']}")
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)
    assert code_of(staff.post(path, {"attended": True})) == (409, "not_booked")
    roll = staff.get(f"/api/v1/fairs/{fair.pk}/booths").json()
    assert [b["status"] for b in roll["items"]] == ["cancelled"]


# --- seekers -------------------------------------------------------------------------------------


def test_a_seeker_signs_up_with_an_sms_code_and_staff_check_them_in(make_fair, make_user, fair_advisor, client_for,
                                                                   django_capture_on_commit_callbacks):
    fair = make_fair()
    worker = make_user("worker", name="李明")
    c = client_for(worker)
    with django_capture_on_commit_callbacks(execute=True):  # the SMS leaves after the commit
        r = c.post(f"/api/v1/fairs/{fair.pk}/checkins")
    assert r.status_code == 201
    visit = r.json()
    assert visit["status"] == "signed_up" and len(visit["code"]) == 6 and visit["code"].isdigit()
    assert any(visit["code"] in m["text"] and m["phone"] == worker.phone for m in sms.outbox)
    assert code_of(c.post(f"/api/v1/fairs/{fair.pk}/checkins")) == (409, "already_signed_up")
    staff = client_for(fair_advisor)
    # The door opens an hour before the start.
    assert code_of(staff.post(f"/api/v1/fairs/{fair.pk}/door", {"code": visit["code"]})) == (409, "door_closed")
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() + 30 * datetime.timedelta(minutes=1))
    r = staff.post(f"/api/v1/fairs/{fair.pk}/door", {"code": visit["code"]})
    assert r.status_code == 200 and r.json()["already"] is False and r.json()["name"] == "李*"
    assert staff.post(f"/api/v1/fairs/{fair.pk}/door", {"code": visit["code"]}).json()["already"] is True
    bad = "000000" if visit["code"] != "000000" else "000001"
    r = staff.post(f"/api/v1/fairs/{fair.pk}/door", {"code": bad})
    assert r.status_code == 422 and "code" in r.json()["error"]["fields"]
    detail = c.get(f"/api/v1/fairs/{fair.pk}").json()
    assert detail["visitors"] == 1 and detail["checked_in"] == 1


def test_a_seeker_checks_in_by_scanning_the_fairs_door_qr_during_the_fair(make_fair, make_user, client_for):
    fair = make_fair()
    token = services.door_token(fair)
    walk_in = client_for(make_user("worker"))
    path = f"/api/v1/fairs/{fair.pk}/checkins"
    assert code_of(walk_in.post(path, {"door": token})) == (409, "door_closed")
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)
    r = walk_in.post(path, {"door": "forged"})
    assert r.status_code == 422 and "door" in r.json()["error"]["fields"]
    other = make_fair()
    assert walk_in.post(path, {"door": services.door_token(other)}).status_code == 422  # another fair's QR
    r = walk_in.post(path, {"door": token})  # not signed up before: signed up and in
    assert r.status_code == 201 and r.json()["status"] == "checked_in"
    assert FairVisit.objects.filter(fair=fair).count() == 1


def test_employers_record_intentions_with_checked_in_visitors(make_fair, make_user, fair_advisor, client_for):
    fair = make_fair(booths=2)
    contacts = [make_user("employer") for _ in range(3)]
    for u in contacts:
        fair_employer(u)
    for u in contacts[:2]:
        services.book_booth(fair_id=fair.pk, by=u)
    seeker = make_user("worker")
    visit = services.sign_up(fair_id=fair.pk, by=seeker)
    c0 = client_for(contacts[0])
    path = f"/api/v1/fairs/{fair.pk}/intentions"
    assert code_of(c0.post(path, {"code": visit.code})) == (409, "not_during_fair")
    Fair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - HOUR)
    assert code_of(c0.post(path, {"code": visit.code})) == (409, "not_checked_in")
    services.door_check_in(fair_id=fair.pk, by=fair_advisor, code=visit.code)
    r = c0.post(path, {"code": visit.code})
    assert r.status_code == 200 and r.json()["intentions"] == 1
    assert client_for(contacts[1]).post(path, {"code": visit.code}).json()["intentions"] == 2
    # No more intentions than booths; a company without a booth records none.
    assert code_of(c0.post(path, {"code": visit.code})) == (409, "too_many")
    assert code_of(client_for(contacts[2]).post(path, {"code": visit.code})) == (403, "no_booth")
    # Recording an intention shows the company came.
    assert set(Booth.objects.filter(fair=fair).values_list("status", flat=True)) == {"attended"}
    detail = client_for(seeker).get(f"/api/v1/fairs/{fair.pk}").json()
    assert detail["intentions"] == 2 and detail["visitors"] == 1
