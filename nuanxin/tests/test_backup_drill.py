"""The backup drill of docs/backup.md on PostgreSQL: pg_dump, pg_restore into an empty
database, then the same rows in every table and the wage ledger's own audit passing there."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from nuanxin.accounts import services as accounts
from nuanxin.gigs.tests.factories import employer  # noqa: F401 - fixture
from nuanxin.wages import services as wages
from nuanxin.wages.tests.factories import CARD, REAL_NAME, fund_worker, give_real_name

PROJECT = Path(__file__).resolve().parents[2]


def _conninfo(name: str) -> dict:
    db = connection.settings_dict
    return {"host": db["HOST"] or "127.0.0.1", "port": str(db["PORT"] or 5432), "user": db["USER"], "dbname": name}


def _counts(info: dict) -> dict[str, int]:
    with psycopg.connect(**info) as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [t for (t,) in cur.fetchall()]
        out = {}
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
            out[table] = cur.fetchone()[0]
        return out


@pytest.mark.django_db(transaction=True)
def test_backup_restore_drill(make_user, employer, tmp_path):  # noqa: F811 - the fixture
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("the drill is PostgreSQL's (pg_dump and pg_restore): the PostgreSQL run")
    # Money and personal data written through the services, as people would.
    _client, boss, _org = employer
    worker = give_real_name(make_user("worker"))
    wages.payout_account_set(user=worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    fund_worker(worker, 12_345)
    wages.payout_request(user=worker, amount_fen=10_000, idempotency_key="drill-1")
    accounts.token_issue(user=worker)

    source = _conninfo(connection.settings_dict["NAME"])
    env = {**os.environ, "PGHOST": source["host"], "PGPORT": source["port"], "PGUSER": source["user"]}
    dump = tmp_path / "nuanxin.dump"
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), source["dbname"]],  # noqa: S603, S607
                   env=env, check=True, capture_output=True, timeout=300)
    target = f"nuanxin_drill_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", target], env=env, check=True, capture_output=True, timeout=60)  # noqa: S603, S607
    try:
        restored = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",  # noqa: S603, S607
                                   "--exit-on-error", "-d", target, str(dump)],
                                  env=env, capture_output=True, text=True, timeout=300)
        assert restored.returncode == 0 and not restored.stderr.strip(), restored.stderr
        before, after = _counts(source), _counts(_conninfo(target))
        assert before == after and before["wages_entry"] > 0 and before["wages_payoutaccount"] == 1
        url = f"postgres://{source['user']}@{source['host']}:{source['port']}/{target}"
        checked = subprocess.run([sys.executable, "manage.py", "wages_audit"], cwd=PROJECT, capture_output=True,
                                 text=True, timeout=300,
                                 env={**os.environ, "DATABASE_URL": url, "NUANXIN_TESTING": "1", "LOG_LEVEL": "ERROR"})
        assert checked.returncode == 0, checked.stdout + checked.stderr
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", target],  # noqa: S603, S607
                       env=env, capture_output=True, timeout=60)
