"""Random sequences of deposits, publishes, applications, cancellations, confirmations,
auto-releases, disputes and payouts: after every step the books balance, nothing is
negative, and each worker's balance equals their settled wages minus their payouts."""

import datetime
import itertools

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from nuanxin.accounts import services as accounts
from nuanxin.accounts.models import Employer
from nuanxin.core.errors import DomainError
from nuanxin.gigs import services as gigs
from nuanxin.gigs.models import Application, CancellationFee
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload
from nuanxin.wages import services as wages
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Payout
from nuanxin.wages.selectors import balance, ledger_problems

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
                wages.payout_account_set(user=w, kind="wechat", number="wx-123456", holder="x")
            self.shifts, self.apps, self.now = [], [], timezone.now()
            # Start with money in the bank, so that most runs get to publishing and working.
            d = wages.deposit_create(by=self.boss, amount_fen=200_000, idempotency_key="opening")
            wages.deposit_confirm(deposit_id=d.pk)

        @rule(amount=st.integers(1, 60_000))
        def deposit(self, amount):
            d = wages.deposit_create(by=self.boss, amount_fen=amount, idempotency_key=f"d{next(self.keys)}")
            wages.deposit_confirm(deposit_id=d.pk)

        @rule(headcount=st.integers(1, 3), instant=st.booleans())
        def post_and_publish(self, headcount, instant):
            body = gig_payload(instant=instant)
            start = self.now + datetime.timedelta(minutes=10)
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

        @precondition(lambda self: self.apps)
        @rule(a=st.integers(0, 50), action=st.sampled_from(["work", "cancel", "confirm", "dispute", "settle"]),
              minutes=st.integers(0, 300), split=st.integers(0, 12_000))
        def act(self, a, action, minutes, split):
            app = Application.objects.get(pk=self.apps[a % len(self.apps)])
            try:
                if action == "work" and app.status == "accepted":
                    gigs.check_in(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                                  now=self.now)
                    gigs.check_out(application_id=app.pk, worker=app.worker, lat=GIG_POINT[0], lon=GIG_POINT[1],
                                   now=self.now)
                elif action == "cancel":
                    gigs.application_cancel(application_id=app.pk, worker=app.worker, now=self.now)
                elif action == "confirm":
                    gigs.application_confirm(application_id=app.pk, by=self.boss, hours=minutes / 60, now=self.now)
                elif action == "dispute":
                    gigs.application_dispute(application_id=app.pk, by=app.worker, now=self.now)
                elif action == "settle":
                    gigs.dispute_settle(application_id=app.pk, by=self.advisor, worker_fen=split, now=self.now)
            except DomainError:
                pass

        @precondition(lambda self: self.shifts)
        @rule(s=st.integers(0, 50))
        def employer_cancels_a_shift(self, s):
            try:
                gigs.shift_cancel(shift_id=self.shifts[s % len(self.shifts)], by=self.boss, now=self.now)
            except DomainError:
                pass

        @rule(hours=st.sampled_from([1, 6, 49]))
        def time_passes(self, hours):
            later = self.now + datetime.timedelta(hours=hours)
            gigs.release_due_wages(now=later)
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

    Market.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None,
                                        suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.filter_too_much, HealthCheck.too_slow])
    Market.TestCase().runTest()
