"""Generated employment service: the generated employers' vacancies (reviewed by staff, valid
for a month or three), job seekers registered online or at a station's window, their
advisor's follow-ups, and referrals to vacancies live at the time, through interview to
hired (the registration placed, the seeker's other waiting referrals withdrawn), not hired,
no-show or withdrawn; some registrations closed. Statuses move as the jobs services move them,
each with its history row."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from nuanxin.core import geo
from nuanxin.core.text import search_document
from nuanxin.core.towns import CHINESE_NAMES
from nuanxin.demo import data, jobs_data
from nuanxin.demo.generate.accounts import Employers
from nuanxin.demo.generate.base import TOWN_WEIGHTS, Context, Workers, chunks, jitter, weighted
from nuanxin.jobs.choices import FOLLOW_UP_DAYS, ReferralStatus, SeekerStatus, VacancyStatus
from nuanxin.jobs.models import (
    FollowUp,
    Occupation,
    Referral,
    ReferralHistory,
    Seeker,
    Vacancy,
    VacancyHistory,
)
from nuanxin.jobs.services.seekers import tier_for
from nuanxin.places.models import Place

DAY = datetime.timedelta(days=1)
WEEK = 7


@dataclass
class _Vacancy:
    obj: Vacancy
    history: list[tuple] = field(default_factory=list)   # (from, to, by, at, note)
    live_from: datetime.datetime | None = None
    code: str = ""


@dataclass
class _Seeker:
    obj: Seeker
    codes: list[str]
    follow_ups: list[FollowUp] = field(default_factory=list)
    referrals: list[tuple[Referral, list[tuple]]] = field(default_factory=list)


class JobMaker:
    def __init__(self, ctx: Context, workers: Workers, employers: Employers, staff: dict[str, int]):
        self.ctx, self.workers, self.employers, self.staff = ctx, workers, employers, staff
        self.rng = ctx.rng("jobs")
        self.town_of = weighted(self.rng, TOWN_WEIGHTS)
        codes = {t[0] for t in jobs_data.VACANCY_TEMPLATES}
        self.occupations = dict(Occupation.objects.filter(code__in=codes).values_list("code", "pk"))
        self.occupation_names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
        self.stations: dict[str, list[int]] = {}
        for pk, town in Place.objects.filter(kind="employment_station").order_by("pk").values_list("pk", "town"):
            self.stations.setdefault(town, []).append(pk)
        center = Place.objects.filter(kind="service_center").order_by("pk").values_list("pk", flat=True).first()
        self.center = center
        self.live: dict[tuple[str, int], list[_Vacancy]] = {}   # (town, week) → vacancies live that week

    def run(self) -> None:
        if not self.occupations:
            return
        bar = self.ctx.bar("jobs", 2, "parts")
        vacancies = self._vacancies()
        for part in chunks(vacancies, self.ctx.batch // 2):
            with transaction.atomic():
                self.ctx.insert(Vacancy, [v.obj for v in part])
                self.ctx.insert(VacancyHistory, [VacancyHistory(vacancy_id=v.obj.pk, from_status=f, to_status=t,
                                                                by_id=by, at=at, note=note)
                                                 for v in part for f, t, by, at, note in v.history])
        bar.update(1)
        seekers = self._seekers()
        for part in chunks(seekers, self.ctx.batch // 4):
            with transaction.atomic():
                self._write(part)
        bar.update(1)
        bar.close()

    def _week(self, t: datetime.datetime) -> int:
        return (t - self.ctx.start).days // WEEK

    # --- vacancies ------------------------------------------------------------------------------

    def _vacancies(self) -> list[_Vacancy]:
        ctx, rng = self.ctx, self.rng
        out = []
        span = (ctx.now - ctx.start).total_seconds()
        templates = [t for t in jobs_data.VACANCY_TEMPLATES if t[0] in self.occupations]
        for e, employer_id in enumerate(self.employers.ids):
            contact = self.employers.contacts[e]
            for _i in range(ctx.count(rng, ctx.days / 60)):  # one every two months or so
                code, title, kind, low, high, period, skills, _emp = rng.choice(templates)
                created = ctx.start + datetime.timedelta(seconds=rng.uniform(0, span))
                town = self.employers.towns[e] if rng.random() < 0.7 else self.town_of()
                lat, lon = jitter(rng, town, 2.0)
                address = f"{CHINESE_NAMES[town]}{rng.choice(data.ROADS)}{rng.randint(1, 300)}号"
                requirements = rng.choice(jobs_data.REQUIREMENTS)
                duties = jobs_data.DUTIES[kind]
                valid = created.astimezone(ctx.tz).date() + datetime.timedelta(days=rng.choice([30, 30, 45, 60, 90]))
                v = Vacancy(employer_id=employer_id, created_by_id=contact, title=title,
                            occupation_id=self.occupations[code], kind=kind, headcount=rng.choice([1, 2, 3, 5, 10, 20]),
                            requirements=requirements, duties=duties, skills=skills, address=address, town=town,
                            lat=lat, lon=lon, pay_min_fen=low * 100, pay_max_fen=high * 100, pay_period=period,
                            valid_until=valid, created_at=created, updated_at=created,
                            status=VacancyStatus.PENDING_REVIEW)
                geo.set_cells(v)  # what Vacancy.save derives
                v.search_doc = search_document(title, self.occupation_names[code], requirements, duties,
                                               " ".join(skills), address, self.employers.names[e])
                vac = _Vacancy(v, [("", VacancyStatus.PENDING_REVIEW, contact, created, "")], code=code)
                reviewed = created + datetime.timedelta(hours=rng.uniform(1, 30))
                if reviewed <= ctx.now:
                    if rng.random() < 0.03:
                        v.status, v.review_note = VacancyStatus.REJECTED, jobs_data.REJECTED_NOTE
                        vac.history.append((VacancyStatus.PENDING_REVIEW, v.status, self.staff["advisor"], reviewed,
                                            v.review_note))
                    else:
                        v.status = VacancyStatus.APPROVED
                        vac.history.append((VacancyStatus.PENDING_REVIEW, v.status, self.staff["advisor"], reviewed, ""))
                        vac.live_from = reviewed
                    v.updated_at = reviewed
                out.append(vac)
                if vac.live_from is not None:
                    until = min(ctx.at(valid + DAY), ctx.now)
                    for week in range(self._week(vac.live_from), self._week(until) + 1):
                        self.live.setdefault((town, week), []).append(vac)
        return out

    def _live_vacancy(self, town: str, at: datetime.datetime, codes: list[str], used: set[int]) -> _Vacancy | None:
        """A vacancy published at `at` (reviewed, not past its last day), in the seeker's town
        (else anywhere nearby), of an occupation wanted if there is one."""
        rng = self.rng
        for where in (town, None):
            pool = self.live.get((where or rng.choice(list(TOWN_WEIGHTS)), self._week(at)), [])
            pool = [v for v in pool if v.live_from <= at and at.astimezone(self.ctx.tz).date() <= v.obj.valid_until
                    and v.obj.status == VacancyStatus.APPROVED and id(v) not in used]
            if pool:
                wanted = [v for v in pool if v.code in codes]
                return rng.choice(wanted or pool)
        return None

    # --- seekers --------------------------------------------------------------------------------

    def _seekers(self) -> list[_Seeker]:
        ctx, rng, workers = self.ctx, self.rng, self.workers
        out, seen = [], set()
        codes = sorted(self.occupations)
        for day in ctx.dates():
            for _i in range(ctx.count(rng, ctx.expected("seekers", day, workers))):
                at = ctx.at(day, rng.randint(8, 20), rng.randrange(60))
                if not ctx.inside(at):
                    continue
                w = None
                for _try in range(3):  # those looking for work, and factory temps, register most
                    cand = workers.pick(rng, at)
                    if cand is not None and cand not in seen and (
                            workers.occupation[cand] in ("job_seeker", "factory_temp") or _try == 2):
                        w = cand
                        break
                if w is None or w in seen:
                    continue
                seen.add(w)
                out.append(self._seeker(w, at, codes))
        return out

    def _seeker(self, w: int, registered: datetime.datetime, codes: list[str]) -> _Seeker:
        ctx, rng, workers = self.ctx, self.rng, self.workers
        advisor = self.staff["advisor"]
        window = rng.random() < 0.6
        town = workers.town[w]
        station = rng.choice(self.stations.get(town) or [self.center]) if window else None
        experience = rng.choice([0, 0, 1, 2, 3, 5, 10])
        hardship = rng.choice(["difficulty", "graduate", "low_income", "long_unemployed", "disability"]) \
            if rng.random() < 0.1 else ""
        today = registered.astimezone(ctx.tz).date()
        tier, _why = tier_for(hardship=hardship, arrived_on=workers.arrived[w], experience_years=experience,
                              today=today)
        wanted = rng.sample(codes, min(len(codes), rng.randint(1, 2)))
        seeker = Seeker(user_id=workers.ids[w], skills=rng.sample(jobs_data.SEEKER_SKILLS, 2), experience_years=experience,
                        languages=rng.choice(jobs_data.LANGUAGES), hardship=hardship, tier=tier,
                        wanted_pay_fen=rng.choice([450_000, 550_000, 650_000, 800_000]), town=town, advisor_id=advisor,
                        station_id=station, registered_by_id=advisor if window else None,
                        notes=rng.choice(["想找包吃住的工作", "能倒班，想多挣点", "有叉车证", ""]) if window else "",
                        status=SeekerStatus.ACTIVE, registered_at=registered,
                        next_contact_on=today + datetime.timedelta(days=FOLLOW_UP_DAYS) if window else today)
        s = _Seeker(seeker, wanted)
        # Contacts and referrals, in time, until the seeker is placed or the file closed.
        t = registered
        used: set[int] = set()
        ended = None
        closes = registered + datetime.timedelta(days=rng.uniform(20, 120)) if rng.random() < 0.12 else None
        for _step in range(rng.randint(0, 5)):
            t = t + datetime.timedelta(days=rng.uniform(2, 16))
            if t > ctx.now or (closes is not None and t >= closes):
                break
            if rng.random() < 0.55:
                nxt = t.astimezone(ctx.tz).date() + datetime.timedelta(days=FOLLOW_UP_DAYS)
                s.follow_ups.append(FollowUp(by_id=advisor, channel=rng.choice(["call", "wechat", "visit", "window",
                                                                                "sms"]),
                                             note=rng.choice(jobs_data.FOLLOW_NOTES), at=t, next_contact_on=nxt))
                seeker.next_contact_on = nxt
                continue
            vac = self._live_vacancy(town, t, wanted, used)
            if vac is None:
                continue
            used.add(id(vac))
            ended = self._referral(s, vac, t) or ended
            if ended is not None:
                break
        if ended is None and closes is not None and closes <= ctx.now:
            ended = closes
            seeker.status, seeker.closed_at, seeker.next_contact_on = SeekerStatus.CLOSED, closes, None
            self._withdraw(s, closes, None, "本人回老家发展")
        return s

    def _referral(self, s: _Seeker, vac: _Vacancy, at: datetime.datetime) -> datetime.datetime | None:
        """One referral and what the employer recorded; the moment of a hire, if it was one."""
        ctx, rng = self.ctx, self.rng
        advisor = self.staff["advisor"]
        employer = vac.obj.created_by_id
        r = Referral(vacancy=vac.obj, advisor_id=advisor, note="请安排面试", created_at=at, status=ReferralStatus.REFERRED,
                     token=base64.urlsafe_b64encode(rng.getrandbits(144).to_bytes(18, "big")).decode())
        history = [("", ReferralStatus.REFERRED, advisor, at, "请安排面试")]
        s.referrals.append((r, history))
        roll = rng.random()
        met = at + datetime.timedelta(days=rng.uniform(1, 6))
        if met > ctx.now:
            return None
        if roll < 0.05:
            history.append((ReferralStatus.REFERRED, ReferralStatus.CANCELLED, advisor, met, "本人已找到其他工作"))
            r.status = ReferralStatus.CANCELLED
            return None
        if roll < 0.15:
            history.append((ReferralStatus.REFERRED, ReferralStatus.NO_SHOW, employer, met, ""))
            r.status, r.decided_at = ReferralStatus.NO_SHOW, met
            return None
        history.append((ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED, employer, met, ""))
        r.status, r.interviewed_at = ReferralStatus.INTERVIEWED, met
        decided = met + datetime.timedelta(days=rng.uniform(0.5, 5))
        if decided > ctx.now:
            return None
        hired = roll < 0.45
        r.status, r.decided_at = (ReferralStatus.HIRED if hired else ReferralStatus.NOT_HIRED), decided
        history.append((ReferralStatus.INTERVIEWED, r.status, employer, decided, "下周一入职" if hired else ""))
        if not hired:
            return None
        seeker = s.obj
        seeker.status, seeker.placed_at, seeker.next_contact_on = SeekerStatus.PLACED, decided, None
        self._withdraw(s, decided, None, _("Placed through another referral."), keep=r)
        return decided

    def _withdraw(self, s: _Seeker, at: datetime.datetime, by: int | None, note: str, keep=None) -> None:
        """A placed or closed registration withdraws its referrals still waiting for an interview."""
        for r, history in s.referrals:
            if r is not keep and r.status == ReferralStatus.REFERRED:
                r.status = ReferralStatus.CANCELLED
                history.append((ReferralStatus.REFERRED, ReferralStatus.CANCELLED, by, at, note))

    def _write(self, seekers: list[_Seeker]) -> None:
        ctx = self.ctx
        made = ctx.insert(Seeker, [s.obj for s in seekers])
        through = Seeker.occupations.through
        ctx.insert(through, [through(seeker_id=m.pk, occupation_id=self.occupations[c])
                             for m, s in zip(made, seekers, strict=True) for c in s.codes])
        follow = []
        for s in seekers:
            for f in s.follow_ups:
                f.seeker_id = s.obj.pk
                follow.append(f)
        ctx.insert(FollowUp, follow)
        refs = []
        for s in seekers:
            for r, _h in s.referrals:
                r.seeker_id, r.vacancy_id = s.obj.pk, r.vacancy.pk
                refs.append(r)
        ctx.insert(Referral, refs)
        ctx.insert(ReferralHistory, [ReferralHistory(referral_id=r.pk, from_status=f, to_status=t, by_id=by, at=at,
                                                     note=note)
                                     for s in seekers for r, h in s.referrals for f, t, by, at, note in h])
