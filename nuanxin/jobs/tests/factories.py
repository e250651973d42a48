"""Building blocks for jobs tests (one section per part)."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import Employer

# --- A: vacancies ---------------------------------------------------------------------------

VACANCY_POINT = (31.3712, 120.9745)  # beside the worker service center
_usccs = iter(range(10_000, 99_999))


def verified_org(contact, *, name="淳华科技(昆山)有限公司", verified_at=None, status=EmployerStatus.VERIFIED):
    """A verified employer with `contact` as its contact, verified `verified_at` (now by default)."""
    org = Employer.objects.create(name=name, uscc=f"91320583MA1{next(_usccs):05d}X"[:18], contact_name="钱经理",
                                  contact_phone="13900000001", status=status,
                                  verified_at=verified_at or timezone.now() if status == EmployerStatus.VERIFIED
                                  else None)
    org.contacts.add(contact)
    return org


def vacancy_payload(**overrides):
    body = {
        "title": "电子厂普工", "occupation": "6-25-04-07", "kind": "full_time", "headcount": 20,
        "requirements": "能适应两班倒，视力良好，有电子厂经验优先。男女不限，无需押金。",
        "duties": "在SMT产线上料、目检和包装，按作业指导书操作。",
        "skills": ["普工"], "address": "昆山开发区前进东路88号", "town": "ketd",
        "lat": VACANCY_POINT[0], "lon": VACANCY_POINT[1],
        "pay_min_fen": 500_000, "pay_max_fen": 700_000, "pay_period": "month",
    }
    body.update(overrides)
    return body


@pytest.fixture(autouse=True)
def occupations_present(request):
    """The classification migration 0003 loads, back after a transactional test flushed the
    tables (pytest-django runs those last, and a flush takes the migrations' data too)."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
            request.fixturenames):
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from nuanxin.jobs import occupations
    from nuanxin.jobs.models import Occupation

    if not Occupation.objects.exists():
        occupations.load_file(Occupation)


@pytest.fixture
def vacancy_employer(make_user, client_for):
    """(api client, user, employer) for a verified employer's contact, verified just now."""
    user = make_user("employer")
    org = verified_org(user)
    return client_for(user), user, org


@pytest.fixture
def vacancy_advisor(make_user, client_for):
    user = make_user("advisor")
    return client_for(user), user


@pytest.fixture
def approved_vacancy(vacancy_employer, vacancy_advisor):
    """(employer client, vacancy json) for a published vacancy."""
    c, _user, _org = vacancy_employer
    r = c.post("/api/v1/jobs", vacancy_payload())
    assert r.status_code == 201, r.content
    staff, _staff_user = vacancy_advisor
    r = staff.post(f"/api/v1/jobs/{r.json()['id']}/review", {"approve": True, "note": ""})
    assert r.status_code == 200, r.content
    return c, r.json()


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)
