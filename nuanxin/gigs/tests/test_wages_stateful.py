"""Random sequences of deposits, publishes, applications, check-ins (early) and check-outs
(early or hours late), confirmations of any minutes with or without approved extra time,
employer cancellations after check-in, disputes before and after payment, contested hours
accepted or left to expire, auto-releases, refunds and payouts. After every step the books
balance, nothing is negative, each worker's balance equals their wages and fees minus their
payouts, no one is paid beyond the booked shift without approved extra, and no worker who
checked in ends with less than the recorded (or, when the employer cancelled, the booked)
wage unless they agreed or a dispute decided so."""

import datetime
import itertools
from contextlib import suppress

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from nuanxin.accounts import services as accounts
from nuanxin.accounts.models import Employer
from nuanxin.core.errors import DomainError
from nuanxin.gigs import pay
from nuanxin.gigs import services as gigs
from nuanxin.gigs.models import Application, CancellationFee, Shift
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload
from nuanxin.wages import services as wages
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Payout
from nuanxin.wages.selectors import balance, ledger_problems
from nuanxin.wages.tests.factories import give_real_name

_runs = itertools.count(1)


@pytest.mark.django_db
def test_gig_money_state_machine():
    class Market(RuleBasedStateMachine):
        @initialize()
        def world(self):
            n = next(_runs)
            self.n, self.keys = n, itertools.count()
            self.boss = accounts.user_create(phone=f"135{n:04d}0000", roles=("employer",))
            self.org = Employer.objects.create(name=f"单位{n}", uscc=f"X{n}", contact_name="x",
                                               contact_phone="13900000001", status="verified")
            self.org.contacts.add(self.boss)
            self.advisor = accounts.user_create(username=f"law{n}", roles=("legal",))
            self.workers = [accounts.user_create(phone=f"135{n:04d}{i:04d}", roles=("worker",)) for i in range(1, 4)]
            for w in self.workers:
                give_real_name(w)  # a payout account needs the worker's real name on file
                wages.payout_account_set(user=w, kind="wechat", number="wx-123456", holder=w.name)
            self.shifts, self.apps, self.now = [], [], timezone.now()
            self.decided, self.paid = set(), set()
            # Start with money in the bank, so that most runs get to publishing and working.
            d = wages.deposit_create(by=self.boss, amount_fen=200_000, idempotency_key="opening")
            wages.deposit_confirm(deposit_id=d.pk)

        @rule(amount=st.integers(1, 60_000))
        def deposit(self, amount):
            d = wages.deposit_create(by=self.boss, amount_fen=amount, idempotency_key=f"d{next(self.keys)}")
            wages.deposit_confirm(deposit_id=d.pk)

        @rule(headcount=st.integers(1, 3), instant=st.booleans(), starts_in=st.sampled_from([10, 60, 300, 1500]))
        def post_and_publish(self, headcount, instant, starts_in):
            body = gig_payload(instant=instant)
            start = self.now + datetime.timedelta(minutes=starts_in)
            data = {**body, "shifts": [{"start": start, "end": start + datetime.timedelta(hours=4),
                                        "headcount": headcount}]}
            gig = gigs.gig_create(by=self.boss, data=data, now=self.now)
            try:
                gigs.gig_publish(gig_id=gig.pk, by=self.boss, now=self.now)
            except DomainError:
                return
            self.shifts.append(gig.shifts.get().pk)

        @precondition(lambda self: self.shifts)
        @rule(w=st.integers(0, 2), s=st.integers(0, 50))
        def apply_and_accept(self, w, s):
            shift_id = self.shifts[s % len(self.shifts)]
            try:
                app = gigs.application_apply(shift_id=shift_id, worker=self.workers[w], now=self.now)
                if app.status == "pending":
                    gigs.application_accept(application_id=app.pk, by=self.boss, now=self.now)
            except DomainError:
                return
            self.apps.append(app.pk)

        def _at(self, when):
            """The clock only moves forward: an action asked for in the past happens now."""
            self.now = max(self.now, when)
            return self.now

        def _app(self, a, *statuses):
            """One of the applications in one of these states (so that most steps do something)."""
            apps = list(Application.objects.select_related("shift__gig", "worker")
                        .filter(pk__in=self.apps, status__in=statuses).order_by("pk"))
            if not apps:
                raise DomainError()
            return apps[a % len(apps)]

        @precondition(lambda self: self.shifts)
        @rule(w=st.integers(0, 2), s=st.integers(0, 50), early=st.integers(0, 29),
              after_end=st.integers(-200, 240))
        def work_a_shift(self, w, s, early, after_end):
            """Apply, be accepted, check in (up to 29 minutes early) and out (early or up to 4 h late)."""
            future = list(Shift.objects.select_related("gig").filter(pk__in=self.shifts, start__gt=self.now,
                                                                      cancelled_at__isnull=True).order_by("pk"))
            if not future:
                return
            shift = future[s % len(future)]
            try:
                app = gigs.application_apply(shift_id=shift.pk, worker=self.workers[w], now=self.now)
                self.apps.append(app.pk)
                if app.status == "pending":
                    gigs.application_accept(application_id=app.pk, by=self.boss, now=self.now)
                gigs.check_in(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                              now=self._at(shift.start - datetime.timedelta(minutes=early)))
                gigs.check_out(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                               now=self._at(shift.end + datetime.timedelta(minutes=after_end)))
            except DomainError:
                return

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), early=st.integers(0, 29))
        def check_in(self, a, early):
            with suppress(DomainError):
                app = self._app(a, "accepted")
                gigs.check_in(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                              now=self._at(app.shift.start - datetime.timedelta(minutes=early)))

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), after_end=st.integers(-200, 240))
        def check_out(self, a, after_end):
            # Leaving early, on time, or staying up to 4 hours late (the over-stay hole).
            with suppress(DomainError):
                app = self._app(a, "checked_in")
                gigs.check_out(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                               now=self._at(app.shift.end + datetime.timedelta(minutes=after_end)))

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), minutes=st.integers(0, 300), extra=st.booleans(), hours_later=st.integers(0, 6))
        def confirm(self, a, minutes, extra, hours_later):
            with suppress(DomainError):
                app = self._app(a, "checked_in", "checked_out")
                gigs.application_confirm(application_id=app.pk, by=self.boss, minutes=minutes, approve_extra=extra,
                                         reason="少干了", now=self._at(self.now + datetime.timedelta(hours=hours_later)))

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), by_worker=st.booleans(), days_later=st.integers(0, 8))
        def dispute(self, a, by_worker, days_later):
            with suppress(DomainError):
                app = self._app(a, "checked_in", "checked_out", "no_show", "completed")
                gigs.application_dispute(application_id=app.pk, by=app.worker if by_worker else self.boss,
                                         now=self._at(self.now + datetime.timedelta(days=days_later)))

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), split=st.integers(0, 12_000))
        def settle(self, a, split):
            with suppress(DomainError):
                app = self._app(a, "disputed")
                gigs.dispute_settle(application_id=app.pk, by=self.advisor, worker_fen=split, now=self.now)
                self.decided.add(app.pk)

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50))
        def worker_accepts_fewer_hours(self, a):
            with suppress(DomainError):
                app = self._app(a, "completed")
                gigs.contest_accept(application_id=app.pk, worker=app.worker, now=self.now)

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50))
        def worker_withdraws(self, a):
            with suppress(DomainError):
                app = self._app(a, "pending", "accepted")
                gigs.application_cancel(application_id=app.pk, worker=app.worker, now=self.now)

        @precondition(lambda self: self.shifts)
        @rule(s=st.integers(0, 50))
        def employer_cancels_a_shift(self, s):
            try:
                gigs.shift_cancel(shift_id=self.shifts[s % len(self.shifts)], by=self.boss, now=self.now)
            except DomainError:
                pass

        @rule(hours=st.sampled_from([1, 6, 49, 60, 80, 200]))
        def time_passes(self, hours):
            later = self._at(self.now + datetime.timedelta(hours=hours))
            gigs.release_due_wages(now=later)
            gigs.release_contested_wages(now=later)
            gigs.refund_ended_shifts(now=later)

        @rule(w=st.integers(0, 2), amount=st.integers(1, 20_000))
        def payout(self, w, amount):
            try:
                wages.payout_request(user=self.workers[w], amount_fen=amount, idempotency_key=f"p{next(self.keys)}")
            except DomainError:
                pass

        @invariant()
        def books(self):
            if not hasattr(self, "workers"):
                return
            assert ledger_problems() == []
            for w in self.workers:
                earned = Application.objects.filter(worker=w).aggregate(s=Sum("wage_fen"))["s"] or 0
                fees = CancellationFee.objects.filter(worker=w).aggregate(s=Sum("amount_fen"))["s"] or 0
                paid = Payout.objects.filter(user=w).aggregate(s=Sum("amount_fen"))["s"] or 0
                assert balance(AccountKind.WORKER_AVAILABLE, w) == earned + fees - paid >= 0
            assert balance(AccountKind.EMPLOYER_ESCROW, self.org) >= 0
            for app in Application.objects.select_related("shift__gig").filter(pk__in=self.apps):
                gig, shift = app.shift.gig, app.shift
                booked = pay.booked_wage_fen(gig, shift)
                # Never more than the booked shift unless the employer approved (and funded) extra.
                assert (app.wage_fen or 0) <= booked + app.extra_fen
                # A paid application is never relabelled (e.g. cancelled) afterwards.
                if app.settled_at is not None:
                    self.paid.add(app.pk)
                if app.pk in self.paid:
                    assert app.status in ("completed", "disputed")
                if app.checked_in_at is None or app.status == "checked_in":
                    continue
                # What the worker earned: the record inside the booked shift (the whole shift when
                # the employer cancelled it after check-in). Paid or still held for them, unless
                # they agreed to less or a dispute decided.
                owed = pay.wage_fen(gig, shift, pay.recorded_minutes(app))
                if shift.cancelled_at is not None:
                    assert owed == booked
                if app.pk in self.decided or app.contest_accepted_at is not None:
                    continue
                if app.settled_at is not None:
                    assert (app.wage_fen or 0) + app.contested_fen >= owed
            # The escrow of each shift still covers every worked place not yet paid and every held part.
            for shift in Shift.objects.filter(pk__in=self.shifts):
                apps = Application.objects.filter(shift=shift, checked_in_at__isnull=False)
                unpaid = sum(shift.per_place_fen for a in apps if a.settled_at is None)
                assert shift.escrow_fen >= unpaid + sum(a.contested_fen for a in apps)

    Market.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None,
                                        suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.filter_too_much, HealthCheck.too_slow])
    Market.TestCase().runTest()
