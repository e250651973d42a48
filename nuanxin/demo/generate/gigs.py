"""Generated gig work with its money: gigs posted and published by the generated employers,
their shifts, applications through to paid wages, ratings and reliability records, and the
wage guarantee's ledger, all as the gigs and wages services would have left them.

For each block of 30 days: the employers' deposits come first (offline transfers staff
confirmed, enough for every wage they will hold), then the gigs in batches. Per shift:
- publishing holds every place's wage in escrow (`gig-hold:<shift>`);
- a minute after the end, the escrow of places nobody worked goes back
  (`gig-refund:<shift>:<escrow>`, as refund_ended_shifts does);
- each confirmed shift is paid from its place (`gig-wage:<application>`): the worker gets the
  wage for the recorded minutes, the rest of the place goes back to the employer. The
  employer confirms within hours, or the platform pays 48 h after check-out (日结 gigs: at
  midnight). A shift checked out but not yet confirmed keeps its place in escrow.
Shift.taken counts the places taken and never given back, as the services keep it: accepted,
checked in or out, completed, and no-shows (marking a no-show frees no place); withdrawals
give theirs back."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from nuanxin.core import geo
from nuanxin.core.towns import CHINESE_NAMES, nearest_town
from nuanxin.demo import data, gigs_data
from nuanxin.demo.generate.accounts import Employers
from nuanxin.demo.generate.base import (
    TOWN_WEIGHTS,
    Context,
    Workers,
    chunks,
    code6,
    ids_of,
    jitter,
    weighted,
)
from nuanxin.demo.generate.ledger import EMPLOYER_AVAILABLE, EMPLOYER_ESCROW, WORKER, Book
from nuanxin.gigs import pay
from nuanxin.gigs.choices import ApplicationStatus as S
from nuanxin.gigs.choices import GigStatus, ReliabilityKind, Side
from nuanxin.gigs.models import (
    Application,
    ApplicationHistory,
    Gig,
    Rating,
    ReliabilityRecord,
    Shift,
)
from nuanxin.gigs.search import gig_document
from nuanxin.gigs.services.settlement import AUTO_RELEASE_AFTER
from nuanxin.wages.choices import AccountKind, DepositStatus
from nuanxin.wages.gateways import gateway
from nuanxin.wages.models import Deposit
from nuanxin.wages.services import MAX_AMOUNT_FEN

BLOCK_DAYS = 30
GIGS_PER_TRANSACTION = 400
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
SCORES = {5: 55, 4: 30, 3: 10, 2: 3, 1: 2}
WORKER_COMMENTS = ["老板人很好，工资当天就到了", "活不累，下次还来", "按时结算，靠谱", "现场有人带班，安排清楚", ""]
EMPLOYER_COMMENTS = ["准时到岗，干活利索", "认真负责", "很勤快，欢迎再来", ""]
CANCEL_REASONS = ["临时有事去不了", "家里有急事", "身体不舒服", "找到长期工作了"]


@dataclass
class _App:
    worker: int                      # index into Workers
    applied: datetime.datetime
    obj: Application | None = None
    history: list[tuple] = field(default_factory=list)   # (from, to, by user id, at, note)
    decided: datetime.datetime | None = None
    checked_in: datetime.datetime | None = None
    checked_out: datetime.datetime | None = None
    completed: tuple | None = None   # (confirmed at, minutes, wage in fen, note)
    late_cancel: str = ""            # reason of a withdrawal within 24 h of the start
    no_show_at: datetime.datetime | None = None
    ratings: list[Rating] = field(default_factory=list)


@dataclass
class _Shift:
    obj: Shift
    apps: list[_App] = field(default_factory=list)
    refund_at: datetime.datetime | None = None   # when the unworked places went back, if they have
    refund_fen: int = 0


@dataclass
class _Gig:
    employer: int                    # index into Employers
    obj: Gig
    shifts: list[_Shift] = field(default_factory=list)


class GigMaker:
    def __init__(self, ctx: Context, workers: Workers, employers: Employers, book: Book):
        self.ctx, self.workers, self.employers, self.book = ctx, workers, employers, book
        self.rng = ctx.rng("gigs")
        self.town_of = weighted(self.rng, TOWN_WEIGHTS)
        self.score_of = weighted(self.rng, SCORES)
        self.busy: set[tuple[int, datetime.date]] = set()   # (worker, local day) with a place taken
        self.owed = 0.0                                      # applications the rate asks for, not yet made

    def run(self) -> None:
        days = self.ctx.dates()
        self.book.ensure(EMPLOYER_AVAILABLE, list(self.employers.ids))
        self.book.ensure(EMPLOYER_ESCROW, list(self.employers.ids))
        bar = self.ctx.bar("gigs and wages", len(days))
        for block in chunks(days, BLOCK_DAYS):
            gigs = [g for day in block for g in self._day(day)]
            with transaction.atomic():
                self._deposits(gigs, block[0])
                self.book.flush()
            for part in chunks(gigs, GIGS_PER_TRANSACTION):
                with transaction.atomic():
                    self._write(part)
            bar.update(len(block))
        bar.close()

    # --- what happened, in memory ------------------------------------------------------------

    def _day(self, day: datetime.date) -> list[_Gig]:
        """Gigs whose first shift is on `day`, while the applications made so far are behind the
        rate (a gig brings several: what one day overshoots, the next days make up)."""
        ctx, rng = self.ctx, self.rng
        self.owed += ctx.count(rng, ctx.expected("gig_applications", day, self.workers) * 10) / 10
        out, misses = [], 0
        while self.owed > 0 and misses < 20:  # a day too close to either end of the window takes none
            gig = self._gig(day)
            made = sum(len(s.apps) for s in gig.shifts) if gig is not None else 0
            if gig is not None:
                out.append(gig)
            if not made:
                misses += 1
            self.owed -= made
        return out

    def _gig(self, day: datetime.date) -> _Gig | None:
        ctx, rng = self.ctx, self.rng
        e = rng.randrange(len(self.employers.ids))
        category = rng.choice(self.employers.categories[e])
        title, pay_fen, unit, skills = rng.choice(gigs_data.TEMPLATES[category])
        town = self.employers.towns[e] if rng.random() < 0.6 else self.town_of()
        lat, lon = jitter(rng, town, 2.0)
        hour, hours = rng.choice(gigs_data.SLOTS)
        starts = [ctx.at(day + datetime.timedelta(days=j), hour) for j in range(rng.choice([1, 1, 1, 2, 3]))]
        starts = [s for s in starts if s + datetime.timedelta(hours=hours) <= ctx.now]
        if not starts or starts[0] < ctx.start + 3 * HOUR:
            return None
        published = max(starts[0] - datetime.timedelta(minutes=rng.randint(180, 5 * 24 * 60)),
                        ctx.start + datetime.timedelta(minutes=rng.randint(1, 60)))
        created = max(ctx.start, published - datetime.timedelta(minutes=rng.randint(5, 180)))
        description = rng.choice(gigs_data.DESCRIPTIONS)
        employer_name = self.employers.names[e]
        address = f"{CHINESE_NAMES[town]}{rng.choice(data.ROADS)}{rng.randint(1, 999)}号"
        ends = starts[-1] + datetime.timedelta(hours=hours)
        stale_since = ends + datetime.timedelta(days=rng.randint(1, 5))
        closed = stale_since < ctx.now and rng.random() < 0.6
        gig = Gig(employer_id=self.employers.ids[e], created_by_id=self.employers.contacts[e], title=title,
                  category=category, description=description, address=address, lat=lat, lon=lon,
                  town=nearest_town(lat, lon), pay_fen=pay_fen, pay_unit=unit, instant=rng.random() < 0.3,
                  same_day_pay="日结" in description, skills=skills,
                  status=GigStatus.CLOSED if closed else GigStatus.OPEN, starts_at=starts[0], ends_at=ends,
                  published_at=published, created_at=created, updated_at=stale_since if closed else published)
        # What Gig.save derives, computed here because bulk_create does not call it.
        geo.set_cells(gig)
        gig.search_doc = gig_document(title=title, category=category, description=description, skills=skills,
                                      address=address, employer_name=employer_name, same_day_pay=gig.same_day_pay)
        g = _Gig(employer=e, obj=gig)
        for start in starts:
            shift = Shift(start=start, end=start + datetime.timedelta(hours=hours), checkin_code=code6(rng),
                          headcount=rng.choice([1, 2, 2, 3, 3, 4, 5, 8]))
            shift.per_place_fen = pay.booked_wage_fen(gig, shift)
            g.shifts.append(self._people(g, _Shift(shift), town))
        return g

    def _people(self, g: _Gig, s: _Shift, town: str) -> _Shift:
        """Who applied, who got the places, and how each application ended."""
        ctx, rng, gig, shift = self.ctx, self.rng, g.obj, s.obj
        contact = self.employers.contacts[g.employer]
        wanted = max(1, round(shift.headcount * rng.uniform(0.5, 1.6)))
        window = (shift.start - 30 * MINUTE - gig.published_at).total_seconds()
        applied, seen = [], set()
        for _i in range(wanted):
            at = gig.published_at + datetime.timedelta(seconds=rng.uniform(0, max(window, 60)))
            w = self.workers.pick(rng, at, town=town, local=0.7)
            if w is None or w in seen:
                continue
            seen.add(w)
            applied.append(_App(worker=w, applied=at))
        applied.sort(key=lambda a: a.applied)
        day = shift.start.astimezone(ctx.tz).date()
        taken = 0
        for a in applied:
            uid = self.workers.ids[a.worker]
            free = (a.worker, day) not in self.busy and taken < shift.headcount
            if gig.instant:
                if not free:  # full, or a shift already that day: refused, nothing recorded
                    continue
                a.history.append(("", S.ACCEPTED, uid, a.applied, ""))
                decided = a.applied
            else:
                a.history.append(("", S.PENDING, uid, a.applied, ""))
                decided = min(a.applied + datetime.timedelta(minutes=rng.randint(20, 24 * 60)),
                              shift.start - 10 * MINUTE)
                decided = max(decided, a.applied + MINUTE)
                if rng.random() < 0.05:
                    a.history.append((S.PENDING, S.CANCELLED, uid, decided - MINUTE, ""))
                    s.apps.append(a)
                    continue
                if not free:
                    a.history.append((S.PENDING, S.REJECTED, contact, decided, ""))
                    s.apps.append(a)
                    continue
                a.history.append((S.PENDING, S.ACCEPTED, contact, decided, ""))
            a.decided = decided
            s.apps.append(a)
            if rng.random() < 0.04:  # the worker withdraws; the place goes back
                at = decided + (shift.start - 10 * MINUTE - decided) * rng.random()
                a.history.append((S.ACCEPTED, S.CANCELLED, uid, at, ""))
                if shift.start - at < datetime.timedelta(hours=24):
                    a.late_cancel = rng.choice(CANCEL_REASONS)
                continue
            taken += 1
            self.busy.add((a.worker, day))
            self._work(g, s, a, uid, contact)
        shift.taken = taken
        self._escrow(s)
        return s

    def _escrow(self, s: _Shift) -> None:
        """What stays in the shift's escrow: held at publication, less the unworked places given
        back a minute or so after the end, less the places of the shifts paid since."""
        shift = s.obj
        held = shift.per_place_fen * shift.headcount
        worked = sum(1 for a in s.apps if a.checked_in is not None)
        paid = sum(1 for a in s.apps if a.completed is not None)
        refund_at = shift.end + datetime.timedelta(minutes=self.rng.randint(1, 3))
        free = held - worked * shift.per_place_fen
        if refund_at <= self.ctx.now and free > 0:
            s.refund_at, s.refund_fen = refund_at, free
        shift.escrow_fen = held - s.refund_fen - paid * shift.per_place_fen

    def _work(self, g: _Gig, s: _Shift, a: _App, uid: int, contact: int) -> None:
        ctx, rng, gig, shift = self.ctx, self.rng, g.obj, s.obj
        if rng.random() < 0.05:
            a.no_show_at = shift.start + datetime.timedelta(minutes=rng.randint(60, 180))
            a.history.append((S.ACCEPTED, S.NO_SHOW, contact, a.no_show_at, ""))
            return
        came = max(shift.start + datetime.timedelta(minutes=rng.randint(-15, 10)), a.decided + MINUTE)
        a.history.append((S.ACCEPTED, S.CHECKED_IN, uid, came, ""))
        a.checked_in = came
        left = shift.end + datetime.timedelta(minutes=rng.randint(-10, 20))
        if left > ctx.now:
            return  # still on site
        a.history.append((S.CHECKED_IN, S.CHECKED_OUT, uid, left, ""))
        a.checked_out = left
        minutes = max(0, (min(left, shift.end) - max(came, shift.start)) // MINUTE)
        # The employer confirms within hours; if not, the platform pays: 日结 gigs at the first
        # midnight after check-out, the others 48 hours after it (services.release_due_wages).
        confirmed, by, note = left + datetime.timedelta(minutes=rng.randint(30, 20 * 60)), contact, ""
        if gig.same_day_pay:
            midnight = ctx.at(left.astimezone(ctx.tz).date() + datetime.timedelta(days=1))
            if rng.random() < 0.3 or confirmed >= midnight:
                confirmed, by, note = midnight, None, _("Paid automatically at midnight: this gig pays the same day.")
        elif rng.random() < 0.15:
            confirmed, by, note = left + AUTO_RELEASE_AFTER + MINUTE, None, _("Paid automatically 48 hours after "
                                                                             "check-out.")
        if confirmed > ctx.now:
            return  # waiting for the employer (or the timed release): the place stays in escrow
        a.history.append((S.CHECKED_OUT, S.COMPLETED, by, confirmed, note))
        a.completed = (confirmed, minutes, pay.wage_fen(gig, shift, minutes), note)
        for side, chance, comments in ((Side.WORKER, 0.45, WORKER_COMMENTS), (Side.EMPLOYER, 0.35, EMPLOYER_COMMENTS)):
            at = confirmed + datetime.timedelta(minutes=rng.randint(30, 3 * 24 * 60))
            if rng.random() < chance and at <= ctx.now:
                a.ratings.append(Rating(side=side, score=self.score_of(), comment=rng.choice(comments), created_at=at))

    # --- money in: deposits --------------------------------------------------------------------

    def _deposits(self, gigs: list[_Gig], first_day: datetime.date) -> None:
        """Each employer deposits what it will hold in this block (and a little more), before its
        first publication in the block; staff confirm the bank transfer."""
        ctx, rng = self.ctx, self.rng
        need: dict[int, int] = {}
        first: dict[int, datetime.datetime] = {}
        for g in gigs:
            held = sum(s.obj.per_place_fen * s.obj.headcount for s in g.shifts)
            need[g.employer] = need.get(g.employer, 0) + held
            first[g.employer] = min(first.get(g.employer, g.obj.published_at), g.obj.published_at)
        deposits = []
        for e in sorted(need):
            amount = -(-int(need[e] * rng.uniform(1.05, 1.4)) // 100_000) * 100_000  # whole thousands of yuan
            arrived = max(ctx.start, first[e] - datetime.timedelta(minutes=rng.randint(60, 20 * 60)))
            announced = max(ctx.start, arrived - datetime.timedelta(minutes=rng.randint(10, 24 * 60)))
            part = 0
            while amount > 0:
                this = min(amount, MAX_AMOUNT_FEN)
                deposits.append(Deposit(employer_id=self.employers.ids[e], employer_user_id=self.employers.contacts[e],
                                        amount_fen=this, status=DepositStatus.CONFIRMED, gateway="offline",
                                        idempotency_key=f"generated-{first_day:%Y%m%d}-{part}",
                                        created_at=announced, confirmed_at=arrived))
                amount -= this
                part += 1
        made = self.ctx.insert(Deposit, deposits)
        for d in made:
            d.gateway_ref = gateway().start_deposit(d)
        Deposit.objects.bulk_update(made, ["gateway_ref"], batch_size=ctx.batch)
        world = self.book.account(AccountKind.WORLD)
        for d in made:
            self.book.transfer(key=f"deposit:{d.pk}", kind="deposit", source=world,
                               target=self.book.account(EMPLOYER_AVAILABLE, d.employer_id), amount=d.amount_fen,
                               at=d.confirmed_at, reference=f"deposit:{d.pk}")

    # --- written, one batch per transaction -------------------------------------------------------

    def _write(self, gigs: list[_Gig]) -> None:
        ctx, book = self.ctx, self.book
        for g, pk in zip(gigs, ids_of(ctx.insert(Gig, [g.obj for g in gigs])), strict=True):
            for s in g.shifts:
                s.obj.gig_id = pk
        shifts = [s for g in gigs for s in g.shifts]
        ids_of(ctx.insert(Shift, [s.obj for s in shifts]))
        apps: list[_App] = []
        for g in gigs:
            for s in g.shifts:
                for a in s.apps:
                    a.obj = self._application(s.obj, a)
                    apps.append(a)
        ids_of(ctx.insert(Application, [a.obj for a in apps]))
        ctx.insert(ApplicationHistory, [
            ApplicationHistory(application_id=a.obj.pk, from_status=f, to_status=t, by_id=by, at=at, note=note)
            for a in apps for f, t, by, at, note in a.history])
        ratings, records = [], []
        for a in apps:
            for r in a.ratings:
                r.application_id = a.obj.pk
                ratings.append(r)
            if a.late_cancel:
                records.append(ReliabilityRecord(worker_id=a.obj.worker_id, application_id=a.obj.pk,
                                                 kind=ReliabilityKind.LATE_CANCEL, reason=a.late_cancel,
                                                 created_at=a.obj.cancelled_at))
            elif a.no_show_at:
                records.append(ReliabilityRecord(worker_id=a.obj.worker_id, application_id=a.obj.pk,
                                                 kind=ReliabilityKind.NO_SHOW, created_at=a.no_show_at,
                                                 reason=_("Did not check in for the shift.")))
        ctx.insert(Rating, ratings)
        ctx.insert(ReliabilityRecord, records)
        # The money: holds at publication, refunds of unworked places, wages.
        book.ensure(WORKER, [a.obj.worker_id for a in apps if a.completed is not None])
        for g in gigs:
            gig, employer = g.obj, g.obj.employer_id
            available, escrow = book.account(EMPLOYER_AVAILABLE, employer), book.account(EMPLOYER_ESCROW, employer)
            for s in g.shifts:
                shift, place = s.obj, s.obj.per_place_fen
                book.transfer(key=f"gig-hold:{shift.pk}", kind="escrow_hold", source=available, target=escrow,
                              amount=place * shift.headcount, at=gig.published_at, reference=f"gigs.shift:{shift.pk}")
                if s.refund_at is not None:
                    book.transfer(key=f"gig-refund:{shift.pk}:{place * shift.headcount}", kind="escrow_settle",
                                  source=escrow, target=available, amount=s.refund_fen, at=s.refund_at,
                                  reference=f"gigs.shift:{shift.pk}")
                for a in s.apps:
                    app = a.obj
                    if a.completed is not None:
                        book.post(key=f"gig-wage:{app.pk}", kind="escrow_settle", at=app.settled_at,
                                  reference=f"gigs.application:{app.pk}",
                                  legs=[(escrow, -place), (book.account(WORKER, app.worker_id), app.wage_fen),
                                        (available, place - app.wage_fen)])
        book.flush()

    def _application(self, shift: Shift, a: _App) -> Application:
        app = Application(shift_id=shift.pk, worker_id=self.workers.ids[a.worker], status=a.history[-1][1],
                          created_at=a.applied)
        for f, t, _by, at, _note in a.history:
            if f == S.PENDING and t in (S.ACCEPTED, S.REJECTED):
                app.decided_at = at
            elif t == S.ACCEPTED and not f:
                app.decided_at = at
            elif t == S.CANCELLED:
                app.cancelled_at = at
            elif t == S.CHECKED_IN:
                app.checked_in_at = at
                app.checkin_method = "gps" if self.rng.random() < 0.85 else "code"
            elif t == S.CHECKED_OUT:
                app.checked_out_at = at
        if app.status == S.COMPLETED:
            confirmed, minutes, wage, note = a.completed
            app.confirmed_at = app.settled_at = confirmed
            app.worked_minutes, app.wage_fen, app.timesheet_note = minutes, wage, note
        return app
