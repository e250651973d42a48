"""Generated stays in the warm residences: newcomers asking for a bed (or referred by an advisor
or the rescue station), short stays given a bed at once, long stays and families reviewed by
staff, the waiting list when the beds are full; then check-in on the first day (or the bed
given up at midnight), check-out after the last night (some leave early).

A held night is a BedNight row, unique per bed and night, and the generator keeps it so: it
loads every night already held in the window (the demo's guests, earlier runs) and gives a
bed only when it is free for all the stay's nights. A stay keeps the nights it holds
(allocated, staying) or used (checked out); a cancelled or forfeited one keeps none. Each
person asks once per run, for at most 14 nights (the yearly free nights)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from nuanxin.core import lottery
from nuanxin.demo.generate.base import Context, Workers, chunks, code6
from nuanxin.housing import eligibility
from nuanxin.housing.choices import UNIT_FOR_SEX, Referral, Status, UnitKind
from nuanxin.housing.models import (
    Application,
    ApplicationHistory,
    Bed,
    BedNight,
    Draw,
    Residence,
    Unit,
)
from nuanxin.places.models import Place

AHEAD = 40   # nights after today the occupancy map covers (stays asked for up to a few days ahead)
REASONS = ["刚到昆山找工作，顾问推荐入住", "工厂下周一入职，需要住到发第一个月工资", "在找保洁工作，已约面试",
           "刚下火车，还没找到住处", "在找快递分拣的工作"]
REJECT_NOTES = ["已为您推荐了包住宿的岗位，请联系就业顾问", "没有空床，请联系就业顾问"]


@dataclass
class _Stay:
    obj: Application
    history: list[tuple] = field(default_factory=list)   # (from, to, by user id, at, note)
    beds: list[int] = field(default_factory=list)
    keep: int = 0                                         # nights it keeps, from check_in
    reviewed: datetime.datetime | None = None             # when staff worked its review queue


class Occupancy:
    """Which bed is held which night: a bitmap per bed over the days the window can touch."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first, self.span = first, (last - first).days + 1
        self.map: dict[int, bytearray] = {}

    def _row(self, bed: int) -> bytearray:
        row = self.map.get(bed)
        if row is None:
            row = self.map[bed] = bytearray(self.span)
        return row

    def free(self, bed: int, first: datetime.date, nights: int) -> bool:
        i = (first - self.first).days
        return 0 <= i and i + nights <= self.span and not any(self._row(bed)[i:i + nights])

    def hold(self, bed: int, first: datetime.date, nights: int, value: int = 1) -> None:
        i = (first - self.first).days
        self._row(bed)[i:i + nights] = bytes([value]) * nights


