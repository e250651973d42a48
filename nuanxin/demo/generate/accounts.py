"""Generated people: workers (an account, the worker role, a profile with a real-name ID
number) and the employers whose gigs they work (a contact account, a verified organisation).

Phones are obviously synthetic and never the demo's: workers 199xxxxxxxx, employers'
contacts 198xxxxxxxx, each run continuing after the highest number already taken. ID numbers
are made from the phone by a bijection (so two workers never share one, in any number of
runs) and use county codes the demo does not, so they never meet the demo's either."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max

from nuanxin.accounts.choices import EmployerStatus, Role
from nuanxin.accounts.models import Employer, User, WorkerProfile
from nuanxin.core import crypto, geo
from nuanxin.core.masking import mask_id_number
from nuanxin.core.validators import id_number_check_char, uscc_check_char
from nuanxin.demo import data
from nuanxin.demo.generate.base import (
    OCCUPATION_WEIGHTS,
    TOWN_WEIGHTS,
    Context,
    Workers,
    chunks,
    ids_of,
    jitter,
    weighted,
)

WORKER_PHONES = 19900000000
EMPLOYER_PHONES = 19800000000
PHONE_SPAN = 100_000_000

# County codes (and hometowns) of the generated ID numbers: none of them is in data.HOMETOWNS.
REGIONS = [("620121", "甘肃永登"), ("410122", "河南中牟"), ("340121", "安徽长丰"), ("510121", "四川金堂"),
           ("520121", "贵州开阳"), ("430121", "湖南长沙县"), ("360121", "江西南昌县"), ("341222", "安徽太和")]
BORN_FROM = datetime.date(1972, 1, 1)
_MIX = 61_803_399  # odd and not a multiple of 5: k -> k * _MIX mod 10**8 is a bijection

SKILLS_FOR = {
    "delivery": ["电动车驾驶", "搬运"], "ride_hailing": ["驾驶C1"], "courier": ["分拣", "电动车驾驶", "搬运"],
    "cleaner": ["保洁", "家政"], "factory_temp": ["普工", "分拣", "仓管"], "job_seeker": ["普工", "收银", "搬运"],
    "other": ["厨师", "电工", "育婴"],
}

# Employers: a name from a place word and a trade, and the kinds of gig that trade posts.
NAME_WORDS = ["鹿城", "玉峰", "亭林", "娄江", "锦华", "恒达", "新城", "金茂", "东吴", "顺昌", "永盛", "华辰",
              "昆仑", "佳禾", "立信", "同创", "瑞丰", "启明", "汇通", "宏远"]
TRADES = [("保洁服务", ["cleaning", "domestic"]), ("家政服务", ["domestic", "cleaning"]),
          ("物流", ["courier", "warehouse", "delivery"]), ("搬家服务", ["moving"]),
          ("电子科技", ["factory", "warehouse"]), ("精密机械", ["factory"]), ("餐饮管理", ["catering"]),
          ("会展服务", ["event", "other"]), ("建筑劳务", ["construction"]), ("供应链管理", ["warehouse", "courier"])]


@dataclass
class Employers:
    ids: list[int]
    contacts: list[int]
    names: list[str]
    categories: list[list[str]]
    towns: list[str]


def first_worker_phone() -> str:
    """The phone number the next run's first worker gets."""
    return str(_next_phone(WORKER_PHONES))


def _next_phone(base: int) -> int:
    top = User.objects.filter(phone__startswith=str(base)[:3]).aggregate(m=Max("phone"))["m"]
    return int(top) + 1 if top else base


