"""Load the Kunshan demo data into an empty database; running it again changes nothing."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from nuanxin.accounts import services as accounts
from nuanxin.accounts import sms
from nuanxin.accounts.choices import EmployerStatus, Role
from nuanxin.accounts.models import Employer, User, WorkerProfile
from nuanxin.cases.models import Case
from nuanxin.core import crypto
from nuanxin.core.dates import local_tz
from nuanxin.core.masking import mask_id_number
from nuanxin.demo import data
from nuanxin.demo.ids import IdNumbers
from nuanxin.gigs.models import Gig
from nuanxin.places.models import (
    Amenity,
    OpeningHours,
    Organization,
    Place,
    ScheduleException,
    Visit,
)


class Command(BaseCommand):
    help = "Load the Kunshan demo data (places, demo accounts for every role, 200+ workers)."

    def handle(self, *args, **options):
        # Each part loads only into an empty table, so running again changes nothing, and a
        # database loaded by an older version gains only the parts it lacks.
        rng = random.Random(data.SEED)  # noqa: S311 - a seeded, repeatable demo, not a secret
        loaded = []
        with transaction.atomic():
            if not Place.objects.exists() and not User.objects.filter(username="admin").exists():
                staff = self._staff()
                places = self._places(rng, manager=staff["manager"])
                workers = self._workers(rng)
                self._employer()
                self._visits(rng, places, workers)
                loaded.append(f"{len(places)} places, {len(workers)} workers, {len(staff)} staff accounts")
        with transaction.atomic():
            if not Gig.objects.exists():
                gigs = self._gigs(random.Random(data.SEED + 1))  # noqa: S311 - seeded demo
                loaded.append(f"{gigs} gigs")
                if User.objects.filter(phone=data.EMPLOYER_PHONE).exists():
                    with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"):
                        self._wage_story()
        with transaction.atomic():
            if not Case.objects.exists() and User.objects.filter(username="rescue").exists():
                loaded.append(f"{self._cases(random.Random(data.SEED + 2))} cases")  # noqa: S311 - seeded demo
        from nuanxin.bookings.models import Offering

        # Demo people are not texted: the bookings' SMS go to the in-memory outbox.
        with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"), transaction.atomic():
            if not Offering.objects.exists() and User.objects.filter(username="organiser").exists():
                loaded.append(self._bookings(random.Random(data.SEED + 3)))  # noqa: S311 - seeded demo
        with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"), transaction.atomic():
            from nuanxin.grants.models import Donation

            if not Donation.objects.exists() and User.objects.filter(username="admin").exists():
                loaded.append(self._grants())
        with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"), transaction.atomic():
            from nuanxin.housing.models import Residence

            if not Residence.objects.exists() and User.objects.filter(username="rescue").exists():
                loaded.append(self._housing(random.Random(data.SEED + 4)))  # noqa: S311 - seeded demo
        with transaction.atomic():
            from nuanxin.jobs.models import Vacancy

            if not Vacancy.objects.exists() and User.objects.filter(username="advisor").exists():
                loaded.append(self._jobs_vacancies(random.Random(data.SEED + 5)))  # noqa: S311 - seeded demo
        with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"), transaction.atomic():
            from nuanxin.jobs.models import Seeker

            # After the vacancies (jobs part A): seekers, follow-ups, referrals (part B).
            if not Seeker.objects.exists() and User.objects.filter(username="advisor").exists():
                from nuanxin.demo import jobs_data

                loaded.append(jobs_data.load_seekers(random.Random(data.SEED + 6)))  # noqa: S311 - seeded demo
        with override_settings(NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.LocmemSmsBackend"), transaction.atomic():
            from nuanxin.jobs.models import Fair

            # Fairs (jobs part C) after the employers and their vacancies.
            if not Fair.objects.exists() and User.objects.filter(username="advisor").exists():
                from nuanxin.demo import jobs_data

                loaded.append(jobs_data.load_fairs(random.Random(data.SEED + 7)))  # noqa: S311 - seeded demo
        with transaction.atomic():
            from nuanxin.dashboard.models import Target
            from nuanxin.demo import dashboard_data

            if not Target.objects.exists():
                loaded.append(dashboard_data.load_targets())
        sms.outbox.clear()
        if loaded:
            self.stdout.write(self.style.SUCCESS("Loaded " + ", ".join(loaded) + "."))
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        self._print_accounts()

    def _cases(self, rng) -> int:
        """A realistic mix: open and closed, every type and team, a few filed at a window."""
        from nuanxin.cases import services as cases
        from nuanxin.cases.choices import TRANSITIONS, CloseReason, State
        from nuanxin.demo.cases_data import STORIES

        staff = {u.username: u for u in User.objects.filter(username__in=["advisor", "rescue", "legal", "hospital"])}
        workers = list(User.objects.filter(phone__startswith="1380000").order_by("pk")[:60])
        count = 0
        for i, (case_type, team, summary, town) in enumerate(STORIES * 2):
            by = workers[i % len(workers)]
            case = cases.case_open(type=case_type, summary=summary, by=by, town=town)
            officer = staff[team]
            # Walk each case a different distance along the workflow.
            path = [State.TRIAGED, State.ASSIGNED, State.IN_PROGRESS, State.RESOLVED, State.CLOSED][: rng.randint(0, 5)]
            for to in path:
                if to not in TRANSITIONS[case.state]:
                    break
                case = cases.case_transition(case_id=case.pk, by=officer, to=to,
                                             reason=CloseReason.HELPED if to == State.CLOSED else None,
                                             note="已联系求助人" if to == State.IN_PROGRESS else "")
            count += 1
        return count

    def _grants(self) -> str:
        """The charity fund: donations recorded by the administrator, two grants paid (a hardship
        grant, the Yunnan family's tickets home) and one waiting for a second pair of eyes."""
        from nuanxin.cases import services as cases
        from nuanxin.cases.choices import OPEN_STATES, State
        from nuanxin.demo import grants_data
        from nuanxin.grants import services as grants

        staff = {u.username: u for u in User.objects.filter(username__in=["admin", "advisor", "rescue"])}
        today = timezone.localdate()
        for donor, amount, days_ago, note in grants_data.DONATIONS:
            grants.donation_record(by=staff["admin"], donor=donor, amount_fen=amount, note=note,
                                   received_on=today - datetime.timedelta(days=days_ago),
                                   idempotency_key=f"demo-donation-{donor}")
        workers = list(User.objects.filter(phone__startswith="1380000").order_by("-pk")[:10])
        for i, (case_type, words, story, by, kind, amount, purpose, approver) in enumerate(grants_data.GRANTS):
            case = next((c for c in Case.objects.filter(type=case_type, state__in=OPEN_STATES,
                                                        applicant__isnull=False).order_by("pk")
                         if words in c.summary), None)
            if case is None:  # the cases demo walked that story to its end: open it again
                case = cases.case_open(type=case_type, summary=story, by=workers[i], town="lujia")
                for to in (State.TRIAGED, State.ASSIGNED, State.IN_PROGRESS):
                    case = cases.case_transition(case_id=case.pk, by=staff[by], to=to)
            grant = grants.grant_propose(case_id=case.pk, by=staff[by], kind=kind, amount_fen=amount, purpose=purpose,
                                         idempotency_key=f"demo-grant-{i}")
            if approver:
                grants.grant_approve(grant_id=grant.pk, by=staff[approver])
        return f"{len(grants_data.DONATIONS)} donations to the charity fund, {len(grants_data.GRANTS)} grants"

    def _housing(self, rng) -> str:
        """The 1,000 units over twelve residences, and a winter evening's guests, all through
        the housing services (so every stay has its history): a small residence full tonight,
        guests checked in, long stays waiting for review, a missed check-in under appeal, job
        advice booked, and the Yunnan family of the emergency case in shelter."""
        from nuanxin.demo import housing_data
        from nuanxin.housing import services as housing
        from nuanxin.housing.models import Bed, Residence, Unit

        staff = {u.username: u for u in User.objects.filter(username__in=["advisor", "rescue", "manager"])}
        amenities = {a.code: a for a in Amenity.objects.all()}
        org = Organization.objects.filter(name="昆山市人力资源和社会保障局").first()
        places = list(Place.objects.filter(kind="residence").order_by("pk"))
        for town, community, road in housing_data.MORE_RESIDENCES:
            lat, lon = data.jitter(rng, town, 1.5)
            place = Place.objects.create(
                name=f'{data.short_town(town)}{community}暖"新"居所', kind="residence", town=town,
                address=f"{road}{rng.randint(1, 299)}号", lat=lat, lon=lon, is_24h=True, organization=org,
                operator=org.name if org else "", description="过渡性住房，求职期间可申请入住。")
            place.amenities.set([amenities[c] for c in ("drinking_water", "wifi", "heating", "restroom")])
            places.append(place)
        residences = []
        for place in places:  # a guest on My stay can call the residence
            if not place.phone:
                place.phone = f"0512-5{rng.randint(1000000, 9999999)}"
                place.save(update_fields=["phone"])
        for place, units in zip(places, housing_data.UNITS, strict=True):
            residence = Residence.objects.create(place=place, house_rules=housing_data.HOUSE_RULES)
            residences.append(residence)
            made = Unit.objects.bulk_create(
                Unit(residence=residence, label=f"{i // 20 + 1}-{i % 20 + 101}",
                     kind=housing_data.PATTERN[i % len(housing_data.PATTERN)][0]) for i in range(units))
            Bed.objects.bulk_create(
                Bed(unit=u, label=str(b + 1), accessible=(b == 0 and i % 10 == 0))
                for i, u in enumerate(made) for b in range(dict(housing_data.PATTERN)[u.kind]))
        lujia = residences[0]
        lujia.place.managers.add(staff["manager"])
        guests = iter(User.objects.filter(groups__name=Role.WORKER, phone__startswith="138")
                      .exclude(phone__in=[data.EMPLOYER_PHONE]).order_by("-pk"))
        today = timezone.localdate()
        advisor = staff["advisor"]

        def refer(residence, *, nights=5, sex="male", adults=1, minors=0, day=today, now=None):
            return housing.apply(by=next(guests), check_in=day, nights=nights, residence_id=residence.pk, sex=sex,
                                 adults=adults, minors=minors, looking_for_work=True, referral="advisor",
                                 referred_by=advisor, reason="刚到昆山找工作，顾问推荐入住", now=now)

        # A small residence full tonight: every bed, families in the family rooms.
        full = residences[housing_data.FULL_TONIGHT[0]]
        for unit in full.units.all():
            for _bed in (unit.beds.all() if unit.kind != "family" else [None]):
                refer(full, sex="female" if unit.kind == "women" else "male",
                      adults=2 if unit.kind == "family" else 1, minors=1 if unit.kind == "family" else 0)
        # Guests at 陆家镇杏花南苑 (managed by the demo station manager): staying, arriving, waiting.
        checked_in = [refer(lujia, nights=rng.randint(3, 10), sex=rng.choice(["male", "female"])) for _ in range(6)]
        for stay in checked_in:
            housing.check_in(app_id=stay.pk, by=staff["manager"])
        arriving = [refer(lujia, nights=7) for _ in range(3)]
        # Newcomers asking themselves: two long stays wait for review, one waits for a bed in the
        # full residence.
        for where, nights, reason in [(lujia, 14, "工厂下周一入职，需要住到发第一个月工资"),
                                      (lujia, 10, "在找保洁工作，已约面试"), (full, 3, "在阳澄湖找餐饮工作")]:
            person = next(guests)
            WorkerProfile.objects.filter(user=person).update(arrived_on=today - datetime.timedelta(days=4))
            housing.apply(by=person, check_in=today + datetime.timedelta(days=1 if where is full else 2),
                          nights=nights, residence_id=where.pk, sex="male", looking_for_work=True, reason=reason)
        # Job advice booked for one arriving guest, at the nearest doorstep employment station.
        station = Place.objects.filter(kind="employment_station", town="lujia").first()
        if station is not None:
            workday = next(d for d in (today + datetime.timedelta(days=i) for i in range(1, 10))
                           if d.weekday() < 5 and d not in data.HOLIDAY_CLOSURES)
            housing.advice_book(app_id=arriving[0].pk, by=advisor, place_id=station.pk,
                                at=datetime.datetime.combine(workday, datetime.time(10), tzinfo=local_tz()))
        # A missed check-in yesterday, with an appeal waiting for the manager.
        yesterday = timezone.now() - datetime.timedelta(days=1)
        missed = refer(lujia, nights=3, day=today - datetime.timedelta(days=1), now=yesterday)
        housing.forfeit_due()
        housing.appeal(app_id=missed.pk, by=missed.applicant, text="火车晚点，第二天凌晨才到昆山南站")
        # The Yunnan family of the emergency case, in shelter tonight.
        case = next((c for c in Case.objects.filter(type="emergency").order_by("pk") if "云南" in c.summary), None)
        sheltered = ""
        if case is not None and case.applicant_id:
            housing.shelter(case_id=case.pk, by=staff["rescue"], nights=3, adults=2, minors=1, residence_id=lujia.pk,
                            note="一家三口，孩子等待手术；已联系返乡车票")
            sheltered = ", a family in emergency shelter"
        units = sum(housing_data.UNITS)
        return f"{len(residences)} warm residences with {units} units{sheltered}"

    def _gigs(self, rng) -> int:
        from nuanxin.core.towns import Town
        from nuanxin.demo import gigs_data
        from nuanxin.gigs import services as gig_services
        from nuanxin.wages import services as wages

        employers = []
        for name, contact, phone, first17 in gigs_data.EMPLOYERS:
            user = User.objects.filter(phone=phone).first() or accounts.user_create(
                phone=phone, name=f"{name} {contact}", roles=(Role.EMPLOYER,))
            org = Employer.objects.create(
                name=name, uscc=gigs_data.uscc(first17), contact_name=contact, contact_phone=phone,
                status=EmployerStatus.VERIFIED, verified_at=timezone.now(),
                verified_by=User.objects.filter(username="advisor").first(),
            )
            org.contacts.add(user)
            # The wage guarantee: money deposited (an offline transfer staff confirmed) before publishing.
            deposit = wages.deposit_create(by=user, amount_fen=100_000_000, idempotency_key="demo-deposit")
            wages.deposit_confirm(deposit_id=deposit.pk)
            employers.append(user)
        specs = gigs_data.gig_specs(rng, timezone.now(), dict(Town.choices))
        for spec in specs:
            by = employers[spec.pop("employer")]
            gig = gig_services.gig_create(by=by, data=spec)
            gig_services.gig_publish(gig_id=gig.pk, by=by)
        return len(specs)

    def _jobs_vacancies(self, rng) -> str:
        """Jobs A: about 200 vacancies of the demo employers, through the services: most
        published, a few waiting for review, one turned down by staff with a note."""
        from nuanxin.core.towns import Town
        from nuanxin.demo import jobs_data
        from nuanxin.jobs import services as job_services

        advisor = User.objects.get(username="advisor")
        posters = [User.objects.filter(phone=phone, employers__status=EmployerStatus.VERIFIED).first()
                   for phone in jobs_data.VACANCY_EMPLOYER_PHONES]
        if posters[0] is None:
            return "no vacancies (the demo employer is missing)"
        now = timezone.now()
        specs = jobs_data.vacancy_specs(rng, list(Town.values), job_services.today(now))
        made = waiting = 0
        for i, spec in enumerate(specs):
            by = posters[spec.pop("employer")] or posters[0]
            vacancy = job_services.vacancy_create(by=by, data=spec, now=now)
            made += 1
            if i == 7:
                job_services.vacancy_review(vacancy_id=vacancy.pk, by=advisor, approve=False,
                                            note=jobs_data.REJECTED_NOTE, now=now)
            elif i % jobs_data.PENDING_EVERY == 3:
                waiting += 1
            else:
                job_services.vacancy_review(vacancy_id=vacancy.pk, by=advisor, approve=True, now=now)
        return f"{made} vacancies ({waiting} waiting for review, 1 turned down)"

    def _wage_story(self) -> None:
        """The first demo worker's wages with 淳华科技, told through the same services people use:
        a bank card on file, a shift paid in full last week, and one two days ago where the
        employer confirmed fewer hours than the check-in record, so the rest is held for the
        worker to agree or dispute; the employer has a deposit still waiting for staff."""
        from nuanxin.gigs import services as gigs
        from nuanxin.wages import services as wages

        boss = User.objects.get(phone=data.EMPLOYER_PHONE)
        worker = User.objects.get(phone=str(data.FIRST_WORKER_PHONE))
        wages.payout_account_set(user=worker, kind="bank_card", number="6222 0212 3456 7894", holder=worker.name)
        confirmed = wages.deposit_create(by=boss, amount_fen=5_000_000, idempotency_key="demo-deposit")
        wages.deposit_confirm(deposit_id=confirmed.pk)
        wages.deposit_create(by=boss, amount_fen=2_000_000, idempotency_key="demo-deposit-pending")
        today = timezone.localdate()
        point = {"lat": 31.3712, "lon": 120.9745}
        for days_ago, title, confirm_hours, reason in ((8, "成品装箱 上午班", None, ""),
                                                       (2, "成品贴标 上午班", 3, "中午离岗约一小时")):
            day = today - datetime.timedelta(days=days_ago)
            start = datetime.datetime.combine(day, datetime.time(8, 0), tzinfo=timezone.get_current_timezone())
            posted = start - datetime.timedelta(days=2)
            gig = gigs.gig_create(by=boss, now=posted, data={
                "title": title, "category": "factory", "address": "昆山开发区前进东路88号淳华科技",
                "description": "成品装箱、贴标，站立作业，工装免费提供，男女不限，无需押金。", **point,
                "pay_fen": 2500, "pay_unit": "hour", "instant": True, "skills": [],
                "shifts": [{"start": start, "end": start + datetime.timedelta(hours=4), "headcount": 3}]})
            gigs.gig_publish(gig_id=gig.pk, by=boss, now=posted)
            app = gigs.application_apply(shift_id=gig.shifts.get().pk, worker=worker, now=posted)
            gigs.check_in(application_id=app.pk, worker=worker, now=start - datetime.timedelta(minutes=5), **point)
            gigs.check_out(application_id=app.pk, worker=worker, now=start + datetime.timedelta(hours=4, minutes=10),
                           **point)
            gigs.application_confirm(application_id=app.pk, by=boss, reason=reason,
                                     minutes=None if confirm_hours is None else confirm_hours * 60,
                                     now=start + datetime.timedelta(hours=6))
            gigs.refund_ended_shifts(now=start + datetime.timedelta(hours=6))

    def _print_accounts(self) -> None:
        w = self.stdout.write
        w("")
        w("Demo accounts (demo data only):")
        w(f"  staff, at /accounts/login/ (staff sign-in) or /admin/, password {data.DEMO_PASSWORD}:")
        for username, name, role in data.STAFF:
            w(f"    {username:<10} {role:<16} {name}")
        w(f"  workers sign in with a phone, e.g. {data.FIRST_WORKER_PHONE} … "
          f"{data.FIRST_WORKER_PHONE + data.WORKER_COUNT - 1};")
        w(f"  employer 淳华科技(昆山)有限公司: phone {data.EMPLOYER_PHONE}; "
          "gig employers 13900000011 … 13900000017.")
        w("  The SMS code is printed in this console (console SMS backend).")
        w("  API token for any account: .venv/bin/python manage.py issue_token <phone-or-username>")

    def _staff(self) -> dict[str, User]:
        out = {}
        for username, name, role in data.STAFF:
            out[username] = accounts.user_create(
                username=username, name=name, roles=(role,), password=data.DEMO_PASSWORD, is_staff=True,
            )
        return out

    def _places(self, rng, *, manager) -> list[Place]:
        amenities = {a.code: a for a in Amenity.objects.all()}
        orgs: dict[str, Organization] = {}
        created = []
        for spec in data.known_places() + data.generated_places(rng):
            org_name = spec.get("org")
            if org_name and org_name not in orgs:
                orgs[org_name] = Organization.objects.create(name=org_name)
            place = Place.objects.create(
                name=spec["name"], kind=spec["kind"], town=spec["town"], address=spec["address"],
                lat=spec["lat"], lon=spec["lon"], phone=spec.get("phone", ""),
                co_build=spec.get("co_build", ""), status=spec.get("status", "open"),
                is_24h=spec.get("is_24h", False), description=spec.get("description", ""),
                organization=orgs.get(org_name), operator=org_name or "",
                opened_on=spec.get("opened_on"),
            )
            place.amenities.set([amenities[c] for c in spec["amenities"]])
            OpeningHours.objects.bulk_create(
                OpeningHours(place=place, weekday=day, opens=data.t(o), closes=data.t(c))
                for day, intervals in (spec.get("hours") or {}).items() for o, c in intervals
            )
            if spec["kind"] in ("employment_station", "service_center"):
                ScheduleException.objects.bulk_create(
                    ScheduleException(place=place, date=d, closed=True, note="节假日休息")
                    for d in data.HOLIDAY_CLOSURES
                )
            if spec.get("manager"):
                place.managers.add(manager)
                ScheduleException.objects.create(
                    place=place, date=datetime.date(2026, 12, 31), opens=data.t("08:00"),
                    closes=data.t("23:00"), note="跨年夜延长开放",
                )
            created.append(place)
        return created

    def _workers(self, rng) -> list[User]:
        workers = []
        for i in range(data.WORKER_COUNT):
            phone = str(data.FIRST_WORKER_PHONE + i)
            name = rng.choice(data.SURNAMES) + rng.choice(data.GIVEN)
            user = accounts.user_create(phone=phone, name=name, roles=(Role.WORKER,))
            region, hometown = rng.choice(data.HOMETOWNS)
            born = datetime.date(rng.randint(1966, 2006), rng.randint(1, 12), rng.randint(1, 28))
            number = data.id_number(rng, region, born)
            WorkerProfile.objects.create(
                user=user, id_number=number, id_number_hash=crypto.lookup_hash(number),
                id_number_masked=mask_id_number(number), hometown=hometown,
                arrived_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 320)),
                occupation=rng.choice(data.OCCUPATIONS), skills=rng.sample(data.SKILLS, 2),
            )
            workers.append(user)
        return workers

    def _employer(self) -> None:
        boss = accounts.user_create(phone=data.EMPLOYER_PHONE, name="淳华科技 人事 钱经理",
                                    roles=(Role.EMPLOYER,))
        employer = Employer.objects.create(
            name="淳华科技(昆山)有限公司", uscc="91320583MA1MA1MA1R", contact_name="钱经理",
            contact_phone=data.EMPLOYER_PHONE, status=EmployerStatus.VERIFIED,
            verified_at=timezone.now(), verified_by=User.objects.get(username="advisor"),
        )
        employer.contacts.add(boss)

    def _visits(self, rng, places, workers) -> None:
        open_places = [p for p in places if p.status == "open" and p.kind == "warm_station"]
        now = timezone.now()
        Visit.objects.bulk_create(
            Visit(place=rng.choice(open_places), user=rng.choice(workers),
                  at=now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 60)))
            for _ in range(1500)
        )

    # --- bookings ------------------------------------------------------------------------------

    def _bookings(self, rng) -> str:
        """Health-check slots for two weeks, first-aid classes, this season's night school (a
        lottery open now, last season's drawn and taught), next summer's care classes, and the
        volunteer register; demo workers hold bookings in every state."""
        from nuanxin.accounts.services import consent_give
        from nuanxin.bookings import services as bookings
        from nuanxin.bookings.models import Offering, PlanException, Session, WeeklySlot
        from nuanxin.demo import bookings_data as bd

        cst = local_tz()
        now = timezone.now()
        today = timezone.localdate(now, cst)
        staff = {u.username: u for u in User.objects.filter(username__in=["hospital", "organiser", "teacher"])}
        hospital = Place.objects.get(name="昆山市第三人民医院")
        school = Place.objects.get(name="昆山青年夜校（市民文化中心）")
        summer_places = list(Place.objects.filter(kind="school", name__contains="暑托班").order_by("pk"))
        volunteers = self._volunteers(rng, bd, staff["teacher"])
        workers = list(User.objects.filter(phone__startswith="1380000").order_by("pk"))

        def at(day: datetime.date, hhmm: str) -> datetime.datetime:
            return datetime.datetime.combine(day, data.t(hhmm), cst)

        # Health checks: slots from a weekly plan, New Year's Day off.
        hc = Offering.objects.create(kind="health_check", title=bd.HEALTH_CHECK["title"],
                                     description=bd.HEALTH_CHECK["description"], place=hospital, cancel_hours=2)
        hc.organisers.add(staff["hospital"])
        for weekday, start, end in bd.HEALTH_CHECK["plan"]:
            WeeklySlot.objects.create(offering=hc, weekday=weekday, start=data.t(start), end=data.t(end),
                                      slot_minutes=30, capacity=6, opens_days_before=7)
        PlanException.objects.create(offering=hc, date=datetime.date(2027, 1, 1), note="元旦休息")
        slots = bookings.slots_generate(offering=hc, days=14, now=now)

        # First aid: four Saturday afternoons, first come first served.
        fa = Offering.objects.create(kind="first_aid", title=bd.FIRST_AID["title"],
                                     description=bd.FIRST_AID["description"], place=hospital, cancel_hours=24)
        fa.organisers.add(staff["hospital"])
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
        for week in range(4):
            day = saturday + datetime.timedelta(weeks=week)
            Session.objects.create(offering=fa, start=at(day, "14:00"), end=at(day, "16:30"), capacity=30,
                                   opens_at=now - datetime.timedelta(days=1), closes_at=at(day, "09:00"))

        # Night school: this season's courses by lottery (window open now, drawn by the
        # bookings_tick task when it closes); last season's course drawn, taught and closed.
        lottery_sessions = []
        for i, (title, desc, weekday, start, capacity) in enumerate(bd.NIGHT_SCHOOL):
            course = Offering.objects.create(kind="night_school", mode="lottery", title=title, description=desc,
                                             place=school, cancel_hours=24, confirm_hours=24)
            course.organisers.add(staff["organiser"])
            first = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7)
            lottery_sessions.append(Session.objects.create(
                offering=course, label="2026冬季班（6次课）", start=at(first, start),
                end=at(first + datetime.timedelta(weeks=5), start) + datetime.timedelta(hours=2),
                capacity=capacity, teaching_hours=12, teacher=volunteers[i],
                opens_at=now - datetime.timedelta(days=1), closes_at=at(first - datetime.timedelta(days=3), "20:00")))
            past_start = now - datetime.timedelta(days=50)
            past = Session.objects.create(
                offering=course, label="2026秋季班（6次课）", start=past_start,
                end=past_start + datetime.timedelta(weeks=5, hours=2), capacity=capacity, teaching_hours=12,
                teacher=volunteers[i], opens_at=past_start - datetime.timedelta(days=10),
                closes_at=past_start - datetime.timedelta(days=3))
            entrants = rng.sample(workers, capacity * 2)
            for w in entrants:
                bookings.enroll(session_id=past.pk, user=w, now=past.opens_at + datetime.timedelta(hours=1))
            bookings.session_draw(session_id=past.pk, now=past.closes_at)
            for e in past.enrollments.filter(status="offered"):
                bookings.offer_confirm(enrollment_id=e.pk, user=e.user, now=past.closes_at)
            for e in past.enrollments.filter(status="confirmed")[: capacity - 2]:
                bookings.attendance_mark(session_id=past.pk, enrollment_id=e.pk, by=staff["organiser"],
                                         present=True, now=past.start)
            bookings.roll_close(session_id=past.pk, by=staff["organiser"], now=past.end)
        for session in lottery_sessions:
            for w in rng.sample(workers[1:], session.capacity + 15):
                bookings.enroll(session_id=session.pk, user=w)

        # Summer care 2027: classes at the towns' community rooms, registration open now.
        care = Offering.objects.create(
            kind="summer_care", title="2027年暑托班（伴学服务）", place=summer_places[0], for_children=True,
            min_child_age=6, max_child_age=14, cancel_hours=48, per_family_limit=2,
            description="为双职工新市民家庭的孩子提供作业辅导、非遗手工、团体辅导和城市研学。")
        care.organisers.add(staff["organiser"])
        classes = []
        for i, (label, _subject) in enumerate(bd.SUMMER_CARE_CLASSES):
            classes.append(Session.objects.create(
                offering=care, label=label, start=at(bd.SUMMER_START, "08:30"),
                end=at(bd.SUMMER_START + datetime.timedelta(days=45), "17:00"), capacity=40, teaching_hours=120,
                teacher=volunteers[10 + i], opens_at=now - datetime.timedelta(days=1),
                closes_at=at(datetime.date(2027, 6, 30), "18:00")))
        ids = IdNumbers()
        for i, parent in enumerate(workers[:60]):
            born = datetime.date(2014 + i % 7, 1 + i % 12, 1 + i % 27)
            child = accounts.child_add(parent=parent, name=rng.choice(data.SURNAMES) + "小" + rng.choice(data.GIVEN),
                                       birth_date=born, id_number=ids.for_birth(born),
                                       grade=["g1", "g2", "g3", "g4", "g5", "g6", "g7"][i % 7])
            if i % 5:  # a few parents have not given consent yet
                consent_give(parent=parent, child_id=child.pk, purpose="summer_care")
                bookings.enroll(session_id=classes[i % len(classes)].pk, user=parent, child_id=child.pk)

        # The first demo worker: a confirmed health check and a waiting-list place.
        first = workers[0]
        open_slots = list(Session.objects.filter(offering=hc, opens_at__lte=now, closes_at__gt=now).order_by("start")[:2])
        if open_slots:
            bookings.enroll(session_id=open_slots[0].pk, user=first)
        full = Session.objects.filter(offering=fa).order_by("start").first()
        for w in workers[100:130]:
            bookings.enroll(session_id=full.pk, user=w)
        bookings.enroll(session_id=full.pk, user=first)
        return f"{slots} health-check slots, {Session.objects.count()} sessions, {len(volunteers)} volunteer teachers"

    def _volunteers(self, rng, bd, teacher) -> list:
        """The register: the demo teacher account plus 1,100 volunteers, written in bulk."""
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from nuanxin.bookings.models import Volunteer

        group, _created = Group.objects.get_or_create(name=Role.TEACHER)
        unusable = make_password(None)  # volunteers sign in with an SMS code, never a password
        User.objects.bulk_create(
            User(phone=str(bd.FIRST_VOLUNTEER_PHONE + i), password=unusable,
                 name=rng.choice(data.SURNAMES) + rng.choice(data.GIVEN) + "老师")
            for i in range(bd.VOLUNTEER_COUNT))
        users = list(User.objects.filter(phone__startswith=str(bd.FIRST_VOLUNTEER_PHONE)[:5]).order_by("pk"))
        User.groups.through.objects.bulk_create(User.groups.through(user_id=u.pk, group_id=group.pk) for u in users)
        first = Volunteer.objects.create(user=teacher, subjects="作业辅导、书法", organisation="昆山市第一中学")
        Volunteer.objects.bulk_create(
            Volunteer(user=u, subjects="、".join(rng.sample(bd.SUBJECTS, 2)), organisation=rng.choice(bd.SCHOOLS))
            for u in users)
        return [first, *Volunteer.objects.exclude(pk=first.pk).order_by("pk")]
