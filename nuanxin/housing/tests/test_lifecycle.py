"""The rest of a stay's life: emergency shelter from a case, the review queue in its published
order, forfeits and appeals, job advice, and the timed work."""

import datetime

import pytest

from nuanxin.accounts import services as accounts
from nuanxin.accounts.models import InboxMessage
from nuanxin.cases import services as cases
from nuanxin.conftest import kid_id
from nuanxin.core import dates, lottery
from nuanxin.housing import selectors, services, tasks
from nuanxin.housing.models import Application, BedNight, Draw

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _tomorrow_morning():
    return datetime.datetime.combine(services.today() + DAY, datetime.time(9), tzinfo=dates.local_tz())


def test_the_rescue_station_shelters_a_family_tonight_ahead_of_the_queue(make_residence, make_user, client_for):
    make_residence(men=1, women=0, family_units=1, family_beds=4)
    mother = make_user("worker")
    case = cases.case_open(type="emergency", summary="一家三口在陆家镇公园露宿", by=mother, town="lujia")
    officer = make_user("rescue")
    r = client_for(officer).post("/api/v1/housing/shelter", {"case_id": case.pk, "adults": 2, "children": 1,
                                                             "nights": 3, "note": "孩子要做手术"})
    assert r.status_code == 201, r.json()
    stay = r.json()
    assert stay["status"] == "allocated" and stay["check_in"] == str(services.today())
    assert stay["referral"] == "rescue" and stay["case_id"] == case.pk
    assert stay["party"] == {"adults": 2, "children_ages": [], "other_children": 1, "people": 3}
    assert BedNight.objects.filter(application_id=stay["id"]).count() == 4 * 3  # the whole family room
    # The mother sees the stay as hers, with her code; the case has a staff note.
    mine = client_for(mother).get("/api/v1/me/housing").json()["items"][0]
    assert mine["id"] == stay["id"] and len(mine["code"]) == 6
    # Not for everyone: a worker or an advisor cannot shelter from a case.
    for who in (make_user("worker"), make_user("advisor")):
        assert client_for(who).post("/api/v1/housing/shelter", {"case_id": case.pk}).status_code in (403, 404)


def test_the_review_queue_puts_referrals_then_families_first_and_a_draw_settles_ties(
        make_residence, newcomer, make_user, client_for):
    make_residence(men=2, women=0, family_units=1, family_beds=3)
    advisor = make_user("advisor")
    first = services.today() + DAY
    singles = [services.apply(by=newcomer(), check_in=first, nights=10, sex="male", looking_for_work=True)
               for _ in range(4)]
    family = services.apply(by=newcomer(), check_in=first, nights=3, adults=2, minors=1, looking_for_work=True)
    referred = services.apply(by=newcomer(), check_in=first, nights=10, sex="male", referral="advisor",
                              referred_by=advisor)
    assert {a.status for a in singles} == {"pending_review"} and family.status == "pending_review"
    assert referred.status == "allocated"  # a referral is not reviewed again: it takes a bed at once
    draw = Draw.objects.get(night=first)
    assert draw.commitment == lottery.commitment(draw.seed) and draw.revealed_at is None
    order = selectors.review_order(first)
    assert order[0].pk == family.pk  # families with children before other self-applicants
    singles_order = [a.pk for a in order[1:]]
    # Ties among the singles: the day's draw over everyone in the queue, anyone can re-run it.
    assert singles_order == [t for t in lottery.rank(draw.seed, [(a.pk, 1) for a in order]) if t != family.pk]
    given = services.allocate_in_order(night=first, by=advisor)
    draw.refresh_from_db()
    assert draw.revealed_at is not None
    # The family room, then the one men's bed the referral left, to the first single drawn.
    assert [a.pk for a in given] == [family.pk, singles_order[0]]
    assert Application.objects.filter(pk__in=singles_order[1:], status="pending_review").count() == 3


