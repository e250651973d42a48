"""Random sequences of ledger operations keep every invariant after every step."""

import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from nuanxin.accounts import services as accounts
from nuanxin.core.errors import Conflict
from nuanxin.wages import ledger, services
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Payout
from nuanxin.wages.selectors import balance, ledger_problems
from nuanxin.wages.tests.factories import CARD, REAL_NAME, give_real_name

_runs = itertools.count(1)  # examples share one test database: every run gets fresh people


@pytest.mark.django_db
def test_ledger_state_machine(django_db_blocker):
    class Ledger(RuleBasedStateMachine):
        @initialize()
        def people(self):
            self.n = next(_runs)
            self.workers = [accounts.user_create(phone=f"136{self.n:04d}{i:04d}", roles=("worker",)) for i in range(2)]
            for w in self.workers:
                give_real_name(w)
                services.payout_account_set(user=w, kind="bank_card", number=CARD, holder=REAL_NAME)
            self.wages = {w.pk: 0 for w in self.workers}
            self.paid = {w.pk: 0 for w in self.workers}
            self.keys = 0

        @rule(i=st.integers(0, 1), amount=st.integers(1, 50_000), repeat=st.integers(1, 3))
        def wage_arrives(self, i, amount, repeat):
            w = self.workers[i]
            self.keys += 1
            for _ in range(repeat):  # a retried call moves money once
                ledger.transfer(key=f"w{self.n}-{self.keys}", kind="wage", source=ledger.account(AccountKind.WORLD),
                                target=ledger.account(AccountKind.WORKER_AVAILABLE, w), amount_fen=amount)
            self.wages[w.pk] += amount

        @rule(i=st.integers(0, 1), amount=st.integers(1, 80_000), repeat=st.integers(1, 3))
        def payout(self, i, amount, repeat):
            w = self.workers[i]
            self.keys += 1
            for _ in range(repeat):
                try:
                    services.payout_request(user=w, amount_fen=amount, idempotency_key=f"p{self.n}-{self.keys}")
                except Conflict:
                    assert amount > self.wages[w.pk] - self.paid[w.pk]
                    return
            self.paid[w.pk] += amount

        @rule()
        def settle_payouts(self):
            for p in Payout.objects.filter(status="requested"):
                services.payout_settle(payout_id=p.pk)

        @invariant()
        def books_balance(self):
            if not hasattr(self, "workers"):
                return
            assert ledger_problems() == []
            for w in self.workers:
                assert balance(AccountKind.WORKER_AVAILABLE, w) == self.wages[w.pk] - self.paid[w.pk] >= 0

    Ledger.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None,
                                        suppress_health_check=[HealthCheck.function_scoped_fixture])
    Ledger.TestCase().runTest()
