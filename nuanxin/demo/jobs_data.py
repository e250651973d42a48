"""Demo data for the employment service (jobs). One section per part of issue 14."""

import datetime
import random

from django.utils import timezone

# --- A: vacancies ----------------------------------------------------------------------------

# The employers that post: 淳华科技 (data.EMPLOYER_PHONE) and the gig employers of gigs_data.
VACANCY_EMPLOYER_PHONES = ["13900000001", "13900000011", "13900000012", "13900000013", "13900000014",
                           "13900000015", "13900000016", "13900000017"]

# occupation code (2022 classification), title, kind, pay from/to (yuan), per, skills, employer (index above)
VACANCY_TEMPLATES = [
    ("6-25-04-07", "电子厂普工（SMT产线）", "full_time", 5000, 7000, "month", ["普工"], 0),
    ("6-25-02-06", "芯片封装测试操作员", "full_time", 5500, 7500, "month", [], 0),
    ("4-08-05-07", "电子产品检验员", "full_time", 5200, 6800, "month", ["质检"], 0),
    ("6-31-01-02", "设备维修钳工", "full_time", 7000, 10000, "month", ["钳工证"], 0),
    ("6-31-01-03", "厂区电工", "full_time", 7000, 9500, "month", ["电工证"], 0),
    ("6-14-02-00", "注塑成型操作工", "full_time", 5500, 7000, "month", [], 0),
    ("4-02-06-01", "仓储管理员", "full_time", 5500, 7000, "month", ["仓管"], 6),
    ("4-02-06-02", "仓库理货员", "full_time", 5000, 6500, "month", ["叉车证"], 6),
    ("4-02-05-01", "装卸搬运工", "full_time", 5500, 8000, "month", ["搬运"], 3),
    ("4-02-07-08", "快递员", "full_time", 6000, 9000, "month", ["电动车驾驶"], 2),
    ("4-10-08-01", "网约配送员（兼职）", "part_time", 20, 30, "hour", ["电动车驾驶"], 2),
    ("4-09-08-01", "商场保洁员", "full_time", 3500, 4200, "month", ["保洁"], 1),
    ("4-10-01-06", "家政服务员", "full_time", 5000, 7000, "month", ["家政"], 1),
    ("4-10-01-05", "养老护理员", "full_time", 5000, 6500, "month", ["养老护理员证"], 1),
    ("4-03-02-01", "中式烹调师", "full_time", 6000, 8500, "month", ["厨师证"], 5),
    ("4-03-02-05", "餐厅服务员", "full_time", 4200, 5200, "month", [], 5),
    ("4-03-02-05", "周末餐厅服务员（兼职）", "part_time", 20, 25, "hour", [], 5),
    ("4-01-02-04", "超市收银员", "full_time", 4000, 5000, "month", [], 5),
    ("4-07-05-01", "园区保安员", "full_time", 4500, 5500, "month", ["保安员证"], 4),
    ("6-29-01-01", "砌筑工", "full_time", 8000, 11000, "month", [], 7),
    ("6-29-01-04", "钢筋工", "full_time", 8500, 12000, "month", [], 7),
    ("6-18-02-04", "焊工", "full_time", 8000, 12000, "month", ["焊工证"], 7),
    ("6-22-02-01", "汽车装调工", "full_time", 6000, 8000, "month", [], 0),
    ("4-12-01-01", "汽车维修工", "full_time", 6000, 9000, "month", ["汽修"], 0),
    ("4-10-03-02", "美发师", "full_time", 5000, 9000, "month", [], 1),
]
REQUIREMENTS = [
    "能适应倒班，身体健康，有相关经验优先；男女不限，无需押金，公司不收任何费用。",
    "认真负责，能吃苦耐劳；无经验可培训上岗，持证者优先。入职不收任何费用。",
    "有相关工作经验一年以上优先，能看懂简单的作业指导书。年满18周岁。",
]
DUTIES = {
    "full_time": "按岗位作业指导书完成日常工作，遵守安全生产规定；签订劳动合同，缴纳五险，提供工作餐和宿舍。",
    "part_time": "按排班完成工作，每周不少于三次；按小时计酬，工资每半月结算一次。",
}
VACANCY_COUNT = 200
PENDING_EVERY = 25          # every 25th waits for review (8 of 200)
REJECTED_NOTE = "请写明具体的上班地点（厂区门牌号）和班次安排后重新提交。"


