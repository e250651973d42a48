"""Benchmark: wage settlements per second, against a raw SQL insert of the same rows.

A settlement is one ledger transaction (escrow → worker, the rest back to the employer)
under an idempotency key, with conditional balance updates. The baseline inserts the same
transaction and entry rows with plain SQL and no checks, in the same run, on the same
database; the ratio says what the guarantees cost.

    make bench            # or: .venv/bin/python bench/wages.py --settlements 2000
"""

import argparse
import tempfile
import time

from common import setup_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settlements", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_env(tmp)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, transaction

        from nuanxin.accounts.models import Employer, User
        from nuanxin.wages import ledger, services
        from nuanxin.wages.choices import AccountKind
        from nuanxin.wages.models import Entry, LedgerTransaction
        from nuanxin.wages.selectors import ledger_problems

        call_command("migrate", verbosity=0)
        run = f"{time.time_ns()}"  # keys and people of this run only: a bench database may be reused
        org = Employer.objects.create(name="bench", uscc=f"B{run}"[:18], contact_name="x", contact_phone="13900000001",
                                      status="verified")
        workers = [User.objects.create_user(username=f"bench-{run}-{i}") for i in range(100)]
        n = args.settlements
        ledger.transfer(key=f"bench-deposit:{run}", kind="deposit", source=ledger.account(AccountKind.WORLD),
                        target=ledger.account(AccountKind.EMPLOYER_AVAILABLE, org), amount_fen=n * 20_000)
        services.escrow_hold(employer=org, amount_fen=n * 12_000, key=f"bench-hold:{run}")
        # Accounts exist before timing, as they would in a running city.
        for w in workers:
            ledger.account(AccountKind.WORKER_AVAILABLE, w)

        t = time.perf_counter()
        for i in range(n):
            with transaction.atomic():
                services.escrow_settle(employer=org, held_fen=12_000, payee=workers[i % 100], pay_fen=9_000 + i % 3000,
                                       key=f"bench-wage:{run}:{i}")
        t_ledger = time.perf_counter() - t
        books = ledger_problems()  # checked before the raw rows, which skip balances on purpose

        acc_ids = [ledger.account(AccountKind.EMPLOYER_ESCROW, org).pk, ledger.account(AccountKind.EMPLOYER_AVAILABLE, org).pk,
                   ledger.account(AccountKind.WORKER_AVAILABLE, workers[0]).pk]
        tx_table, entry_table = LedgerTransaction._meta.db_table, Entry._meta.db_table
        t = time.perf_counter()
        with connection.cursor() as cur:
            for i in range(n):
                with transaction.atomic():
                    cur.execute(f"INSERT INTO {tx_table} (idempotency_key, payload_hash, kind, reference, memo, created_at) "  # noqa: S608
                                "VALUES (%s, '', 'raw', '', '', CURRENT_TIMESTAMP)", [f"raw:{run}:{i}"])
                    cur.execute(f"SELECT id FROM {tx_table} WHERE idempotency_key = %s", [f"raw:{run}:{i}"])  # noqa: S608
                    tx_id = cur.fetchone()[0]
                    cur.executemany(f"INSERT INTO {entry_table} (transaction_id, account_id, amount_fen) VALUES (%s, %s, %s)",  # noqa: S608
                                    [(tx_id, acc_ids[0], -12_000), (tx_id, acc_ids[1], 3_000), (tx_id, acc_ids[2], 9_000)])
        t_raw = time.perf_counter() - t
        print(f"Wage settlements on {connection.vendor}: {n} each way")
        print(f"  ledger (idempotency key, conditional balance updates): {n / t_ledger:8.0f} settlements/s")
        print(f"  raw SQL insert of the same rows, no checks:            {n / t_raw:8.0f} settlements/s")
        print(f"  RATIO ledger/raw = {t_raw / t_ledger:.2f}")
        print(f"  ledger invariants after the ledger run: {'ok' if not books else books[:3]}")


if __name__ == "__main__":
    main()