def _id_number(k: int) -> tuple[str, str, datetime.date]:
    """(ID number, hometown, birth date) for the worker with phone suffix k: a bijection."""
    p = (k * _MIX) % PHONE_SPAN
    seq, p = p % 1000, p // 1000
    region, hometown = REGIONS[p % len(REGIONS)]
    born = BORN_FROM + datetime.timedelta(days=p // len(REGIONS))
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_number_check_char(first17), hometown, born


def make_workers(ctx: Context) -> Workers:
    rng = ctx.rng("workers")
    first = _next_phone(WORKER_PHONES)
    if first - WORKER_PHONES + ctx.workers > PHONE_SPAN:
        raise ValueError("The 199 range of synthetic phone numbers is full.")
    town_of = weighted(rng, TOWN_WEIGHTS)
    occupation_of = weighted(rng, OCCUPATION_WEIGHTS)
    # Six in ten signed up before the window (over the two years before), the rest during it:
    # the city's numbers grow through the year. Sorted: worker i signed up before worker i+1.
    span = (ctx.now - ctx.start).total_seconds()
    joined = sorted(
        ctx.start - datetime.timedelta(seconds=rng.uniform(0, 730 * 86400)) if rng.random() < 0.6
        else ctx.start + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in range(ctx.workers))
    w = Workers()
    group, _made = Group.objects.get_or_create(name=Role.WORKER)
    unusable = make_password(None)  # workers sign in with an SMS code, never a password
    bar = ctx.bar("workers", ctx.workers, "workers")
    for part in chunks(list(range(ctx.workers)), ctx.batch):
        users, profiles = [], []
        for i in part:
            k = first - WORKER_PHONES + i
            phone = str(WORKER_PHONES + k)
            name = rng.choice(data.SURNAMES) + rng.choice(data.GIVEN)
            number, hometown, born = _id_number(k)
            town, occupation = town_of(), occupation_of()
            # Newcomers sign up within weeks of arriving; others came years ago.
            arrived = (joined[i] - datetime.timedelta(days=rng.randint(0, 45) if rng.random() < 0.5
                                                        else rng.randint(46, 2500))).astimezone(ctx.tz).date()
            users.append(User(phone=phone, name=name, password=unusable, date_joined=joined[i]))
            profile = WorkerProfile(
                id_number=number, id_number_hash=crypto.lookup_hash(number), id_number_masked=mask_id_number(number),
                hometown=hometown, arrived_on=arrived, occupation=occupation,
                skills=rng.sample(SKILLS_FOR[occupation], min(2, len(SKILLS_FOR[occupation]))), updated_at=joined[i])
            if rng.random() < 0.35:  # a saved place near home: only its ~5 km² cell in clear
                lat, lon = jitter(rng, town, 2.0)
                profile.saved_place = f"{lat},{lon}"
                profile.saved_h3_r7 = geo.cells_for(lat, lon)[7]
                profile.available_for_autofill = rng.random() < 0.5
            profiles.append(profile)
            w.joined.append(joined[i])
            w.town.append(town)
            w.occupation.append(occupation)
            w.sex.append("female" if rng.random() < (0.55 if occupation == "cleaner" else 0.25) else "male")
            w.arrived.append(arrived)
            w.name.append(name)
            w.phone.append(phone)
            w.born.append(born)
        with transaction.atomic():
            made = ids_of(ctx.insert(User, users))
            for profile, uid in zip(profiles, made, strict=True):
                profile.user_id = uid
            ctx.insert(WorkerProfile, profiles)
            ctx.insert(User.groups.through, [User.groups.through(user_id=uid, group_id=group.pk) for uid in made])
        w.ids.extend(made)
        bar.update(len(part))
    bar.close()
    for i, town in enumerate(w.town):
        w.by_town.setdefault(town, []).append(i)
    w.joined_ts = [t.timestamp() for t in w.joined]
    return w


def make_employers(ctx: Context, count: int, *, verified_by: User) -> Employers:
    """Verified employers with one contact each, verified before the window opens."""
    rng = ctx.rng("employers")
    first = _next_phone(EMPLOYER_PHONES)
    town_of = weighted(rng, TOWN_WEIGHTS)
    group, _made = Group.objects.get_or_create(name=Role.EMPLOYER)
    unusable = make_password(None)
    out = Employers([], [], [], [], [])
    users, orgs = [], []
    for j in range(count):
        k = first - EMPLOYER_PHONES + j
        phone = str(EMPLOYER_PHONES + k)
        trade, categories = TRADES[k % len(TRADES)]
        town = town_of()
        name = f"昆山{rng.choice(NAME_WORDS)}{trade}有限公司"
        contact = rng.choice(data.SURNAMES) + rng.choice(["经理", "主管", "店长", "师傅"])
        since = ctx.start - datetime.timedelta(days=rng.randint(30, 900))
        users.append(User(phone=phone, name=f"{name} {contact}", password=unusable, date_joined=since))
        first17 = f"91320583GN{k:07d}"  # GN: the generator's, never a real licence
        orgs.append(Employer(name=name, uscc=first17 + uscc_check_char(first17), contact_name=contact,
                             contact_phone=phone, status=EmployerStatus.VERIFIED, created_at=since,
                             verified_at=since + datetime.timedelta(hours=rng.randint(2, 30)), verified_by=verified_by))
        out.names.append(name)
        out.categories.append(categories)
        out.towns.append(town)
    with transaction.atomic():
        out.contacts = ids_of(ctx.insert(User, users))
        ctx.insert(User.groups.through, [User.groups.through(user_id=u, group_id=group.pk) for u in out.contacts])
        out.ids = ids_of(ctx.insert(Employer, orgs))
        ctx.insert(Employer.contacts.through, [Employer.contacts.through(employer_id=e, user_id=u)
                                               for e, u in zip(out.ids, out.contacts, strict=True)])
    return out
