"""manage.py generate on top of the demo: a small city's two months, checked from the rows
themselves (counts, seats, escrow, the ledger, beds, dates), and the same seed twice."""

import collections
import datetime
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from nuanxin.accounts.models import User
from nuanxin.bookings.choices import SEATED
from nuanxin.bookings.models import Enrollment, EnrollmentHistory, Offering, Session, WeeklySlot
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.core import lottery
from nuanxin.demo.generate.base import RATES, WEEKDAY_FACTOR
from nuanxin.gigs.models import Application, ApplicationHistory, Gig, Shift
from nuanxin.grants.models import Grant
from nuanxin.housing import choices as housing_choices
from nuanxin.housing.models import Application as Stay
from nuanxin.housing.models import Bed, BedNight, Residence, Unit
from nuanxin.housing.tests.checks import stay_pairs
from nuanxin.jobs.models import Referral, Seeker
from nuanxin.places.models import Visit
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Account, Entry, LedgerTransaction
from nuanxin.wages.selectors import charity_fund_balance, ledger_problems

pytestmark = pytest.mark.django_db

WORKERS, DAYS, SEED = 1500, 60, 7
# Places stay taken by these (services: a no-show frees no place, a withdrawal does).
GIG_SEATED = ("accepted", "checked_in", "checked_out", "completed", "no_show", "disputed")


class _Undo(Exception):
    pass


def _models():
    return [m for m in apps.get_models() if m.__module__.startswith("nuanxin.")] + [User]


def _sizes() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in _models()}


def _generate(now):
    out = io.StringIO()
    call_command("generate", workers=WORKERS, days=DAYS, seed=SEED, now=now, quiet=True, stdout=out)
    return out.getvalue()


def _seats_ledger_and_beds_hold():
    """What must hold for every row, demo or generated: seats taken are the seated rows, the
    ledger balances, no bed is held twice a night."""
    shifts = Shift.objects.annotate(seated=Count("applications", filter=Q(applications__status__in=GIG_SEATED)))
    assert not shifts.exclude(taken=F("seated")).exists()
    assert not Shift.objects.filter(taken__gt=F("headcount")).exists()
    sessions = Session.objects.annotate(seated=Count("enrollments", filter=Q(enrollments__status__in=sorted(SEATED))))
    assert not sessions.exclude(taken=F("seated")).exists()
    assert not Session.objects.filter(taken__gt=F("capacity")).exists()
    assert not (Entry.objects.values("transaction_id").annotate(s=Sum("amount_fen")).exclude(s=0).exists())
    sums = dict(Entry.objects.values("account_id").annotate(s=Sum("amount_fen")).values_list("account_id", "s"))
    for account in Account.objects.all():
        assert account.balance_fen == sums.get(account.pk, 0), account.pk
    assert ledger_problems() == []
    assert charity_fund_balance() >= 0
    pairs = collections.Counter(BedNight.objects.values_list("bed_id", "night"))
    assert not [p for p, n in pairs.items() if n > 1]


def _city_short_of_places():
    """Few places, so that a small city's two months meet full slots, draws with losers and a
    residence short of beds, and every seat and bed rule is exercised: one half-hour
    health-check slot a week for one person, two places a class, one residence taking guests
    with a bed for a man, one for a woman and one family room."""
    plans = WeeklySlot.objects.filter(offering__kind="health_check").order_by("pk")
    plans.exclude(pk=plans[0].pk).delete()
    plans.update(start=datetime.time(8), end=datetime.time(8, 30), slot_minutes=30, capacity=1)
    for kind in ("first_aid", "night_school"):
        for offering in Offering.objects.filter(kind=kind):
            latest = Session.objects.filter(offering=offering).order_by("-start", "-pk").first()
            assert Session.objects.filter(pk=latest.pk, taken__lte=2).update(capacity=2) == 1
    residence = Residence.objects.order_by("-pk").first()
    Residence.objects.exclude(pk=residence.pk).update(accepting=False)
    keep = [Bed.objects.filter(unit__residence=residence, unit__kind=kind).order_by("pk")[0].pk
            for kind in ("men", "women")]
    family = Unit.objects.filter(residence=residence, kind="family").order_by("pk").first()
    Bed.objects.filter(unit__residence=residence).exclude(pk__in=keep).exclude(unit=family).update(active=False)


def test_refuses_without_the_demo():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate", workers=10, quiet=True, stdout=io.StringIO())


