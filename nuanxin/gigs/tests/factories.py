"""Building blocks for gig tests: a verified employer with a token, a posting payload."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import Employer

GIG_POINT = (31.3712, 120.9745)  # beside the worker service center


def gig_payload(**overrides):
    start = timezone.now() + datetime.timedelta(minutes=10)
    body = {
        "title": "家庭保洁 4小时", "category": "cleaning",
        "description": "两室一厅日常保洁，工具由公司提供。无需押金，男女不限。",
        "address": "玉山镇前进路88号", "lat": GIG_POINT[0], "lon": GIG_POINT[1],
        "pay_fen": 3000, "pay_unit": "hour", "instant": False, "skills": ["保洁"],
        "shifts": [{"start": start.isoformat(), "end": (start + datetime.timedelta(hours=4)).isoformat(),
                    "headcount": 2}],
    }
    body.update(overrides)
    return body


@pytest.fixture
def employer(make_user, client_for):
    """(api client, user, employer) for a verified employer's contact."""
    user = make_user("employer")
    org = Employer.objects.create(name="淳华科技(昆山)有限公司", uscc="91320583MA1MA1MA1R", contact_name="钱经理",
                                  contact_phone="13900000001", status=EmployerStatus.VERIFIED)
    org.contacts.add(user)
    fund(org, user, 10_000_000)  # 100,000 yuan deposited and confirmed
    return client_for(user), user, org


def fund(org, user, amount_fen: int, key: str = "fixture") -> None:
    """Deposit and confirm money for an employer, as the offline gateway and staff would."""
    from nuanxin.wages import services as wages

    deposit = wages.deposit_create(by=user, amount_fen=amount_fen, idempotency_key=f"{key}-{org.pk}")
    wages.deposit_confirm(deposit_id=deposit.pk)


@pytest.fixture
def posted(employer):
    """A published gig: (employer client, gig json)."""
    c, _user, _org = employer
    r = c.post("/api/v1/gigs", gig_payload())
    assert r.status_code == 201, r.content
    gig = c.post(f"/api/v1/gigs/{r.json()['id']}/publish").json()
    return c, gig
