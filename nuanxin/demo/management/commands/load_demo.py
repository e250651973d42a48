"""Load the Kunshan demo data into an empty database; running it again changes nothing."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import EmployerStatus, Role
from nuanxin.accounts.models import Employer, User, WorkerProfile
from nuanxin.cases.models import Case
from nuanxin.core import crypto
from nuanxin.core.masking import mask_id_number
from nuanxin.demo import data
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
        with transaction.atomic():
            if not Case.objects.exists() and User.objects.filter(username="rescue").exists():
                loaded.append(f"{self._cases(random.Random(data.SEED + 2))} cases")  # noqa: S311 - seeded demo
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