def test_a_generated_city_keeps_every_invariant_and_the_seed_repeats(monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    _city_short_of_places()
    monkeypatch.setitem(RATES, "housing", 60)  # twenty times the asking for beds: a queue for the three
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=DAYS)
    before = _sizes()
    top = {m._meta.label: m.objects.aggregate(m=Max("pk"))["m"] or 0 for m in _models()}

    # The same seed on the same database writes the same rows: once, undone, then again.
    try:
        with transaction.atomic():
            _generate(now)
            first = {k: v - before[k] for k, v in _sizes().items()}
            raise _Undo
    except _Undo:
        pass
    assert _sizes() == before
    report = _generate(now)
    second = {k: v - before[k] for k, v in _sizes().items()}
    assert first == second
    assert f"Generated {WORKERS:,} workers" in report

    def new(model):
        return model.objects.filter(pk__gt=top[model._meta.label])

    # People: N workers with the worker role and a real-name profile, synthetic phones, no passwords.
    workers = new(User).filter(phone__startswith="199")
    assert workers.count() == WORKERS
    assert workers.filter(groups__name="worker", worker_profile__id_number_hash__isnull=False).count() == WORKERS
    assert not any(u.has_usable_password() for u in workers[:50])
    assert len(set(workers.values_list("worker_profile__id_number_hash", flat=True))) == WORKERS
    assert workers.values("worker_profile__occupation").distinct().count() >= 5

    # Roughly the rates asked for: per 1,000 workers (signed up at the time) per 30 days.
    def expected(key):  # six in ten signed up before the window, the rest through it
        return sum(RATES[key] / 30 * WORKERS / 1000 * (0.6 + 0.4 * d / DAYS) * WEEKDAY_FACTOR[
            (now - datetime.timedelta(days=DAYS - d)).weekday()] for d in range(DAYS))

    assert 0.6 * expected("visits") <= second["places.Visit"] <= 1.3 * expected("visits")
    assert 0.6 * expected("gig_applications") <= second["gigs.Application"] <= 1.5 * expected("gig_applications")
    assert 0.4 * expected("cases") <= second["cases.Case"] <= 1.8 * expected("cases")
    for label in ("bookings.Enrollment", "housing.Application", "jobs.Seeker", "jobs.Referral",
                  "wages.LedgerTransaction", "gigs.Rating", "gigs.ReliabilityRecord"):
        assert second[label] > 0, label

    # Everything happened inside the window.
    for model, field in ((Visit, "at"), (Application, "created_at"), (ApplicationHistory, "at"),
                         (Gig, "published_at"), (Gig, "created_at"), (LedgerTransaction, "created_at"),
                         (Enrollment, "created_at"), (EnrollmentHistory, "at"), (Session, "opens_at"),
                         (Session, "end"), (Case, "created_at"), (Case, "updated_at"), (CaseEvent, "at"),
                         (Stay, "created_at"), (Seeker, "registered_at"), (Referral, "created_at"),
                         (Grant, "created_at")):
        rows = new(model)
        assert not rows.filter(Q(**{f"{field}__lt": start}) | Q(**{f"{field}__gt": now})).exists(), (model, field)
    assert not new(BedNight).filter(night__lt=timezone.localdate(start)).exists()

    # Seats taken are the seated rows, the ledger balances (every transaction, every balance),
    # no bed is held twice a night.
    _seats_ledger_and_beds_hold()

    # Gigs: escrow is what is still owed; every paid shift has its ledger transaction.
    for shift in new(Shift).annotate(unpaid=Count("applications", filter=Q(
            applications__status__in=("checked_in", "checked_out")))):
        assert shift.escrow_fen == shift.unpaid * shift.per_place_fen, shift.pk
    paid = new(Application).filter(status="completed")
    assert paid.exists() and not paid.filter(Q(wage_fen__isnull=True) | Q(settled_at__isnull=True)).exists()
    keys = set(LedgerTransaction.objects.filter(idempotency_key__startswith="gig-wage:")
               .values_list("idempotency_key", flat=True))
    assert {f"gig-wage:{pk}" for pk in paid.values_list("pk", flat=True)} <= keys
    escrow = Account.objects.filter(kind=AccountKind.EMPLOYER_ESCROW, employer__contacts__phone__startswith="198")
    held = new(Shift).aggregate(s=Sum("escrow_fen"))["s"] or 0
    assert sum(escrow.values_list("balance_fen", flat=True)) == held
    for app in new(Application).exclude(status__in=("pending", "rejected"))[:300]:
        moves = list(app.history.values_list("to_status", flat=True))
        assert moves[-1] == app.status and moves[0] in ("pending", "accepted"), (app.pk, moves)

    for grant in new(Grant).filter(status="paid"):
        assert LedgerTransaction.objects.filter(idempotency_key=f"grants.grant:{grant.pk}").exists()

    # Bookings: a drawn session's ranking re-runs from its published seed.
    # The shortage was met: full slots had waiting lists, draws had more entries than places.
    assert {"attended", "waitlisted"} <= set(new(Enrollment).values_list("status", flat=True))
    for session in new(Session).filter(drawn_at__isnull=False):
        entries = [(e["ticket"], e["weight"]) for e in session.draw_entries]
        assert lottery.rank(session.seed, entries) == session.draw_ranking
        assert lottery.commitment(session.seed) == session.seed_hash

    # Housing: a stay's bed-night rows are exactly the nights it keeps; the three beds had a queue.
    assert {"checked_out", "waitlisted", "rejected"} <= set(new(Stay).values_list("status", flat=True))
    for stay in new(Stay):
        rows = set(stay.bed_nights.values_list("bed_id", "night"))
        keeps = stay.status in (*housing_choices.HOLDING, housing_choices.Status.CHECKED_OUT)
        assert rows == (stay_pairs(stay) if keeps else set()), (stay.pk, stay.status)

    # Cases: opened first, escalations recorded once, ratings 1-5, closed with a reason.
    cases = new(Case)
    assert cases.values("type").distinct().count() >= 4
    for case in cases:
        events = list(case.events.order_by("at", "pk"))
        assert events[0].kind == "opened" and events[-1].at <= now
        moves = [e.to_state for e in events if e.kind == "transition"]
        assert (moves[-1] if moves else "new") == case.state
        assert sum(e.kind == "escalation" for e in events) == (case.escalated_at is not None)
        assert case.satisfaction is None or 1 <= case.satisfaction <= 5
        assert (case.state == "closed") == bool(case.close_reason)

    # Running again (the same seed) adds another set of workers beside the first, and everything
    # still holds: no phone, ID number, letter token or session name meets the first run's.
    _generate(now)
    assert User.objects.filter(phone__startswith="199").count() == 2 * WORKERS
    _seats_ledger_and_beds_hold()