def test_a_stay_not_checked_in_is_forfeited_and_can_be_appealed(make_residence, newcomer, make_user, client_for):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    guest = newcomer()
    stay = services.apply(by=guest, check_in=services.today(), nights=2, sex="male", residence_id=home.pk,
                          looking_for_work=True)
    assert services.forfeit_due(now=_tomorrow_morning()) == 1
    assert services.forfeit_due(now=_tomorrow_morning()) == 0  # once
    stay.refresh_from_db()
    assert stay.status == "forfeited" and not BedNight.objects.filter(application=stay).exists()
    me = client_for(guest)
    r = me.post(f"/api/v1/housing/applications/{stay.pk}/appeal", {"text": "火车晚点到了第二天"})
    assert r.status_code == 200 and r.json()["appeal_status"] == "pending"
    assert me.post(f"/api/v1/housing/applications/{stay.pk}/appeal", {"text": "再说一次"}).status_code == 409
    r = client_for(manager).post(f"/api/v1/housing/applications/{stay.pk}/appeal/decide", {"uphold": True})
    assert r.status_code == 200 and r.json()["appeal_status"] == "upheld"
    assert InboxMessage.objects.filter(user=guest, kind="housing.appeal").exists()


def test_a_no_show_sends_the_next_request_to_review(make_residence, newcomer):
    home = make_residence()
    guest = newcomer()
    services.apply(by=guest, check_in=services.today(), nights=1, sex="male", residence_id=home.pk,
                   looking_for_work=True)
    services.forfeit_due(now=_tomorrow_morning())
    again = services.apply(by=guest, check_in=services.today() + DAY, nights=1, sex="male",
                           residence_id=home.pk, looking_for_work=True)
    assert again.status == "pending_review"