class StayMaker:
    def __init__(self, ctx: Context, workers: Workers, staff: dict[str, int]):
        self.ctx, self.workers, self.staff = ctx, workers, staff
        self.rng = ctx.rng("housing")
        dates = ctx.dates()
        self.occ = Occupancy(dates[0], ctx.today + datetime.timedelta(days=AHEAD))
        for bed, night in BedNight.objects.filter(night__gte=dates[0]).values_list("bed_id", "night").iterator():
            if night <= ctx.today + datetime.timedelta(days=AHEAD):
                self.occ.hold(bed, night, 1)
        self.residences = list(Residence.objects.filter(accepting=True).select_related("place").order_by("pk"))
        managers = dict(Place.managers.through.objects.filter(place__residence__isnull=False)
                        .order_by("pk").values_list("place_id", "user_id"))
        self.manager = {r.pk: managers.get(r.place_id, staff["advisor"]) for r in self.residences}
        units = {u.pk: u for u in Unit.objects.order_by("pk")}
        self.singles: dict[tuple[int, str], list[tuple[int, bool]]] = {}   # (residence, kind) → (bed, accessible)
        self.families: dict[int, list[list[int]]] = {}                       # residence → family units' beds
        beds_of: dict[int, list[int]] = {}
        for bed, unit, accessible in Bed.objects.filter(active=True).order_by("pk").values_list("pk", "unit_id",
                                                                                               "accessible"):
            u = units[unit]
            if u.kind == UnitKind.FAMILY:
                beds_of.setdefault(unit, []).append(bed)
            else:
                self.singles.setdefault((u.residence_id, u.kind), []).append((bed, accessible))
        for unit, beds in beds_of.items():
            self.families.setdefault(units[unit].residence_id, []).append(beds)
        for r in self.families:
            self.families[r].sort(key=len)   # the smallest unit that fits first
        for k in self.singles:
            self.singles[k].sort(key=lambda b: b[1])   # accessible beds last, for those who need them

    def run(self) -> None:
        ctx, rng = self.ctx, self.rng
        if not self.residences:
            return
        seen: set[int] = set()
        stays: list[_Stay] = []
        days = ctx.dates()
        bar = ctx.bar("housing", len(days))
        for day in days:
            for _ in range(ctx.count(rng, ctx.expected("housing", day, self.workers))):
                applied = ctx.at(day, rng.randint(7, 22), rng.randrange(60))
                if not ctx.inside(applied):
                    continue
                stay = self._stay(applied, seen)
                if stay is not None:
                    stays.append(stay)
            bar.update(1)
        bar.close()
        for part in chunks(stays, self.ctx.batch // 4):
            with transaction.atomic():
                self._write(part)
        self._draws(stays)

    def _stay(self, applied: datetime.datetime, seen: set[int]) -> _Stay | None:
        ctx, rng, workers = self.ctx, self.rng, self.workers
        check_in = applied.astimezone(ctx.tz).date() + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
        w = None
        for _ in range(4):  # newcomers ask most
            cand = workers.pick(rng, applied)
            if cand is not None and cand not in seen and (check_in - workers.arrived[cand]).days <= 30:
                w = cand
                break
        referral, referrer = "", None
        if w is None:  # someone who came earlier, sent by an advisor or the rescue station
            w = workers.pick(rng, applied)
            if w is None or w in seen:
                return None
            referral = rng.choice([Referral.ADVISOR, Referral.ADVISOR, Referral.RESCUE])
            referrer = self.staff["rescue" if referral == Referral.RESCUE else "advisor"]
        elif rng.random() < 0.15:
            referral, referrer = Referral.ADVISOR, self.staff["advisor"]
        seen.add(w)
        uid = workers.ids[w]
        family = rng.random() < 0.1
        adults, minors = (2, rng.randint(0, 2)) if family else (1, 0)
        local = [r for r in self.residences if r.place.town == workers.town[w]]
        residence = rng.choice(local or self.residences)
        long_stay = rng.random() < 0.2
        nights = rng.randint(residence.free_nights + 1, 14) if long_stay else rng.randint(1, residence.free_nights)
        app = Application(applicant_id=uid, residence_id=residence.pk, town=residence.place.town, check_in=check_in,
                          nights=nights, sex="" if family else workers.sex[w], adults=adults, minors=minors,
                          party_size=adults + minors, needs_accessible=rng.random() < 0.02,
                          looking_for_work=True, reason=rng.choice(REASONS), referral=referral,
                          referred_by_id=referrer, created_at=applied,
                          priority=eligibility.priority_of(referral=referral, has_children=minors > 0))
        s = _Stay(app)
        actor = referrer or uid
        review = (long_stay or family) and not referral
        if review:
            s.history.append(("", Status.PENDING_REVIEW, actor, applied, ""))
            decided = min(applied + datetime.timedelta(hours=rng.uniform(2, 48)), ctx.at(check_in, 12))
            decided = max(decided, applied + datetime.timedelta(minutes=5))
            if decided > ctx.now:
                return self._done(s)
            if rng.random() < 0.1:
                s.history.append((Status.PENDING_REVIEW, Status.REJECTED, self.staff["advisor"], decided,
                                  rng.choice(REJECT_NOTES)))
                return self._done(s)
            if self._hold(s):
                s.history.append((Status.PENDING_REVIEW, Status.ALLOCATED, self.staff["advisor"], decided, ""))
                s.reviewed = decided
            else:
                s.history.append((Status.PENDING_REVIEW, Status.WAITLISTED, self.staff["advisor"], decided, ""))
        elif self._hold(s):
            s.history.append(("", Status.ALLOCATED, actor, applied, ""))
        else:
            s.history.append(("", Status.WAITLISTED, actor, applied, ""))
        if s.history[-1][1] == Status.WAITLISTED:
            gone = ctx.at(check_in, 20)
            if rng.random() < 0.4:
                gone = applied + (gone - applied) * rng.random()
                if gone <= ctx.now:
                    s.history.append((Status.WAITLISTED, Status.CANCELLED, uid, gone, ""))
            elif gone <= ctx.now:
                s.history.append((Status.WAITLISTED, Status.REJECTED, self.staff["advisor"], gone, REJECT_NOTES[1]))
            return self._done(s)
        return self._done(self._after(s, uid))

    def _after(self, s: _Stay, uid: int) -> _Stay:
        """An allocated stay: cancelled, given up, or stayed (and left, maybe early)."""
        ctx, rng, app = self.ctx, self.rng, s.obj
        app.code = code6(rng)
        manager = self.manager[app.residence_id]
        arrival = ctx.at(app.check_in, rng.randint(14, 21), rng.randrange(60))
        given = s.history[-1][3]
        roll = rng.random()
        if roll < 0.03 and arrival > given:
            at = given + (arrival - given) * rng.random()
            if at <= ctx.now:
                s.history.append((Status.ALLOCATED, Status.CANCELLED, uid, at, ""))
                self._release(s, 0)
            return s
        if roll < 0.09:
            at = ctx.at(app.check_in + datetime.timedelta(days=1), 0, 1)
            if at <= ctx.now:
                s.history.append((Status.ALLOCATED, Status.FORFEITED, None, at, "not checked in on the first day"))
                self._release(s, 0)
            return s
        if arrival > ctx.now:
            return s
        s.history.append((Status.ALLOCATED, Status.CHECKED_IN, manager, arrival, ""))
        app.checked_in_at = arrival
        used = app.nights if rng.random() < 0.9 else rng.randint(1, app.nights)
        leaving = ctx.at(app.check_in + datetime.timedelta(days=used), rng.randint(7, 11), rng.randrange(60))
        if leaving > ctx.now:
            return s
        timed = used == app.nights and rng.random() < 0.3
        s.history.append((Status.CHECKED_IN, Status.CHECKED_OUT, None if timed else manager, leaving,
                          "checked out after the last night" if timed else ""))
        app.checked_out_at = leaving
        self._release(s, used)
        app.nights = used
        return s

    def _hold(self, s: _Stay) -> bool:
        """Beds for every night of the stay in its residence, if any are free."""
        app, occ = s.obj, self.occ
        if app.party_size > 1:
            for beds in self.families.get(app.residence_id, []):
                if len(beds) >= app.party_size and all(occ.free(b, app.check_in, app.nights) for b in beds):
                    s.beds = beds
                    break
        else:
            for bed, accessible in self.singles.get((app.residence_id, UNIT_FOR_SEX[app.sex]), []):
                if (accessible or not app.needs_accessible) and occ.free(bed, app.check_in, app.nights):
                    s.beds = [bed]
                    break
        if not s.beds:
            return False
        for b in s.beds:
            occ.hold(b, app.check_in, app.nights)
        s.keep = app.nights
        return True

    def _release(self, s: _Stay, keep: int) -> None:
        """The stay keeps its first `keep` nights; the rest are free again."""
        app = s.obj
        for b in s.beds:
            self.occ.hold(b, app.check_in + datetime.timedelta(days=keep), s.keep - keep, 0)
        s.keep = keep

    def _done(self, s: _Stay) -> _Stay:
        s.obj.status = s.history[-1][1]
        return s

    def _write(self, stays: list[_Stay]) -> None:
        ctx = self.ctx
        units = dict(Bed.objects.filter(pk__in=[b for s in stays for b in s.beds[:1]]).values_list("pk", "unit_id"))
        for s in stays:
            if s.beds:
                s.obj.unit_id = units[s.beds[0]]
                s.obj.bed_id = None if s.obj.party_size > 1 else s.beds[0]
        ctx.insert(Application, [s.obj for s in stays])
        ctx.insert(ApplicationHistory, [
            ApplicationHistory(application_id=s.obj.pk, from_status=f, to_status=t, by_id=by, at=at, note=note)
            for s in stays for f, t, by, at, note in s.history])
        ctx.insert(BedNight, [BedNight(bed_id=b, night=s.obj.check_in + datetime.timedelta(days=i),
                                       application_id=s.obj.pk)
                              for s in stays for b in sorted(s.beds) for i in range(s.keep)])

    def _draws(self, stays: list[_Stay]) -> None:
        """Each check-in day's review draw: committed with its first application, revealed when
        staff worked that day's review queue."""
        rng = self.rng
        revealed: dict[datetime.date, datetime.datetime | None] = {}
        for s in stays:
            at = s.reviewed
            day = s.obj.check_in
            if at is not None and (revealed.get(day) is None or at < revealed[day]):
                revealed[day] = at
            else:
                revealed.setdefault(day, None)
        have = set(Draw.objects.filter(night__in=list(revealed)).values_list("night", flat=True))
        rows = []
        for day in sorted(revealed):
            if day in have:
                continue
            seed = f"{rng.getrandbits(256):064x}"
            rows.append(Draw(night=day, seed=seed, commitment=lottery.commitment(seed), revealed_at=revealed[day]))
        with transaction.atomic():
            self.ctx.insert(Draw, rows)
