"""The dashboard's figures worked out again, independently: every row read into Python and
counted in loops, with the period's bounds built from the calendar, not from the app's code.
Tests compare what the API and the pages show with this."""

import datetime
import statistics
import zoneinfo
from collections import Counter, defaultdict

from nuanxin.bookings.models import Enrollment, Session, Volunteer
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.gigs.models import Application as GigApplication
from nuanxin.gigs.models import Gig, Shift
from nuanxin.grants.models import Grant
from nuanxin.housing.models import Application as Stay
from nuanxin.housing.models import Bed, BedNight, Residence, Unit
from nuanxin.jobs.models import Referral, Seeker, Vacancy
from nuanxin.places.models import Place, Visit

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
HOLDING = {"accepted", "checked_in", "checked_out", "completed"}


def bounds(key: str) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of 2026, 2026-11 or 2026-W48 in Kunshan time."""
    if "-W" in key:
        year, week = key.split("-W")
        first = datetime.date.fromisocalendar(int(year), int(week), 1)
        last = first + datetime.timedelta(days=7)
    elif "-" in key:
        year, month = map(int, key.split("-"))
        first = datetime.date(year, month, 1)
        last = datetime.date(year + (month == 12), month % 12 + 1, 1)
    else:
        first, last = datetime.date(int(key), 1, 1), datetime.date(int(key) + 1, 1, 1)
    return (datetime.datetime.combine(first, datetime.time(), TZ), datetime.datetime.combine(last, datetime.time(), TZ))


class Tally:
    """A total and per-town counts, added to one record at a time."""

    def __init__(self):
        self.total = 0
        self.towns: Counter = Counter()

    def add(self, town: str, n=1):
        self.total += n
        if town:
            self.towns[town] += n

    def as_pair(self):
        return self.total, {t: n for t, n in self.towns.items() if n}


def _people(pairs) -> tuple[int, dict]:
    """(town, person) pairs → distinct people in the city and per town."""
    everyone, by_town = set(), defaultdict(set)
    for town, person in pairs:
        if person is None:
            continue
        everyone.add(person)
        if town:
            by_town[town].add(person)
    return len(everyone), {t: len(s) for t, s in by_town.items()}


def figures(key: str, now: datetime.datetime) -> dict[str, tuple[int, dict]]:
    start, end = bounds(key)
    until = min(end, now)
    first_day = start.astimezone(TZ).date()
    last_day = (until - datetime.timedelta(microseconds=1)).astimezone(TZ).date()
    tonight = now.astimezone(TZ).date()

    def inside(t):
        return t is not None and start <= t < until

    out: dict[str, tuple[int, dict]] = {}
    t = defaultdict(Tally)

    # places
    for p in Place.objects.all():
        if p.status == "open" and (p.opened_on is None or p.opened_on <= last_day):
            if p.kind == "warm_station":
                t["warm_stations"].add(p.town)
            if p.kind == "employment_station":
                t["employment_stations"].add(p.town)
    place_town = dict(Place.objects.values_list("pk", "town"))
    for v in Visit.objects.all():
        if inside(v.at):
            t["station_visits"].add(place_town[v.place_id])

    # housing
    residence_town = {r.pk: place_town[r.place_id] for r in Residence.objects.all()}
    unit_res = {u.pk: u.residence_id for u in Unit.objects.all()}
    for u in Unit.objects.all():
        t["residence_units"].add(residence_town[u.residence_id])
    beds = {b.pk: b for b in Bed.objects.all()}
    active_per_res = Counter()
    for b in beds.values():
        if b.active:
            t["residence_beds"].add(residence_town[unit_res[b.unit_id]])
            active_per_res[unit_res[b.unit_id]] += 1
    stays = {a.pk: a for a in Stay.objects.all()}
    held_tonight = Counter()
    for n in BedNight.objects.all():
        res = unit_res[beds[n.bed_id].unit_id]
        if first_day <= n.night <= last_day:
            t["bed_nights"].add(residence_town[res])
            if stays[n.application_id].referral == "rescue":
                t["shelter_nights"].add(residence_town[res])
        if n.night == tonight and beds[n.bed_id].active:
            held_tonight[res] += 1
    for a in stays.values():
        if a.status == "waitlisted":
            t["housing_waitlisted_now"].add(residence_town.get(a.residence_id, ""))
    for res, n in active_per_res.items():
        if held_tonight[res] >= n:
            t["residences_full_tonight"].add(residence_town[res])

    # bookings
    sessions = {s.pk: s for s in Session.objects.select_related("offering__place")}
    in_window = {pk for pk, s in sessions.items() if inside(s.start) and s.cancelled_at is None}
    first_aid, children = [], []
    hours = defaultdict(float)
    for pk in in_window:
        s = sessions[pk]
        town = s.offering.place.town
        t["seats_offered"].add(town, s.capacity)
        t["seats_taken"].add(town, s.taken)
        if s.offering.kind == "summer_care":
            t["summer_places"].add(town, s.capacity)
    for s in sessions.values():
        if s.teacher_id and s.cancelled_at is None and inside(s.end):
            hours[s.offering.place.town] += (float(s.teaching_hours) if s.teaching_hours is not None
                                             else (s.end - s.start).total_seconds() / 3600)
    for e in Enrollment.objects.all():
        s = sessions[e.session_id]
        town = s.offering.place.town
        if e.status == "waitlisted" and s.start > now and s.cancelled_at is None:
            t["booking_waitlisted_now"].add(town)
        if e.session_id not in in_window:
            continue
        kind = s.offering.kind
        if kind == "health_check" and e.status == "attended":
            t["health_checks"].add(town)
        if kind == "first_aid" and e.status == "attended":
            first_aid.append((town, e.user_id))
        if kind == "summer_care" and e.status in ("confirmed", "attended"):
            children.append((town, e.child_id))
        if e.status == "no_show":
            t["no_shows"].add(town)
        if e.status in ("attended", "no_show"):
            t["roll_marked"].add(town)
    out["first_aid_trainees"] = _people(first_aid)
    out["children_served"] = _people(children)
    out["volunteer_teachers"] = (sum(1 for v in Volunteer.objects.all() if v.active and v.registered_at < until), {})
    out["hours_taught"] = (round(sum(hours.values())), {k: round(v) for k, v in hours.items() if k and round(v)})

    # cases
    done = {}
    for ev in CaseEvent.objects.order_by("at", "pk"):
        if ev.to_state in ("resolved", "closed") and ev.case_id not in done:
            done[ev.case_id] = ev.at
    for c in Case.objects.all():
        if inside(c.created_at):
            t["cases_opened"].add(c.town)
            if c.type == "health":
                t["green_channel"].add(c.town)
            if c.type == "emergency":
                t["relief_cases"].add(c.town)
        if inside(done.get(c.pk)):
            t["cases_handled"].add(c.town)
            if done[c.pk] <= c.due_at:
                t["cases_on_time"].add(c.town)
            if c.satisfaction is not None:
                t["satisfaction_sum"].add(c.town, c.satisfaction)
                t["satisfaction_n"].add(c.town)
            if c.type in ("legal_aid", "rights"):
                t["legal_handled"].add(c.town)
        if inside(c.escalated_at):
            t["escalations"].add(c.town)
        if c.type == "emergency" and c.state not in ("resolved", "closed") and c.due_at < now:
            t["emergency_overdue_now"].add(c.town)

    # gigs
    gigs = {g.pk: g for g in Gig.objects.all()}
    for g in gigs.values():
        if inside(g.published_at):
            t["gigs_published"].add(g.town)
    apps = list(GigApplication.objects.all())
    last_holding = {}
    for a in apps:
        if a.status in HOLDING and (a.shift_id not in last_holding or a.created_at > last_holding[a.shift_id]):
            last_holding[a.shift_id] = a.created_at
    shifts = {s.pk: s for s in Shift.objects.all()}
    fills = []
    for s in shifts.values():
        if not inside(s.start) or s.cancelled_at is not None:
            continue
        town = gigs[s.gig_id].town
        t["gig_places_offered"].add(town, s.headcount)
        t["gig_places_filled"].add(town, s.taken)
        if s.taken < s.headcount:
            t["gig_places_unfilled"].add(town, s.headcount - s.taken)
        published = gigs[s.gig_id].published_at
        last = last_holding.get(s.pk)
        if s.taken >= s.headcount and published and last and last >= published:
            fills.append((town, (last - published).total_seconds() / 60))
    for a in apps:
        if inside(a.settled_at) and (a.wage_fen or 0) > 0:
            town = gigs[shifts[a.shift_id].gig_id].town
            t["wages_paid_fen"].add(town, a.wage_fen)
            t["wages_paid_n"].add(town)
            if a.disputed_at is not None:
                t["wages_recovered_fen"].add(town, a.wage_fen)
                t["wages_recovered_n"].add(town)
    if fills:
        per_town = defaultdict(list)
        for town, minutes in fills:
            per_town[town].append(minutes)
        out["fill_minutes_median"] = (round(statistics.median(m for _t, m in fills)),
                                      {k: round(statistics.median(v)) for k, v in per_town.items() if k})
    else:
        out["fill_minutes_median"] = (0, {})
    for town, _m in fills:
        t["fills_timed"].add(town)

    # grants
    case_town = dict(Case.objects.values_list("pk", "town"))
    for g in Grant.objects.all():
        if g.status == "paid" and inside(g.decided_at):
            t["grants_paid"].add(case_town[g.case_id])
            t["grants_paid_fen"].add(case_town[g.case_id], g.amount_fen)
            if g.kind == "trip_home":
                t["trips_home"].add(case_town[g.case_id])

    # jobs
    vacancy_town = dict(Vacancy.objects.values_list("pk", "town"))
    for s in Seeker.objects.all():
        if inside(s.registered_at):
            t["seekers_registered"].add(s.town)
    for v in Vacancy.objects.all():
        if inside(v.created_at):
            t["vacancies_taken"].add(v.town)
    for r in Referral.objects.all():
        if inside(r.created_at):
            t["referrals"].add(vacancy_town[r.vacancy_id])
        if r.status == "hired" and inside(r.decided_at):
            t["hired"].add(vacancy_town[r.vacancy_id])

    for code, tally in t.items():
        out.setdefault(code, tally.as_pair())
    return out