def test_eligibility_newcomers_or_referrals(make_residence, make_user, newcomer, client_for):
    make_residence()
    old_timer = make_user("worker")
    from nuanxin.bookings.tests.factories import verify_worker

    r = client_for(make_user("worker")).post("/api/v1/housing/applications", {
        "check_in": str(services.today()), "nights": 2, "sex": "male"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_verified"
    verify_worker(old_timer)
    r = client_for(old_timer).post("/api/v1/housing/applications", {
        "check_in": str(services.today()), "nights": 2, "sex": "male"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_eligible"
    r = client_for(newcomer()).post("/api/v1/housing/applications", {
        "check_in": str(services.today()), "nights": 2, "sex": "male", "looking_for_work": False})
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_eligible"
    for bad in ({"check_in": str(services.today() - DAY), "nights": 2, "sex": "male"},
                {"check_in": str(services.today()), "nights": 0, "sex": "male"},
                {"check_in": str(services.today()), "nights": 2},
                {"check_in": "9999-12-31", "nights": 2, "sex": "male"},
                {"check_in": str(services.today()), "nights": 2, "sex": "male", "residence_id": 2**62}):
        r = client_for(newcomer()).post("/api/v1/housing/applications", bad)
        assert r.status_code == 422, (bad, r.json())
    assert not Application.objects.exists()


def test_children_are_the_parents_own_and_staff_see_ages_not_names(make_residence, newcomer, make_user, client_for):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager])
    parent, other = newcomer(name="王芳"), newcomer()
    born = services.today() - 8 * 366 * DAY
    kid = accounts.child_add(parent=parent, name="小明", birth_date=born, grade="g3", id_number=kid_id(born))
    r = client_for(other).post("/api/v1/housing/applications", {
        "check_in": str(services.today()), "nights": 2, "party": [{"relation": "child", "child_id": kid.pk}]})
    assert r.status_code == 422  # someone else's child is unknown
    r = client_for(parent).post("/api/v1/housing/applications", {
        "check_in": str(services.today()), "nights": 2, "residence_id": home.pk,
        "party": [{"relation": "child", "child_id": kid.pk}]})
    assert r.status_code == 201, r.json()
    seen = client_for(manager).get(f"/api/v1/housing/applications/{r.json()['id']}").json()
    assert seen["party"]["children_ages"] == [8] and "小明" not in str(seen)
    assert seen["applicant"] == "王*" and seen["code"] is None  # masked; the code is the guest's


def test_job_advice_is_booked_for_a_guest(make_residence, newcomer, make_user, make_place, client_for):
    home = make_residence()
    station = make_place(kind="employment_station", name="陆家镇家门口就业服务站")
    guest = newcomer()
    stay = services.apply(by=guest, check_in=services.today() + DAY, nights=3, sex="male",
                          residence_id=home.pk, looking_for_work=True)
    at = _tomorrow_morning() + datetime.timedelta(hours=1)
    r = client_for(make_user("advisor")).post(f"/api/v1/housing/applications/{stay.pk}/advice",
                                              {"at": at.isoformat(), "place_id": station.pk})
    assert r.status_code == 200 and r.json()["advice_place"] == "陆家镇家门口就业服务站"
    assert InboxMessage.objects.filter(user=guest, kind="housing.advice").exists()
    # Not when the station is closed (it keeps office hours, Monday to Friday).
    office = make_place(kind="employment_station", name="千灯镇就业服务站",
                        hours=[(d, "09:00", "17:00") for d in range(5)])
    night = at.replace(hour=3)
    r = client_for(make_user("advisor")).post(f"/api/v1/housing/applications/{stay.pk}/advice",
                                              {"at": night.isoformat(), "place_id": office.pk})
    assert r.status_code == 422 and "at" in r.json()["error"]["fields"]
    warm = make_place(kind="warm_station")
    r = client_for(make_user("advisor")).post(f"/api/v1/housing/applications/{stay.pk}/advice",
                                              {"at": at.isoformat(), "place_id": warm.pk})
    assert r.status_code == 422


def test_the_timed_work_forfeits_checks_out_and_fills_the_waiting_list(make_residence, newcomer, make_user):
    manager = make_user("station_manager")
    home = make_residence(men=1, women=0, family_units=0, managers=[manager])
    guest, late = newcomer(), newcomer()
    stay = services.apply(by=guest, check_in=services.today(), nights=1, sex="male", residence_id=home.pk,
                          looking_for_work=True)
    services.check_in(app_id=stay.pk, by=manager)
    done = tasks.run_timed_work()  # nothing due yet today
    assert done == {"forfeited": 0, "checked_out": 0, "from_waitlist": 0}
    waiting = services.apply(by=late, check_in=services.today(), nights=1, sex="male", residence_id=home.pk,
                             looking_for_work=True)
    assert waiting.status == "waitlisted"
    services.check_out(app_id=stay.pk, by=manager)
    waiting.refresh_from_db()
    # Checked out on the first day, the only night stays used: the bed is not free tonight.
    assert waiting.status == "waitlisted"


def test_an_advisor_refers_a_newcomer_off_the_night_train(make_residence, make_user, client_for):
    """Advisors meet arrivals at the station at night and find them a room: by phone number,
    no newcomer check, no review; the person signs in later and sees the stay as theirs."""
    home = make_residence()
    advisor = make_user("advisor")
    r = client_for(advisor).post("/api/v1/housing/referrals", {
        "phone": "13912345678", "name": "马小龙", "check_in": str(services.today()), "nights": 10, "sex": "male",
        "residence_id": home.pk, "note": "昆山南站接站，甘肃来，找电子厂工作"})
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["status"] == "allocated" and body["referral"] == "advisor" and body["code"] is None
    newcomer = accounts.user_by_phone_or_create(phone="13912345678")
    mine = client_for(newcomer).get("/api/v1/me/housing").json()["items"]
    assert [m["id"] for m in mine] == [body["id"]] and len(mine[0]["code"]) == 6
    # Workers and station managers do not refer; a phone or a case is needed.
    for who in (make_user("worker"), make_user("station_manager")):
        assert client_for(who).post("/api/v1/housing/referrals", {
            "phone": "13912345679", "check_in": str(services.today()), "nights": 1, "sex": "male"}).status_code == 403
    assert client_for(advisor).post("/api/v1/housing/referrals", {
        "check_in": str(services.today()), "nights": 1, "sex": "male"}).status_code == 422
