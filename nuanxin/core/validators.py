"""Validators for Chinese identifiers: resident ID (GB 11643), mobile numbers, USCC (GB 32100).

Each `check_*` returns the normalised value or raises django's ValidationError with a
plain-words message; the same functions serve API schemas, forms and services.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: weights 2^(17-i) mod 11 and the MOD 11-2 check character table.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province-level codes (GB/T 2260 first two digits), incl. 71 Taiwan, 81 Hong Kong, 82 Macao.
_PROVINCES = {
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
}
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_number_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def check_id_number(value: str, *, today: datetime.date | None = None) -> str:
    """An 18-digit resident ID: format, province, a real birth date not in the future, checksum."""
    v = (value or "").strip().upper().replace(" ", "")
    if not _ID_RE.match(v):
        raise ValidationError(_("An ID number has 18 characters: 17 digits, then a digit or X."))
    if int(v[:2]) not in _PROVINCES:
        raise ValidationError(_("The first digits of this ID number are not a valid region."))
    try:
        born = datetime.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date in this ID number does not exist.")) from None
    today = today or datetime.date.today()  # noqa: DTZ011 - a calendar date, zone irrelevant at day scale
    if born > today or born.year < 1900:
        raise ValidationError(_("The birth date in this ID number is not possible."))
    if id_number_check_char(v[:17]) != v[17]:
        raise ValidationError(_("This ID number's last character does not match; please check it."))
    return v


def id_number_birth_date(value: str) -> datetime.date:
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def check_phone(value: str) -> str:
    """A mainland mobile number, 11 digits starting 13–19; +86 / 0086 and spaces are dropped."""
    v = re.sub(r"[\s-]", "", value or "")
    if v.startswith("+86"):
        v = v[3:]
    elif v.startswith("0086"):
        v = v[4:]
    if not _PHONE_RE.match(v):
        raise ValidationError(_("A mobile number has 11 digits and starts with 1, e.g. 13812345678."))
    return v


# GB 32100-2015: 31-character alphabet (no I, O, Z, S, V) and the MOD 31-3 check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(value: str) -> str:
    """A Unified Social Credit Code: 18 characters from the GB 32100 alphabet, MOD 31-3 check."""
    v = (value or "").strip().upper().replace(" ", "")
    if not _USCC_RE.match(v):
        raise ValidationError(
            _("A Unified Social Credit Code has 18 letters and digits (no I, O, Z, S or V).")
        )
    if uscc_check_char(v[:17]) != v[17]:
        raise ValidationError(_("This credit code's last character does not match; please check it."))
    return v


def check_lat(value: float) -> float:
    if not -90.0 <= value <= 90.0:
        raise ValidationError(_("Latitude must be between -90 and 90."))
    return value


def check_lon(value: float) -> float:
    if not -180.0 <= value <= 180.0:
        raise ValidationError(_("Longitude must be between -180 and 180."))
    return value


FIRST_YEAR, LAST_YEAR = 1900, 2100


def check_sane_year(value):
    """A date or time between 1900 and 2100. Beyond that nothing here means anything, and
    9999-12-31 plus a day (or its time zone) overflows Python's dates: a clear refusal instead."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(_("Give a date between the years %(first)d and %(last)d."),
                              code="date_range", params={"first": FIRST_YEAR, "last": LAST_YEAR})
    return value


def plain_id(raw, *, max_digits: int = 18) -> int | None:
    """A positive whole number typed in ASCII digits, or None. str.isdigit() alone also takes
    "²" and "٣", which int() then refuses with an exception (issue 16: a 500 from child_id=²)."""
    raw = str(raw or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > max_digits:
        return None
    return int(raw) or None
