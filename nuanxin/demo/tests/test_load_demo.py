import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from nuanxin.accounts.choices import Role
from nuanxin.accounts.models import User
from nuanxin.gigs.models import Gig
from nuanxin.places.models import Place

pytestmark = pytest.mark.django_db


def counts():
    from nuanxin.grants.models import Donation, Grant
    from nuanxin.housing.models import Application, Bed

    return (Place.objects.count(), User.objects.count(), Gig.objects.count(), Donation.objects.count(),
            Grant.objects.count(), Bed.objects.count(), Application.objects.count())


def test_demo_has_the_program_and_loading_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    assert Place.objects.filter(kind="warm_station").count() == 100
    assert Place.objects.filter(kind="warm_station", status="planned").exists()
    assert Place.objects.filter(kind="employment_station").count() == 30
    for kind in ("service_center", "hospital", "rescue_station", "canteen", "residence"):
        assert Place.objects.filter(kind=kind).exists(), kind
    assert Place.objects.filter(name='千灯镇淞南社区暖"新"驿站', address__contains="淞南").exists()
    assert len(set(Place.objects.values_list("town", flat=True))) == 13
    for role in Role.values:
        assert Group.objects.get(name=role).user_set.exists(), role
    assert Group.objects.get(name=Role.WORKER).user_set.count() >= 200
    assert Gig.objects.filter(status="open").count() >= 200
    from nuanxin.cases.models import Case

    assert set(Case.objects.values_list("team", flat=True)) == {"advisor", "rescue", "legal", "hospital"}
    assert Case.objects.filter(state="closed").exists() and Case.objects.exclude(state="closed").exists()
    from nuanxin.bookings.models import Enrollment, Offering, Session, Volunteer

    assert set(Offering.objects.values_list("kind", flat=True)) == {"health_check", "first_aid", "night_school",
                                                                    "summer_care"}
    assert Volunteer.objects.count() >= 1100
    assert Session.objects.filter(offering__kind="health_check").count() >= 20  # two weeks of slots
    assert {"咖啡师技能", "羽毛球", "街舞"} <= set(Offering.objects.values_list("title", flat=True))
    assert Session.objects.filter(drawn_at__isnull=False).exists()  # last season, drawn and taught
    for status in ("confirmed", "waitlisted", "registered", "attended", "no_show"):
        assert Enrollment.objects.filter(status=status).exists(), status
    assert Enrollment.objects.filter(child__isnull=False).exists()
    from nuanxin.grants.models import Donation, Grant
    from nuanxin.wages.selectors import charity_fund_balance, ledger_problems

    assert Donation.objects.filter(donor="昆山市慈善总会", amount_fen=20_000_000).exists()
    assert sorted(Grant.objects.values_list("kind", "status")) == [
        ("emergency", "proposed"), ("hardship", "paid"), ("trip_home", "paid")]
    assert charity_fund_balance() == 26_000_000 - 300_000 - 238_000 and ledger_problems() == []
    from nuanxin.housing import selectors as housing
    from nuanxin.housing import services as housing_services
    from nuanxin.housing.models import Application, Unit
    from nuanxin.housing.tests.checks import double_bookings

    assert Unit.objects.count() == 1000  # the city's target: 1,000 warm-residence units
    rows = housing.residences_search(night=housing_services.today())
    assert len({r.residence.place.town for r in rows}) >= 10
    assert any(r.free_tonight == 0 for r in rows) and any(r.free_tonight > 0 for r in rows)
    for status in ("allocated", "checked_in", "pending_review", "waitlisted", "forfeited"):
        assert Application.objects.filter(status=status).exists(), status
    assert Application.objects.filter(referral="rescue", party_size__gt=1, case__isnull=False).exists()
    assert double_bookings() == []
    from nuanxin.jobs import selectors as jobs  # jobs A: ~200 vacancies, most published
    from nuanxin.jobs.models import Vacancy

    assert jobs.vacancies_live().count() >= 150 and Vacancy.objects.count() >= 200
    assert Vacancy.objects.filter(status="pending_review").exists()
    assert Vacancy.objects.filter(status="rejected").exclude(review_note="").count() == 1
    assert len(set(Vacancy.objects.values_list("town", flat=True))) == 13
    from nuanxin.dashboard.models import Target  # demo town targets add up to the city's

    assert sum(Target.objects.filter(measure="warm_stations").values_list("value", flat=True)) == 100
    assert sum(Target.objects.filter(measure="employment_stations").values_list("value", flat=True)) == 30
    before = counts() + (Vacancy.objects.count(),)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() + (Vacancy.objects.count(),) == before and "nothing changed" in out.getvalue()
