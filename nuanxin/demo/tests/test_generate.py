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
from nuanxin.bookings.models import Enrollment, EnrollmentHistory, Session
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.core import lottery
from nuanxin.demo.generate.base import RATES, WEEKDAY_FACTOR
from nuanxin.gigs.models import Application, ApplicationHistory, Gig, Shift
from nuanxin.grants.models import Grant
from nuanxin.housing import choices as housing_choices
from nuanxin.housing.models import Application as Stay
from nuanxin.housing.models import BedNight
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


def _generate(now, **extra):
    out = io.StringIO()
    call_command("generate", workers=WORKERS, days=DAYS, seed=SEED, now=now, quiet=True, stdout=out, **extra)
    return out.getvalue()


def test_refuses_without_the_demo():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate", workers=10, quiet=True, stdout=io.StringIO())


def test_a_generated_city_keeps_every_invariant_and_the_seed_repeats():
    call_command("load_demo", stdout=io.StringIO())
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

    # Gigs: places taken are the applications holding them; escrow is what is still owed.
    shifts = Shift.objects.annotate(seated=Count("applications", filter=Q(applications__status__in=GIG_SEATED)))
    assert not shifts.exclude(taken=F("seated")).exists()
    assert not Shift.objects.filter(taken__gt=F("headcount")).exists()
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

    # The ledger: every transaction balances, every balance is the sum of its entries.
    assert not (Entry.objects.values("transaction_id").annotate(s=Sum("amount_fen")).exclude(s=0).exists())
    sums = dict(Entry.objects.values("account_id").annotate(s=Sum("amount_fen")).values_list("account_id", "s"))
    for account in Account.objects.all():
        assert account.balance_fen == sums.get(account.pk, 0), account.pk
    assert ledger_problems() == []
    assert charity_fund_balance() >= 0
    for grant in new(Grant).filter(status="paid"):
        assert LedgerTransaction.objects.filter(idempotency_key=f"grants.grant:{grant.pk}").exists()

    # Bookings: seats taken are the seated enrolments; a drawn session's ranking re-runs from its seed.
    sessions = Session.objects.annotate(seated=Count("enrollments", filter=Q(enrollments__status__in=sorted(SEATED))))
    assert not sessions.exclude(taken=F("seated")).exists()
    assert not Session.objects.filter(taken__gt=F("capacity")).exists()
    assert {"attended", "no_show"} <= set(new(Enrollment).values_list("status", flat=True))
    for session in new(Session).filter(drawn_at__isnull=False):
        entries = [(e["ticket"], e["weight"]) for e in session.draw_entries]
        assert lottery.rank(session.seed, entries) == session.draw_ranking
        assert lottery.commitment(session.seed) == session.seed_hash

    # Housing: no bed twice a night; a stay's rows are exactly the nights it keeps.
    pairs = collections.Counter(BedNight.objects.values_list("bed_id", "night"))
    assert not [p for p, n in pairs.items() if n > 1]
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
