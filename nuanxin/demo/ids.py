"""Made-up but well-formed resident ID numbers for demo and generated people: Kunshan's region
code, the birth date, a serial, and the right check character (core.validators)."""

import datetime
from collections import defaultdict

from nuanxin.core.validators import id_number_check_char

KUNSHAN = "320583"


class IdNumbers:
    """Distinct numbers: a serial per birth date, as the real ones are, skipping any in `taken`
    (numbers already in the database, when generating on top of other data)."""

    def __init__(self, taken: set[str] | None = None):
        self._serials: dict[datetime.date, int] = defaultdict(int)
        self._taken = taken or set()

    def for_birth(self, born: datetime.date) -> str:
        for _ in range(1000):
            self._serials[born] += 1
            first17 = f"{KUNSHAN}{born:%Y%m%d}{self._serials[born] % 1000:03d}"
            number = first17 + id_number_check_char(first17)
            if number not in self._taken:
                self._taken.add(number)
                return number
        raise ValueError(f"no ID numbers left for {born}")
