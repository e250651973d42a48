"""The admin for organisers: their own offerings only, and no 500 from an impossible capacity."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.bookings.models import Offering, Session
from nuanxin.bookings.tests.factories import verify_worker

pytestmark = pytest.mark.django_db


def test_organiser_sees_and_edits_only_own_offerings(client, make_user, make_place):
    place = make_place(kind="school")
    mine_user = make_user("organiser", username="org-a")
    other = make_user("organiser", username="org-b")
    mine = Offering.objects.create(kind="night_school", title="咖啡师技能", place=place)
    mine.organisers.add(mine_user)
    theirs = Offering.objects.create(kind="night_school", title="街舞", place=place)
    theirs.organisers.add(other)
    client.force_login(mine_user)
    page = client.get("/admin/bookings/offering/").content.decode()
    assert "咖啡师技能" in page and "街舞" not in page
    assert client.get(f"/admin/bookings/offering/{theirs.pk}/change/").status_code == 302  # not theirs: away
    assert client.get("/admin/bookings/enrollment/").status_code == 200
    assert client.get("/admin/bookings/enrollment/add/").status_code == 403


def test_capacity_below_taken_is_a_form_error(client, make_user, make_place):
    place = make_place(kind="school")
    org = make_user("organiser", username="org-c")
    o = Offering.objects.create(kind="first_aid", title="急救培训", place=place)
    o.organisers.add(org)
    now = timezone.now()
    s = Session.objects.create(offering=o, start=now + datetime.timedelta(days=2), end=now + datetime.timedelta(days=2, hours=2),
                               capacity=3, opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1))
    from nuanxin.bookings import services

    for _ in range(2):
        services.enroll(session_id=s.pk, user=verify_worker(make_user("worker")))
    client.force_login(org)
    local = timezone.localtime
    form = {"offering": o.pk, "label": "", "capacity": 1,
            "start_0": local(s.start).strftime("%Y-%m-%d"), "start_1": local(s.start).strftime("%H:%M:%S"),
            "end_0": local(s.end).strftime("%Y-%m-%d"), "end_1": local(s.end).strftime("%H:%M:%S"),
            "opens_at_0": local(s.opens_at).strftime("%Y-%m-%d"), "opens_at_1": local(s.opens_at).strftime("%H:%M:%S"),
            "closes_at_0": local(s.closes_at).strftime("%Y-%m-%d"), "closes_at_1": local(s.closes_at).strftime("%H:%M:%S")}
    r = client.post(f"/admin/bookings/session/{s.pk}/change/", form)
    assert r.status_code == 200 and "已被占用" in r.content.decode()
    assert Session.objects.get(pk=s.pk).capacity == 3
    form["capacity"] = 5
    assert client.post(f"/admin/bookings/session/{s.pk}/change/", form).status_code == 302
    assert Session.objects.get(pk=s.pk).capacity == 5


def test_the_admin_session_form_keeps_the_services_time_rules(client, make_user, make_place):
    """The admin's session form refuses what session_create refuses: booking closing after the
    start, and a session longer than two months (the form used to check only two of four)."""
    place = make_place(kind="school")
    org = make_user("organiser", username="org-t")
    o = Offering.objects.create(kind="first_aid", title="急救培训", place=place)
    o.organisers.add(org)
    client.force_login(org)
    now = timezone.localtime(timezone.now()).replace(microsecond=0)

    def post(start, end, opens, closes):
        fields = {"start": start, "end": end, "opens_at": opens, "closes_at": closes}
        form = {"offering": o.pk, "label": "", "capacity": 10, "waitlist_limit": 0}
        for name, value in fields.items():
            form[f"{name}_0"], form[f"{name}_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
        return client.post("/admin/bookings/session/add/", form)

    day = datetime.timedelta(days=1)
    start = now + 3 * day
    r = post(start, start + datetime.timedelta(hours=2), now, start + datetime.timedelta(hours=1))
    assert r.status_code == 200 and "开始前" in r.content.decode()  # must close before the start
    r = post(start, start + 70 * day, now, start - day)
    assert r.status_code == 200 and "两个月" in r.content.decode()  # at most two months
    assert not Session.objects.filter(offering=o).exists()
    r = post(start, start + datetime.timedelta(hours=2), now, start - day)
    assert r.status_code == 302 and Session.objects.filter(offering=o).count() == 1


def test_the_organiser_picker_lists_only_staff_who_run_offerings_masked(client, make_user, make_place):
    """Issue 16: the picker listed every account with full names to organisers and hospital staff."""
    place = make_place(kind="school")
    org = make_user("organiser", username="org-d", name="周组织")
    make_user("hospital", username="dr-wu", name="吴医生")
    make_user(name="李务工")  # a worker
    make_user("advisor", username="adv-x", name="王顾问")  # staff, but runs no offerings
    o = Offering.objects.create(kind="first_aid", title="急救培训", place=place)
    o.organisers.add(org)
    client.force_login(org)
    page = client.get(f"/admin/bookings/offering/{o.pk}/change/").content.decode()
    assert "周** (org-d)" in page and "吴** (dr-wu)" in page
    for name in ("周组织", "吴医生", "李务工", "王顾问", "adv-x"):
        assert name not in page, name
