"""Building blocks for jobs tests, one section per part of the app: occupations of the
classification, verified employers, published vacancies (made directly by parts B and C; part A
posts and reviews them through its services), fairs and their booths."""

import datetime
import itertools

import pytest
from django.utils import timezone

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import Employer
from nuanxin.jobs.models import Occupation, Vacancy
from nuanxin.jobs.selectors.seekers import today

_n = itertools.count(1)
SERVICE_CENTER = (31.3712, 120.9745)  # 崂山路9号

# A slice of 职业分类大典 (2022): major 6 (production and manufacturing) and 4 (services).
OCCUPATIONS = [
    ("6", "生产制造及有关人员", "major", None),
    ("6-25", "计算机、通信和其他电子设备制造人员", "medium", "6"),
    ("6-25-04", "电子设备装配调试人员", "minor", "6-25"),
    ("6-25-04-01", "电子产品制版工", "occupation", "6-25-04"),
    ("6-25-04-02", "印制电路制作工", "occupation", "6-25-04"),
    ("6-25-02", "电子器件制造人员", "minor", "6-25"),
    ("6-25-02-01", "电子器件制造工", "occupation", "6-25-02"),
    ("4", "社会生产服务和生活服务人员", "major", None),
    ("4-02", "交通运输、仓储物流和邮政业服务人员", "medium", "4"),
    ("4-02-06", "仓储人员", "minor", "4-02"),
    ("4-02-06-01", "仓储管理员", "occupation", "4-02-06"),
    ("4-02-07", "邮政和快递服务人员", "minor", "4-02"),
    ("4-02-07-02", "快递员", "occupation", "4-02-07"),
    ("4-10", "居民服务人员", "medium", "4"),
    ("4-10-01", "生活照料服务人员", "minor", "4-10"),
    ("4-10-01-06", "家政服务员", "occupation", "4-10-01"),
]


def load_occupations() -> dict[str, Occupation]:
    out: dict[str, Occupation] = {}
    for code, name, level, parent in OCCUPATIONS:
        out[code], _created = Occupation.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": out.get(parent) if parent else None})
    return out


def make_employer(*contacts, name: str | None = None, status: str = EmployerStatus.VERIFIED) -> Employer:
    n = next(_n)
    org = Employer.objects.create(name=name or f"测试制造{n}有限公司", uscc=f"91320583MA{n:08d}",
                                  contact_name="钱经理", contact_phone="13900000001", status=status,
                                  verified_at=timezone.now() if status == EmployerStatus.VERIFIED else None)
    org.contacts.add(*contacts)
    return org


def make_vacancy(employer: Employer, *, occupation: str = "6-25-04-01", title: str = "电子装配工",
                 point: tuple[float, float] = SERVICE_CENTER, skills=(), pay=(550_000, 700_000),
                 pay_period: str = "month", status: str = "approved", valid_days: int = 30, **extra) -> Vacancy:
    occupations = load_occupations()
    return Vacancy.objects.create(
        employer=employer, created_by=employer.contacts.first() or _someone(), title=title,
        occupation=occupations[occupation], headcount=5, requirements="能适应两班倒。",
        duties="产线装配。", skills=list(skills), address="昆山开发区前进东路1号", town="ketd",
        lat=point[0], lon=point[1], pay_min_fen=pay[0], pay_max_fen=pay[1], pay_period=pay_period,
        valid_until=today() + datetime.timedelta(days=valid_days), status=status, **extra)


def _someone():
    from nuanxin.accounts import services

    return services.user_create(username=f"vacancy-maker-{next(_n)}", roles=("advisor",))


@pytest.fixture
def occupations(db):
    return load_occupations()


@pytest.fixture
def job_world(make_user, make_place, occupations):
    """An employment station with its advisor and its manager, another station with its own
    manager, an employer with a live vacancy and a second employer, a worker who registered."""
    from nuanxin.jobs.services import seekers as seeker_services

    advisor = make_user("advisor", username=f"advisor-{next(_n)}", name="陈顾问")
    station = make_place(kind="employment_station", name="同心家门口就业服务站", lat=31.38, lon=120.98)
    station.phone = "0512-57000001"
    station.save()
    station.managers.add(advisor)
    manager = make_user("station_manager", username=f"manager-{next(_n)}", name="周站长")
    station.managers.add(manager)
    other_station = make_place(kind="employment_station", name="和谐家门口就业服务站", lat=31.30, lon=120.90)
    other_manager = make_user("station_manager", username=f"manager-{next(_n)}", name="吴站长")
    other_station.managers.add(other_manager)
    boss = make_user("employer", name="钱经理")
    employer = make_employer(boss, name="淳华科技(昆山)有限公司")
    other_boss = make_user("employer", name="孙经理")
    make_employer(other_boss, name="别家物流有限公司")
    vacancy = make_vacancy(employer, skills=["焊接"], point=(31.385, 120.985))
    worker = make_user("worker", name="马小花")
    seeker = seeker_services.seeker_register(by=advisor, phone=worker.phone, name="马小花", data={
        "occupations": ["6-25-04-01"], "skills": ["焊接"], "experience_years": 0, "station_id": station.pk,
        "lat": 31.381, "lon": 120.981, "wanted_pay_fen": 600_000})
    return {"advisor": advisor, "station": station, "manager": manager, "other_station": other_station,
            "other_manager": other_manager, "boss": boss, "employer": employer, "other_boss": other_boss,
            "vacancy": vacancy, "worker": worker, "seeker": seeker,
            "other_worker": make_user("worker", name="牛大力"), "official": make_user("official",
                                                                                   username=f"official-{next(_n)}")}

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
                                  status="verified" if verified else "pending", claimed_by=contact,
                                  verified_at=timezone.now() if verified else None)
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
    ensure_occupations()


def ensure_occupations() -> None:
    from nuanxin.jobs import occupations
    from nuanxin.jobs.models import Occupation

    if not Occupation.objects.exists():
        occupations.load_file(Occupation)


@pytest.fixture
def classification(transactional_db):
    """For browser tests (outside jobs/tests, where the autouse fixture above does not reach):
    the classification, loaded again if an earlier transactional test flushed it."""
    ensure_occupations()


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
