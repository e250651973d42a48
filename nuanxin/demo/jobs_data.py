"""Demo data for the employment service (issue 14), one section per part of the app.

The lead wires each part's loader into load_demo after parts A (vacancies) and B (seekers)."""

import datetime

# --- part C: job fairs ---------------------------------------------------------------------------

FAIR_NEXT_WEEK = ("昆山人力资源市场新市民专场招聘会", 16)          # (title, booths): half booked
FAIR_PAST = ("昆山人力资源市场春风行动招聘会", 12, 14)            # (title, booths, days ago)
FAIR_EARLIER = ("陆家镇就业驿站小型招聘会", 6, 150)               # the barred employer's first no-show
BARRED = ("昆山恒通电子有限公司", "孙经理", "13900000021", "91320583MA1XJ0021")
# A fair vacancy for employers that have none approved yet (part A's demo adds the real ones).
FAIR_VACANCY = dict(title="普工（电子装配）", requirements="能适应两班倒，有无经验均可，提供培训",
                    duties="电子元件装配、目检与包装", headcount=20, pay_min_fen=520000, pay_max_fen=680000)
OCCUPATION = ("6-28", "计算机、通信和其他电子设备制造人员", "medium")
VISITORS_PAST = 40
SIGNED_UP_NEXT = 25


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    from nuanxin.core.dates import local_tz

    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_tz())


def _approved_vacancy(org, contact, today):
    """A vacancy staff approved, valid for a month (written directly: seed data)."""
    from nuanxin.jobs.choices import VacancyStatus
    from nuanxin.jobs.models import Occupation, Vacancy

    if Vacancy.objects.filter(employer=org, status=VacancyStatus.APPROVED, valid_until__gte=today).exists():
        return
    code, name, level = OCCUPATION
    occupation = Occupation.objects.filter(code=code).first() or Occupation.objects.create(code=code, name=name,
                                                                                           level=level)
    Vacancy.objects.create(employer=org, created_by=contact, occupation=occupation, address="昆山开发区前进东路",
                           town="yushan", lat=31.3905, lon=120.9897, status=VacancyStatus.APPROVED,
                           valid_until=today + datetime.timedelta(days=30), **FAIR_VACANCY)


def _past_fair(center, advisor, title, booths, days_ago, today):
    from nuanxin.jobs.models import Fair

    day = today - datetime.timedelta(days=days_ago)
    return Fair.objects.create(title=title, place=center, starts_at=_at(day, 9), ends_at=_at(day, 12), booths=booths,
                               created_by=advisor, description="现场招聘，免费入场。")


def load_fairs(rng) -> str:
    """A fair next week at 昆山人力资源市场劳动者服务中心 (崂山路9号) with half its booths booked
    and seekers signed up (through the services); a past fair with its roll taken (came / did
    not come), visitors checked in and intentions reached; and 昆山恒通电子 barred after two
    no-shows within the year. Runs once: nothing is added when a fair exists."""
    from nuanxin.accounts import services as accounts
    from nuanxin.accounts.choices import EmployerStatus, Role
    from nuanxin.accounts.models import Employer, User
    from nuanxin.jobs.models import Booth, Fair, FairVisit
    from nuanxin.jobs.services import fairs
    from nuanxin.places.models import Place

    if Fair.objects.exists():
        return ""
    center = Place.objects.get(kind="service_center", address="崂山路9号")
    advisor = User.objects.get(username="advisor")
    today = fairs.dates_today(fairs.now_())
    employers = list(Employer.objects.filter(status=EmployerStatus.VERIFIED).prefetch_related("contacts")
                     .order_by("pk"))
    name, contact_name, phone, uscc = BARRED
    boss = accounts.user_create(phone=phone, name=f"{name} {contact_name}", roles=(Role.EMPLOYER,))
    barred = Employer.objects.create(name=name, uscc=uscc, contact_name=contact_name, contact_phone=phone,
                                     status=EmployerStatus.VERIFIED, verified_by=advisor)
    barred.contacts.add(boss)
    for org in [*employers, barred]:
        _approved_vacancy(org, org.contacts.first(), today)
    workers = list(User.objects.filter(phone__startswith="1380000").order_by("pk")[:VISITORS_PAST])

    # The earlier fair: the barred company did not come (its first no-show).
    title, booths, days = FAIR_EARLIER
    earlier = _past_fair(center, advisor, title, booths, days, today)
    Booth.objects.create(fair=earlier, employer=barred, booked_by=boss, status="no_show", number=1)
    Fair.objects.filter(pk=earlier.pk).update(booths_taken=1)

    # The past fair: every verified employer booked, one did not come (the barred company's
    # second no-show); visitors checked in, intentions reached at the booths.
    title, booths, days = FAIR_PAST
    past = _past_fair(center, advisor, title, booths, days, today)
    comers = employers[:booths - 1]
    for n, org in enumerate([*comers, barred], start=1):
        Booth.objects.create(fair=past, employer=org, booked_by=org.contacts.first(), number=n,
                             status="no_show" if org == barred else "attended")
    Fair.objects.filter(pk=past.pk).update(booths_taken=len(comers) + 1)
    used = set()
    for user in workers:
        code = f"{rng.randrange(10**6):06d}"
        while code in used:
            code = f"{rng.randrange(10**6):06d}"
        used.add(code)
        came = rng.random() < 0.8
        FairVisit.objects.create(fair=past, user=user, code=code,
                                 checked_in_at=past.starts_at + datetime.timedelta(minutes=rng.randint(0, 90))
                                 if came else None,
                                 intentions=min(len(comers), rng.choice((0, 0, 1, 1, 2))) if came else 0)

    # Next week: half the booths booked through the services (core.capacity), seekers signed up.
    title, booths = FAIR_NEXT_WEEK
    day = today + datetime.timedelta(days=7)
    fair = fairs.create_fair(by=advisor, title=title, place_id=center.pk, starts_at=_at(day, 9), ends_at=_at(day, 12),
                             booths=booths, description="面向新市民的专场招聘，电子制造、物流、餐饮等岗位。请带身份证。")
    for org in employers[:booths // 2]:
        fairs.book_booth(fair_id=fair.pk, by=org.contacts.first())
    for user in workers[:SIGNED_UP_NEXT]:
        fairs.sign_up(fair_id=fair.pk, by=user)
    booked = Booth.objects.filter(fair=fair).count()
    return (f"3 job fairs (next week {booked} of {booths} booths booked, {SIGNED_UP_NEXT} seekers signed up; "
            f"{name} barred)")
