"""Building blocks for jobs tests, one section per part of the app."""

import datetime
import itertools

from django.utils import timezone

# --- part C: job fairs ---------------------------------------------------------------------------

_fair_n = itertools.count(1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def fair_employer(contact, *, verified: bool = True, vacancy: bool = True, name: str | None = None):
    """An employer with `contact` as its contact: verified or a pending claim, with one approved
    vacancy valid for a month (written directly, as part A's review would leave it)."""
    from nuanxin.accounts.models import Employer

    n = next(_fair_n)
    org = Employer.objects.create(name=name or f"昆山测试制造有限公司{n}", uscc=f"91320583TEST{n:06d}",
                                  contact_name="钱经理", contact_phone="13900000001",
                                  status="verified" if verified else "pending", claimed_by=contact)
    org.contacts.add(contact)
    if vacancy:
        fair_vacancy(org, contact)
    return org


def fair_vacancy(org, by, *, status: str = "approved", valid_until: datetime.date | None = None):
    from nuanxin.jobs.models import Occupation, Vacancy

    occupation, _new = Occupation.objects.get_or_create(code="6-28-01", defaults={
        "name": "电子器件制造人员", "level": "minor"})
    return Vacancy.objects.create(
        employer=org, created_by=by, title="电子装配工", occupation=occupation, headcount=10,
        requirements="能适应两班倒", duties="电子元件装配与检验", address="昆山开发区前进东路", town="yushan",
        lat=31.38, lon=120.98, pay_min_fen=500000, pay_max_fen=700000, status=status,
        valid_until=valid_until or timezone.localdate() + 30 * DAY)


def new_fair(place, by, *, booths: int = 20, starts: datetime.datetime | None = None,
             hours: int = 3, title: str | None = None):
    """A fair written directly (past or present fairs too, which the service would refuse)."""
    from nuanxin.jobs.models import Fair

    starts = starts or timezone.now() + 7 * DAY
    return Fair.objects.create(title=title or f"昆山人力资源市场专场招聘会{next(_fair_n)}", place=place, starts_at=starts,
                               ends_at=starts + hours * HOUR, booths=booths, created_by=by)


def bar(org, place, by, *, ago_days=(30, 60)):
    """Give the employer no-shows at past fairs (two within a year bar it)."""
    from nuanxin.jobs.models import Booth

    for days in ago_days:
        fair = new_fair(place, by, booths=5, starts=timezone.now() - days * DAY)
        Booth.objects.create(fair=fair, employer=org, booked_by=by, status="no_show", number=1)
        fair.booths_taken = 1
        fair.save(update_fields=["booths_taken"])