def vacancy_specs(rng: random.Random, towns: list[str], today: datetime.date) -> list[dict]:
    """VACANCY_COUNT vacancies over the templates and the towns, each with its employer's index."""
    from nuanxin.core.towns import CHINESE_NAMES
    from nuanxin.demo.data import jitter

    specs = []
    for i in range(VACANCY_COUNT):
        code, title, kind, low, high, period, skills, employer = VACANCY_TEMPLATES[i % len(VACANCY_TEMPLATES)]
        town = towns[(i * 7) % len(towns)]
        lat, lon = jitter(rng, town, 2.0)
        specs.append({
            "employer": employer, "title": title, "occupation": code, "kind": kind,
            "headcount": rng.choice([1, 2, 3, 5, 10, 20]),
            "requirements": REQUIREMENTS[i % len(REQUIREMENTS)], "duties": DUTIES[kind], "skills": skills,
            "address": f"{CHINESE_NAMES[town]}{rng.choice(['前进路', '长江路', '黄河路', '青阳路', '友谊路'])}"
                       f"{rng.randint(1, 300)}号",
            "town": town, "lat": lat, "lon": lon, "pay_min_fen": low * 100, "pay_max_fen": high * 100,
            "pay_period": period, "valid_until": today + datetime.timedelta(days=rng.choice([30, 30, 45, 60, 90])),
        })
    return specs


# --- B: job seekers, follow-ups and referrals ---------------------------------------------------
# Loaded after the vacancies (part A) by `load_seekers(rng)`; if none are published yet it makes
# a few of its own so the stories below have somewhere to go. Everything after the vacancies
# goes through the services, so every referral has its dated history.

# The placed seeker's story (DOMAIN.md: a 19-year-old arriving alone from Gansu).
STORY_PHONE = "13800009019"
STORY_NAME = "马小军"

# Fallback vacancies: (occupation code, name, level, parent), then (title, occupation, skills, pay yuan range).
FALLBACK_OCCUPATIONS = [
    ("6", "生产制造及有关人员", "major", None), ("6-25", "计算机、通信和其他电子设备制造人员", "medium", "6"),
    ("6-25-04", "电子设备装配调试人员", "minor", "6-25"), ("6-25-04-01", "电子产品制版工", "occupation", "6-25-04"),
    ("4", "社会生产服务和生活服务人员", "major", None), ("4-02", "交通运输、仓储物流和邮政业服务人员", "medium", "4"),
    ("4-02-06", "仓储人员", "minor", "4-02"), ("4-02-06-01", "仓储管理员", "occupation", "4-02-06"),
    ("4-03", "住宿和餐饮服务人员", "medium", "4"), ("4-03-02", "餐饮服务人员", "minor", "4-03"),
    ("4-03-02-01", "中式烹调师", "occupation", "4-03-02"), ("4-10", "居民服务人员", "medium", "4"),
    ("4-10-01", "生活照料服务人员", "minor", "4-10"), ("4-10-01-06", "家政服务员", "occupation", "4-10-01"),
]
FALLBACK_VACANCIES = [
    ("电子装配普工（包吃住）", "6-25-04-01", ["普工"], (5500, 7000)),
    ("SMT操作工", "6-25-04-01", ["普工", "电工"], (6000, 7500)),
    ("仓库管理员", "4-02-06-01", ["仓管", "叉车"], (5000, 6500)),
    ("食堂厨师", "4-03-02-01", ["厨师"], (6000, 8000)),
    ("家政服务员", "4-10-01-06", ["家政", "保洁"], (5000, 7000)),
    ("分拣员", "4-02-06-01", ["分拣", "搬运"], (4800, 6000)),
]
# Skills a seeker lists, drawn from these.
SEEKER_SKILLS = ["普工", "电工", "仓管", "叉车", "厨师", "家政", "保洁", "分拣", "搬运", "收银", "驾驶C1"]
LANGUAGES = [["普通话"], ["普通话", "四川话"], ["普通话", "河南话"], ["普通话", "粤语"]]
FOLLOW_NOTES = ["电话联系，已推送三个岗位", "微信发了招聘会信息", "上门走访，本人想找包住的工作", "窗口面谈，指导写简历",
                "短信提醒参加下周招聘会"]


def _today(now):
    from nuanxin.jobs.selectors import seekers as selectors

    return selectors.today(now)


