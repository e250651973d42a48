"""Building blocks for wallet tests: workers with their real name on file, wages that arrived."""

import datetime
import itertools

import pytest

from nuanxin.accounts import services as accounts
from nuanxin.core.validators import id_number_check_char
from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind

_serial = itertools.count(1)
REAL_NAME = "李娜"
CARD = "6222 0212 3456 7894"  # 16 digits, Luhn check digit right


def id_number() -> str:
    """A valid, never repeated resident ID number (Kunshan, born 1988 onwards)."""
    n = next(_serial)
    born = datetime.date(1988, 1, 1) + datetime.timedelta(days=n // 999)
    first17 = f"320583{born:%Y%m%d}{n % 999 + 1:03d}"
    return first17 + id_number_check_char(first17)


def give_real_name(user, name: str = REAL_NAME):
    """A name and an ID number in the worker's profile, through the profile service (PUT /me/profile)."""
    accounts.profile_update(user=user, data={"name": name, "id_number": id_number()})
    return user


def fund_worker(user, amount_fen: int, key: str = "") -> None:
    """Wages that arrived for a worker (the gig settlement posts these)."""
    ledger.transfer(key=key or f"test-wage-{user.pk}-{amount_fen}", kind="wage",
                    source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=amount_fen)


@pytest.fixture
def named_worker(make_user):
    """A worker whose real name (李娜) and ID number are on file."""
    return give_real_name(make_user("worker"))
