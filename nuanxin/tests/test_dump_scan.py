"""A raw dump of the database holds no sensitive value in clear (issue 16): ID numbers,
payout accounts, children's names, ID numbers and birth dates, case narratives and notes,
health details and saved locations are planted through the services, then looked for, as
bytes, in the SQLite file itself and in `pg_dump`'s output."""

import datetime
import os
import shutil
import subprocess

import pytest
from django.db import connection

from nuanxin.accounts import services as accounts
from nuanxin.cases import services as cases
from nuanxin.conftest import kid_id
from nuanxin.core.validators import id_number_check_char
from nuanxin.wages import services as wages
from nuanxin.wages.tests.factories import CARD, REAL_NAME

WORKER_ID = "32058319880715003" + id_number_check_char("32058319880715003")  # made up, well formed
CHILD_BORN = datetime.date(2015, 2, 27)
CHILD_NAME = "欧阳小葵"
NARRATIVE = "老板拖欠三个月工资共计一万二千元"
NOTE = "已联系劳动监察大队核实拖欠情况"
HEALTH = "孩子有先天性心脏病需要定期复查"
PLACE = (31.38472, 120.95831)
CONTROL = "江西省上饶市鄱阳县"  # a hometown: not sensitive, kept in clear


def _plant(make_user) -> list[bytes]:
    worker = make_user("worker", name=REAL_NAME)
    accounts.profile_update(user=worker, data={"id_number": WORKER_ID, "saved_place": PLACE, "hometown": CONTROL})
    wages.payout_account_set(user=worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    accounts.child_add(parent=worker, name=CHILD_NAME, birth_date=CHILD_BORN, grade="g4", id_number=kid_id(CHILD_BORN))
    case = cases.case_open(type="rights", summary=NARRATIVE, by=worker, details={"issue": "wages"})
    cases.case_open(type="health", summary="想预约复查", by=worker, details={"symptoms": HEALTH})
    advisor = make_user("admin", username="scan-admin")
    cases.case_transition(case_id=case.pk, by=advisor, to="triaged", note=NOTE)
    card_digits = CARD.replace(" ", "")
    values = [WORKER_ID, card_digits, CARD, CHILD_NAME, kid_id(CHILD_BORN), CHILD_BORN.isoformat(), "2015-02-27",
              NARRATIVE, NOTE, HEALTH, f"{PLACE[0]}", f"{PLACE[1]}"]
    return [v.encode("utf-8") for v in values]


def _found(raw: bytes, planted: list[bytes]) -> list[str]:
    return [p.decode() for p in planted if p in raw]


@pytest.mark.django_db(transaction=True)
def test_no_planted_value_in_a_raw_dump(make_user, tmp_path):
    planted = _plant(make_user)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        name = connection.settings_dict["NAME"]
        raw = b"".join(open(path, "rb").read() for path in (name, f"{name}-wal") if os.path.exists(path))
    else:
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not installed")
        db = connection.settings_dict
        env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432),
               "PGUSER": db["USER"]}
        raw = subprocess.run(["pg_dump", "--format=plain", "--data-only", db["NAME"]],  # noqa: S603, S607
                             env=env, check=True, capture_output=True, timeout=300).stdout
    # The scan can see: the table names and a value kept in clear on purpose are there.
    assert b"core_auditentry" in raw and CONTROL.encode() in raw
    assert _found(raw, planted) == []