def _fallback_vacancies(rng, advisor):
    """A few published vacancies when the vacancies part has loaded none."""
    from nuanxin.accounts.models import Employer
    from nuanxin.core.towns import TOWN_CENTRES
    from nuanxin.jobs.models import Occupation, Vacancy, VacancyHistory

    occ = {}
    for code, name, level, parent in FALLBACK_OCCUPATIONS:
        occ[code], _c = Occupation.objects.get_or_create(code=code, defaults={
            "name": name, "level": level, "parent": occ.get(parent)})
    employers = list(Employer.objects.filter(status="verified").order_by("pk")[:6])
    today = _today(None)
    made = []
    for i, (title, code, skills, (low, high)) in enumerate(FALLBACK_VACANCIES):
        employer = employers[0] if i < 2 or len(employers) == 1 else employers[i % len(employers)]
        town = ["ketd", "yushan", "zhoushi", "lujia", "huaqiao", "zhangpu"][i]
        lat, lon = TOWN_CENTRES[town]
        v = Vacancy.objects.create(
            employer=employer, created_by=employer.contacts.first() or advisor, title=title,
            occupation=occ[code], headcount=rng.randint(2, 20), requirements="18周岁以上，身体健康，能适应倒班。",
            duties="按岗位要求完成日常工作，公司提供岗前培训。", skills=skills, address=f"{title}工作地点", town=town,
            lat=lat + rng.uniform(-0.01, 0.01), lon=lon + rng.uniform(-0.01, 0.01), pay_min_fen=low * 100,
            pay_max_fen=high * 100, valid_until=today + datetime.timedelta(days=30), status="approved")
        VacancyHistory.objects.create(vacancy=v, by=advisor, to_status="approved", note="演示数据")
        made.append(v)
    return made


