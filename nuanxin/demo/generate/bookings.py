"""Generated bookings at the demo's offerings: health-check slots from the hospital's weekly
plan, Saturday first-aid classes, night-school seasons drawn by lottery, and the summer's care
classes for children; sessions in the past with their enrolments played out as the bookings
services would (a seat while there is one, else the waiting list; cancellations pass the seat
to the first waiting; a draw with a committed seed anyone can re-run; offers confirmed or
passed down; the roll: attended or no-show).

Session.taken is the number of its seated enrolments (choices.SEATED). When demand outgrows
a session, the city opens parallel ones (another desk, another class) under their own label.
Each person takes one place per offering in a run, so every draw entry weighs the same
(a first draw, no no-shows: eligibility.priority's 10)."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.db import transaction

from nuanxin.accounts.choices import CONSENT_TEXT_VERSION, ConsentPurpose, Grade
from nuanxin.accounts.models import Child, GuardianConsent
from nuanxin.bookings.choices import SEATED
from nuanxin.bookings.choices import Status as S
from nuanxin.bookings.eligibility import age_on
from nuanxin.bookings.models import (
    Enrollment,
    EnrollmentHistory,
    Offering,
    Session,
    Volunteer,
    WeeklySlot,
)
from nuanxin.core import crypto, lottery
from nuanxin.core.masking import mask_id_number
from nuanxin.demo import bookings_data, data
from nuanxin.demo.generate.base import Context, Workers, chunks, code6
from nuanxin.demo.ids import IdNumbers

LOTTERY_WEIGHT = 10
HOUR = datetime.timedelta(hours=1)


@dataclass
class _Enrol:
    worker: int
    at: datetime.datetime
    obj: Enrollment = None
    history: list[tuple] = field(default_factory=list)   # (from, to, by user id, at, note)
    child: Child | None = None
    consent_at: datetime.datetime | None = None
    rank: int | None = None           # lottery: place in the draw, whether it won a place, offer's end
    won: bool | None = None
    expires: datetime.datetime | None = None

    @property
    def status(self) -> str:
        return self.history[-1][1]


@dataclass
class _Session:
    obj: Session
    enrols: list[_Enrol] = field(default_factory=list)


class BookingMaker:
    def __init__(self, ctx: Context, workers: Workers, staff: dict[str, int]):
        self.ctx, self.workers, self.staff = ctx, workers, staff
        self.rng = ctx.rng("bookings")
        self.used: dict[int, set[int]] = {}   # offering → workers with a place in it this run
        self.keys = set(Session.objects.values_list("offering_id", "start", "label"))
        self.teachers = list(Volunteer.objects.filter(active=True).order_by("pk").values_list("pk", flat=True))
        # Children already registered keep their numbers: the new ones skip them.
        self.id_numbers = IdNumbers(taken={c.id_number for c in Child.objects.exclude(id_number_hash=None)
                                           .only("id_number")})

    def run(self) -> None:
        offerings = {kind: list(Offering.objects.filter(kind=kind).order_by("pk"))
                     for kind in ("health_check", "first_aid", "night_school", "summer_care")}
        parts = [("health checks", lambda: self._health(offerings["health_check"][0])),
                 ("first aid", lambda: self._first_aid(offerings["first_aid"][0])),
                 ("night school", lambda: self._night_school(offerings["night_school"])),
                 ("summer care", self._summer_care)]
        bar = self.ctx.bar("bookings", len(parts), "offerings")
        for _name, part in parts:
            sessions = part()
            for chunk in chunks(sessions, 500):
                with transaction.atomic():
                    self._write(chunk)
            bar.update(1)
        bar.close()

    # --- kinds -----------------------------------------------------------------------------------

    def _health(self, offering: Offering) -> list[_Session]:
        ctx = self.ctx
        plans = list(WeeklySlot.objects.filter(offering=offering).order_by("weekday", "start")) or [
            WeeklySlot(weekday=w, start=data.t(a), end=data.t(b)) for w, a, b in bookings_data.HEALTH_CHECK["plan"]]
        skipped = set(offering.plan_exceptions.values_list("date", flat=True))
        per_week = sum(p.capacity * int((_minutes(p.end) - _minutes(p.start)) // p.slot_minutes) for p in plans)
        out = []
        for day in ctx.dates():
            if day in skipped:
                continue
            desks, fill = self._parallel("health_check", day, per_week / 7, load=0.8)
            for plan in (p for p in plans if p.weekday == day.weekday()):
                step = datetime.timedelta(minutes=plan.slot_minutes)
                start = ctx.at(day, plan.start.hour, plan.start.minute)
                last = ctx.at(day, plan.end.hour, plan.end.minute)
                opens = ctx.at(day - datetime.timedelta(days=plan.opens_days_before), 8)
                while start + step <= last:
                    for _desk in range(desks):
                        s = self._session(offering, start, start + step, plan.capacity, opens, start - HOUR,
                                          lambda k: "" if k == 0 else f"{k + 1}号体检台")
                        if s is not None:
                            out.append(self._fcfs(s, fill=fill))
                    start += step
        return out

    def _first_aid(self, offering: Offering) -> list[_Session]:
        ctx = self.ctx
        out = []
        capacity = self._capacity(offering, 30)
        for day in ctx.dates():
            if day.weekday() != 5:
                continue
            groups, fill = self._parallel("first_aid", day, capacity / 7, load=0.85)
            start = ctx.at(day, 14)
            for _group in range(groups):
                s = self._session(offering, start, start + datetime.timedelta(hours=2, minutes=30), capacity,
                                  ctx.at(day - datetime.timedelta(days=14), 9), ctx.at(day, 9),
                                  lambda k: "" if k == 0 else f"{k + 1}班")
                if s is not None:
                    out.append(self._fcfs(s, fill=fill))
        return out

    def _night_school(self, courses: list[Offering]) -> list[_Session]:
        ctx, rng = self.ctx, self.rng
        out = []
        spec = {title: (weekday, hhmm, capacity) for title, _d, weekday, hhmm, capacity in bookings_data.NIGHT_SCHOOL}
        first = ctx.today - datetime.timedelta(days=ctx.days)
        for course in courses:
            weekday, hhmm, capacity = spec.get(course.title, (2, "19:00", 24))
            capacity = self._capacity(course, capacity)
            hh, mm = (int(x) for x in hhmm.split(":"))
            day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 14)
            while True:
                start = ctx.at(day, hh, mm)
                end = start + datetime.timedelta(weeks=5, hours=2)
                if end > ctx.now:
                    break
                opens, closes = ctx.at(day - datetime.timedelta(days=10), 12), ctx.at(day - datetime.timedelta(days=3), 20)
                season = "冬冬春春春夏夏夏秋秋秋冬"[day.month - 1]
                # A season's entries (eight weeks' worth, in its week of registration): far more
                # than places, "snapped up as soon as they open".
                entries = sum(ctx.expected("night_school", opens.date() + datetime.timedelta(days=i), self.workers)
                              for i in range(56)) / max(len(courses), 1)
                classes = max(1, math.ceil(entries / (capacity * 2.5)))
                name = f"{day.year}{season}季班（6次课）"
                for _class in range(classes):
                    s = self._session(course, start, end, capacity, opens, closes,
                                      lambda k, name=name: name + ("" if k == 0 else f" {k + 1}班"))
                    if s is not None:
                        s.obj.teaching_hours, s.obj.teacher_id = 12, rng.choice(self.teachers) if self.teachers else None
                        out.append(self._lottery(s, course, round(entries / classes * rng.uniform(0.8, 1.2))))
                day += datetime.timedelta(weeks=8)
        return out

    def _summer_care(self) -> list[_Session]:
        """The summer in the window: classes from early July, registration in late June."""
        ctx, rng = self.ctx, self.rng
        out = []
        for year in sorted({d.year for d in ctx.dates()}):
            opens, closes = ctx.at(datetime.date(year, 6, 20), 9), ctx.at(datetime.date(year, 6, 30), 18)
            first = datetime.date(year, 7, 1) + datetime.timedelta(days=(0 - datetime.date(year, 7, 1).weekday()) % 7)
            start, end = ctx.at(first, 8, 30), ctx.at(first + datetime.timedelta(days=45), 17)
            if opens < ctx.start or end > ctx.now:
                continue
            offering = self._summer_offering(year, opens)
            if offering is None:
                continue
            demand = sum(ctx.expected("summer_care", opens.date() + datetime.timedelta(days=i), self.workers,
                                      weekday=False) for i in range(30))
            per_class = demand / len(bookings_data.SUMMER_CARE_CLASSES)
            groups = max(1, math.ceil(per_class / (40 * 0.9)))
            for label, _subject in bookings_data.SUMMER_CARE_CLASSES:
                for _group in range(groups):
                    s = self._session(offering, start, end, 40, opens, closes,
                                      lambda k, label=label: label + ("" if k == 0 else f"（{k + 1}组）"))
                    if s is not None:
                        s.obj.teaching_hours = 120
                        s.obj.teacher_id = rng.choice(self.teachers) if self.teachers else None
                        out.append(self._fcfs(s, fill=per_class / groups / 40, children=True))
        return out

    def _summer_offering(self, year: int, opens: datetime.datetime) -> Offering | None:
        title = f"{year}年暑托班（伴学服务）"
        offering = Offering.objects.filter(kind="summer_care", title=title).first()
        if offering is None:
            other = Offering.objects.filter(kind="summer_care").order_by("pk").first()
            if other is None:
                return None
            offering = Offering.objects.create(
                kind="summer_care", title=title, place_id=other.place_id, for_children=True, min_child_age=6,
                max_child_age=14, cancel_hours=48, created_at=self.ctx.clamp(opens - datetime.timedelta(days=20)),
                description="为双职工新市民家庭的孩子提供作业辅导、非遗手工、团体辅导和城市研学。")
            offering.organisers.add(self.staff["organiser"])
            self.ctx.add(Offering._meta.label, 1)
        return offering

    # --- sessions and who enrols -------------------------------------------------------------------

    @staticmethod
    def _capacity(offering: Offering, default: int) -> int:
        """Places per session as the organiser sets them: those of the offering's latest session."""
        latest = Session.objects.filter(offering=offering).order_by("-start", "-pk").values_list("capacity", flat=True)
        return latest.first() or default

    def _parallel(self, kind: str, day: datetime.date, seats_per_day: float, *, load: float) -> tuple[int, float]:
        """How many parallel sessions keep demand near `load` of their seats, and the share of
        each one's seats the demand fills."""
        demand = self.ctx.expected(kind, day, self.workers, weekday=False)
        n = max(1, math.ceil(demand / (seats_per_day * load)))
        return n, demand / (seats_per_day * n)

    def _session(self, offering, start, end, capacity, opens, closes, label) -> _Session | None:
        """A session in the window, named label(0), or label(1), … when the name is taken at that
        start (a parallel desk or class, or a session of the demo or of an earlier run)."""
        if end > self.ctx.now or opens < self.ctx.start or closes <= opens:
            return None
        k = 0
        while (offering.pk, start, label(k)) in self.keys:
            k += 1
        self.keys.add((offering.pk, start, label(k)))
        seed = f"{self.rng.getrandbits(256):064x}"
        return _Session(Session(offering=offering, label=label(k), start=start, end=end, capacity=capacity, opens_at=opens,
                                closes_at=closes, seed=seed, seed_hash=lottery.commitment(seed),
                                checkin_code=code6(self.rng), created_at=self.ctx.clamp(opens - 7 * 24 * HOUR)))

    def _people(self, s: _Session, count: int, *, rush: bool = False) -> list[_Enrol]:
        """Who enrols, when (a rush at the opening for the scarce places), one place each."""
        rng, session = self.rng, s.obj
        taken = self.used.setdefault(session.offering_id, set())
        window = (session.closes_at - session.opens_at).total_seconds()
        out = []
        for _ in range(count):
            frac = rng.random() ** (4 if rush else 1.3)
            at = session.opens_at + datetime.timedelta(seconds=frac * window)
            w = self.workers.pick(rng, at, town=session.offering.place.town, local=0.3)
            if w is None or w in taken:
                continue
            taken.add(w)
            out.append(_Enrol(worker=w, at=at))
        out.sort(key=lambda e: e.at)
        return out

    def _fcfs(self, s: _Session, *, fill: float, children: bool = False) -> _Session:
        """First come, first served: a seat or the waiting list; cancellations pass seats on;
        then the roll."""
        rng, session = self.rng, s.obj
        cancel_by = session.start - datetime.timedelta(hours=session.offering.cancel_hours)
        # How many want this one: Poisson around the expected fill, so a popular slot overflows.
        people = self._people(s, poisson(rng, session.capacity * fill), rush=children)
        seated = 0
        for e in people:
            uid = self.workers.ids[e.worker]
            if children:
                self._child(e, session)
            if seated < session.capacity:
                e.history.append(("", S.CONFIRMED, uid, e.at, ""))
                seated += 1
            else:
                e.history.append(("", S.WAITLISTED, uid, e.at, ""))
        # Cancellations, in time order; each seat given up goes to the first still waiting.
        cancels = sorted((e.at + (cancel_by - e.at) * rng.random(), i) for i, e in enumerate(people)
                         if cancel_by > e.at and rng.random() < 0.08)
        for at, i in cancels:
            e = people[i]
            was = e.status
            if was not in (S.CONFIRMED, S.WAITLISTED):
                continue
            e.history.append((was, S.CANCELLED, self.workers.ids[e.worker], at, ""))
            if was == S.CONFIRMED:
                nxt = next((p for p in people if p.status == S.WAITLISTED and p.at < at), None)
                if nxt is not None:
                    nxt.history.append((S.WAITLISTED, S.CONFIRMED, None, at, ""))
        self._roll(s, people)
        s.enrols = people
        return s

    def _lottery(self, s: _Session, course: Offering, count: int) -> _Session:
        """Registrations, the draw at the close, offers confirmed or passed down, the roll."""
        rng, session = self.rng, s.obj
        people = self._people(s, count, rush=True)
        for e in people:
            e.history.append(("", S.REGISTERED, self.workers.ids[e.worker], e.at, ""))
            if rng.random() < 0.05:
                e.history.append((S.REGISTERED, S.CANCELLED, self.workers.ids[e.worker],
                                  e.at + (session.closes_at - e.at) * rng.random(), ""))
        entries = [(i + 1, LOTTERY_WEIGHT) for i, e in enumerate(people) if e.status == S.REGISTERED]
        drawn = session.closes_at + datetime.timedelta(seconds=rng.randint(0, 20))
        ranking = lottery.rank(session.seed, entries)
        seats = min(session.capacity, len(ranking))
        session.drawn_at, session.draw_places = drawn, seats
        session.draw_entries = [{"ticket": t, "weight": w} for t, w in entries]
        session.draw_ranking = ranking
        by_ticket = {i + 1: e for i, e in enumerate(people)}
        ranked = [by_ticket[t] for t in ranking]
        for position, e in enumerate(ranked, 1):
            e.rank, e.won = position, position <= seats
            e.history.append((S.REGISTERED, S.OFFERED if e.won else S.WAITLISTED, None, drawn, ""))
            e.expires = min(drawn + datetime.timedelta(hours=course.confirm_hours), session.start) if e.won else None
        # Offers: confirmed in time, or expired and passed down the ranked list.
        queue = [e for e in ranked if e.won]
        waiting = [e for e in ranked if not e.won]
        while queue:
            e = queue.pop(0)
            offered_at = e.history[-1][3]
            if rng.random() < 0.88:
                e.history.append((S.OFFERED, S.CONFIRMED, self.workers.ids[e.worker],
                                  offered_at + (e.expires - offered_at) * rng.uniform(0.02, 0.9), ""))
            else:
                e.history.append((S.OFFERED, S.EXPIRED, None, e.expires, ""))
                if waiting and e.expires < session.start:
                    nxt = waiting.pop(0)
                    nxt.won = True
                    nxt.expires = min(e.expires + datetime.timedelta(hours=course.confirm_hours), session.start)
                    nxt.history.append((S.WAITLISTED, S.OFFERED, None, e.expires, ""))
                    queue.append(nxt)
        self._roll(s, people)
        s.enrols = people
        return s

    def _roll(self, s: _Session, people: list[_Enrol]) -> None:
        """Present at the start (scanning the code, or marked by the organiser); the roll closed
        after the end turns the others into no-shows."""
        rng, session = self.rng, s.obj
        marker = self.staff["hospital"] if session.offering.kind in ("health_check", "first_aid") \
            else self.staff["organiser"]
        closed = session.end + datetime.timedelta(minutes=rng.randint(10, 180))
        for e in people:
            if e.status != S.CONFIRMED:
                continue
            if rng.random() < 0.85:
                at = session.start + datetime.timedelta(minutes=rng.randint(-10, 20))
                e.history.append((S.CONFIRMED, S.ATTENDED, self.workers.ids[e.worker] if rng.random() < 0.6
                                  else marker, at, ""))
            elif closed <= self.ctx.now:
                e.history.append((S.CONFIRMED, S.NO_SHOW, marker, closed, ""))
        if closed <= self.ctx.now:
            session.roll_closed_at = closed
        session.tickets_issued = len(people)
        session.taken = sum(1 for e in people if e.status in SEATED)

    def _child(self, e: _Enrol, session: Session) -> None:
        """A child of 6 to 14 on the first day, registered by the parent with consent given."""
        rng = self.rng
        first = session.start.astimezone(self.ctx.tz).date()
        age = rng.randint(6, 13)
        born = first.replace(year=first.year - age - 1) + datetime.timedelta(days=rng.randint(1, 360))
        grade = Grade.values[min(max(age_on(born, first) - 5, 1), 9)]
        number = self.id_numbers.for_birth(born)
        e.child = Child(parent_id=self.workers.ids[e.worker], birth_date=born, grade=grade,
                        name=rng.choice(data.SURNAMES) + "小" + rng.choice(data.GIVEN), id_number=number,
                        id_number_hash=crypto.lookup_hash(number), id_number_masked=mask_id_number(number),
                        created_at=self.ctx.clamp(e.at - datetime.timedelta(minutes=rng.randint(5, 60))))
        e.consent_at = max(e.child.created_at, e.at - datetime.timedelta(minutes=rng.randint(1, 4)))

    # --- written --------------------------------------------------------------------------------

    def _write(self, sessions: list[_Session]) -> None:
        ctx = self.ctx
        ctx.insert(Session, [s.obj for s in sessions])
        enrols = [e for s in sessions for e in s.enrols]
        kids = ctx.insert(Child, [e.child for e in enrols if e.child is not None])
        ctx.insert(Child.guardians.through, [Child.guardians.through(child_id=c.pk, user_id=c.parent_id) for c in kids])
        ctx.insert(GuardianConsent, [GuardianConsent(child_id=c.pk, guardian_id=c.parent_id,
                                                     purpose=ConsentPurpose.SUMMER_CARE,
                                                     text_version=CONSENT_TEXT_VERSION, given_at=e.consent_at)
                                     for e, c in zip([e for e in enrols if e.child is not None], kids, strict=True)])
        rows = []
        for s in sessions:
            for ticket, e in enumerate(s.enrols, 1):
                uid = self.workers.ids[e.worker]
                e.obj = Enrollment(session_id=s.obj.pk, offering_id=s.obj.offering_id, user_id=uid, ticket=ticket,
                                   child_id=e.child.pk if e.child else None, status=e.status, created_at=e.at,
                                   person=f"c{e.child.pk}" if e.child else f"u{uid}",
                                   weight=LOTTERY_WEIGHT if e.rank is not None else None,  # set by the draw
                                   rank=e.rank, won=e.won, offer_expires_at=e.expires)
                for _f, t, _by, at, _note in e.history:
                    if t == S.CONFIRMED:
                        e.obj.confirmed_at = at
                    elif t == S.CANCELLED:
                        e.obj.cancelled_at = at
                    elif t == S.ATTENDED:
                        e.obj.attended_at = at
                rows.append(e.obj)
        ctx.insert(Enrollment, rows)
        ctx.insert(EnrollmentHistory, [
            EnrollmentHistory(enrollment_id=e.obj.pk, from_status=f, to_status=t, by_id=by, at=at, note=note)
            for e in enrols for f, t, by, at, note in e.history])


def poisson(rng, lam: float) -> int:
    """A Poisson draw: Knuth's product of uniforms for small means, the normal beyond."""
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute
