"""The periodic re-check of a verified employer (jobs asks for one every six months): staff
record it through employer_reverify, from the API's callers or the admin's action."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts import services
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import Employer
from nuanxin.core.errors import Conflict, NotFound, PermissionDenied
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=200)


def _employer(status=EmployerStatus.VERIFIED, uscc="91320583MA1RV0001X"):
    return Employer.objects.create(name="淳华科技(昆山)有限公司", uscc=uscc, contact_name="钱经理",
                                   contact_phone="13900000001", status=status,
                                   verified_at=LONG_AGO if status == EmployerStatus.VERIFIED else None)


def test_staff_re_verify_a_verified_employer_and_it_is_audited(make_user):
    staff = make_user("advisor")
    employer = _employer()
    services.employer_reverify(employer_id=employer.pk, by=staff)
    employer.refresh_from_db()
    assert employer.verified_at > LONG_AGO + datetime.timedelta(days=199) and employer.verified_by == staff
    assert AuditEntry.objects.filter(action="employer.reverify", actor=staff, object_id=str(employer.pk)).exists()


@pytest.mark.parametrize("role", ["worker", "employer", "official", "station_manager"])
def test_only_advisors_and_admins_re_verify(make_user, role):
    employer = _employer()
    with pytest.raises(PermissionDenied):
        services.employer_reverify(employer_id=employer.pk, by=make_user(role))
    employer.refresh_from_db()
    assert employer.verified_at == LONG_AGO


@pytest.mark.parametrize("status", [EmployerStatus.PENDING, EmployerStatus.REJECTED, EmployerStatus.BLOCKED])
def test_only_a_verified_employer_is_re_verified(make_user, status):
    employer = _employer(status=status)
    with pytest.raises(Conflict):
        services.employer_reverify(employer_id=employer.pk, by=make_user("advisor"))
    assert Employer.objects.get(pk=employer.pk).status == status
    with pytest.raises(NotFound):
        services.employer_reverify(employer_id=employer.pk + 1000, by=make_user("admin"))


def test_the_admin_action_re_verifies_the_selected_verified_employers(client, make_user):
    staff = make_user("advisor", username="adv-reverify")
    verified, pending = _employer(), _employer(status=EmployerStatus.PENDING, uscc="91320583MA1RV0002X")
    client.force_login(staff)
    r = client.post("/admin/accounts/employer/", {"action": "reverify", "_selected_action": [verified.pk,
                                                                                            pending.pk]})
    assert r.status_code == 302
    verified.refresh_from_db()
    assert verified.verified_by == staff and verified.verified_at > LONG_AGO
    assert Employer.objects.get(pk=pending.pk).verified_at is None