def load_seekers(rng) -> str:
    """Seekers at every stage across the stations, follow-ups (some due today), referrals in
    every state, and 马小军's story: 19, arrived alone from Gansu, registered at the window by
    陈顾问, referred to 淳华科技, interviewed, hired."""
    from nuanxin.accounts import services as accounts
    from nuanxin.accounts.models import Employer, User, WorkerProfile
    from nuanxin.jobs.models import Seeker
    from nuanxin.jobs.selectors import seekers as selectors
    from nuanxin.jobs.services import referrals
    from nuanxin.jobs.services import seekers as services
    from nuanxin.places.models import Place

    now = timezone.now()
    today = _today(now)
    advisor = User.objects.get(username="advisor")
    center = Place.objects.filter(kind="service_center").order_by("pk").first()
    stations = list(Place.objects.filter(kind="employment_station").order_by("pk"))
    if center is not None:
        center.managers.add(advisor)  # 陈顾问 works at the window of 崂山路9号
    vacancies = list(selectors.live_vacancies(today).select_related("employer", "occupation").order_by("pk")[:200])
    if not vacancies:
        vacancies = _fallback_vacancies(rng, advisor)
    chunhua = [v for v in vacancies if v.employer.name.startswith("淳华科技")] or vacancies[:1]
    codes = sorted({v.occupation.code for v in vacancies})

    def contact_of(v):
        return Employer.objects.get(pk=v.employer_id).contacts.order_by("pk").first()

    # 马小军's story first, dated over the last week.
    person = User.objects.filter(phone=STORY_PHONE).first() or accounts.user_create(
        phone=STORY_PHONE, name=STORY_NAME, roles=("worker",))
    WorkerProfile.objects.update_or_create(user=person, defaults={
        "hometown": "甘肃定西", "arrived_on": today - datetime.timedelta(days=8), "occupation": "job_seeker",
        "skills": ["普工"]})
    at_window = now - datetime.timedelta(days=7)
    story = services.seeker_register(by=advisor, phone=STORY_PHONE, name=STORY_NAME, now=at_window, data={
        "occupations": [chunhua[0].occupation.code], "skills": ["普工"], "experience_years": 0,
        "languages": ["普通话", "甘肃话"], "wanted_pay_fen": 550_000, "station_id": center.pk if center else None,
        "notes": "19岁，一个人从甘肃来，暂住暖新居所，想找包吃住的工作。"})
    Seeker.objects.filter(pk=story.pk).update(registered_at=at_window)
    services.follow_up_add(by=advisor, seeker_id=story.pk, channel="window", now=at_window,
                           note="窗口登记，介绍了包吃住的电子厂岗位", next_contact_on=today - datetime.timedelta(days=4))
    letter = referrals.referral_create(by=advisor, seeker_id=story.pk, job_id=chunhua[0].pk, now=at_window,
                                       note="本人踏实肯干，初到昆山，请安排住宿。")
    boss = contact_of(chunhua[0])
    referrals.referral_outcome(by=boss, referral_id=letter.pk, outcome="interviewed",
                               now=now - datetime.timedelta(days=5), note="面试通过，等体检")
    referrals.referral_outcome(by=boss, referral_id=letter.pk, outcome="hired",
                               now=now - datetime.timedelta(days=3), note="下周一入职，宿舍已安排")

    # Seekers at every stage across the stations.
    workers = list(User.objects.filter(phone__startswith="1380000", groups__name="worker")
                   .exclude(phone=STORY_PHONE).exclude(job_seeker__isnull=False).order_by("pk")[:90])
    hardships = ["", "", "", "", "difficulty", "graduate", "low_income", "long_unemployed", "disability"]
    states = {"referred": 0, "interviewed": 0, "hired": 0, "not_hired": 0, "no_show": 0, "cancelled": 0}
    made = placed = closed = due = 0
    for i, worker in enumerate(workers):
        station = stations[i % len(stations)] if stations else center
        days_ago = rng.randint(1, 60)
        when = now - datetime.timedelta(days=days_ago)
        by_window = i % 3 != 0
        data = {"occupations": rng.sample(codes, min(len(codes), rng.randint(1, 2))),
                "skills": rng.sample(SEEKER_SKILLS, 2), "experience_years": rng.choice([0, 0, 1, 3, 5, 10]),
                "languages": rng.choice(LANGUAGES), "hardship": rng.choice(hardships),
                "wanted_pay_fen": rng.choice([450_000, 550_000, 650_000, 800_000]), "town": station.town,
                "station_id": station.pk}
        seeker = (services.seeker_register(by=advisor, phone=worker.phone, data=data, now=when) if by_window
                  else services.seeker_register(by=worker, data=data, now=when))
        Seeker.objects.filter(pk=seeker.pk).update(registered_at=when)
        made += 1
        # A follow-up or two; every fourth is due today or overdue.
        for k in range(rng.randint(0, 2)):
            at = when + datetime.timedelta(days=k * 3 + 1)
            if at >= now:
                break
            next_on = today - datetime.timedelta(days=rng.randint(0, 3)) if i % 4 == 0 else \
                today + datetime.timedelta(days=rng.randint(1, 14))
            services.follow_up_add(by=advisor, seeker_id=seeker.pk, channel=rng.choice(["call", "wechat", "visit", "sms"]),
                                   note=rng.choice(FOLLOW_NOTES), now=at, next_contact_on=max(next_on, _today(at)))
        if i % 4 == 0:
            Seeker.objects.filter(pk=seeker.pk).update(
                next_contact_on=today - datetime.timedelta(days=rng.randint(0, 3)))
            due += 1
        else:
            Seeker.objects.filter(pk=seeker.pk, status="active").update(
                next_contact_on=today + datetime.timedelta(days=rng.randint(1, 14)))
        # Referrals: every state appears.
        stage = i % 9
        if stage in (1, 2, 3, 4, 5, 6):
            v = vacancies[(i * 7) % len(vacancies)]
            ref = referrals.referral_create(by=advisor, seeker_id=seeker.pk, job_id=v.pk, now=when,
                                            note="请安排面试")
            employer_user = contact_of(v)
            later = when + datetime.timedelta(days=1)
            if stage == 2:
                referrals.referral_outcome(by=employer_user, referral_id=ref.pk, outcome="interviewed", now=later)
            elif stage == 3:
                referrals.referral_outcome(by=employer_user, referral_id=ref.pk, outcome="interviewed", now=later)
                referrals.referral_outcome(by=employer_user, referral_id=ref.pk, outcome="not_hired",
                                           now=later + datetime.timedelta(days=1), note="岗位已招满")
            elif stage == 4:
                referrals.referral_outcome(by=employer_user, referral_id=ref.pk, outcome="no_show", now=later)
            elif stage == 5:
                referrals.referral_cancel(by=advisor, referral_id=ref.pk, now=later, note="本人已回老家")
            elif stage == 6 and i % 2 == 0:
                referrals.referral_outcome(by=employer_user, referral_id=ref.pk, outcome="hired", now=later)
                placed += 1
            ref.refresh_from_db()
            states[ref.status] += 1
        elif stage == 7 and seeker.status == "active":
            services.seeker_close(by=advisor, seeker_id=seeker.pk, outcome="closed", reason="本人回老家发展",
                                  now=when + datetime.timedelta(days=2))
            closed += 1
    return (f"{made + 1} job seekers ({placed + 1} placed through referrals, {closed} closed, {due} follow-ups due), "
            f"referrals by state {states}, and {STORY_NAME}'s story")

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
