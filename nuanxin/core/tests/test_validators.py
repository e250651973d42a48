import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from nuanxin.core.validators import (
    USCC_ALPHABET,
    check_id_number,
    check_phone,
    check_uscc,
    id_number_check_char,
    uscc_check_char,
)


def make_id(region="320583", born=datetime.date(1990, 3, 7), seq="001"):
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + id_number_check_char(first17)


def test_published_id_number_example_passes():
    # GB 11643's worked example: 11010519491231002X.
    assert check_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("bad", [
    "",
    "1101051949123100",          # too short
    "11010519491231002Y",        # bad last char
    "110105194912310021",        # wrong checksum
    "991010199001010010",        # no such province
    make_id(born=datetime.date(1990, 2, 28))[:10] + "0230" + "0010",  # 30 February
])
def test_invalid_id_numbers_are_refused(bad):
    with pytest.raises(ValidationError):
        check_id_number(bad)


def test_future_birth_date_is_refused():
    number = make_id(born=datetime.date(2030, 1, 1))
    with pytest.raises(ValidationError):
        check_id_number(number, today=datetime.date(2026, 11, 29))


@given(
    born=st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2020, 12, 31)),
    seq=st.integers(0, 999),
    pos=st.integers(0, 16),
    delta=st.integers(1, 9),
)
def test_any_single_digit_change_is_caught(born, seq, pos, delta):
    number = make_id(born=born, seq=f"{seq:03d}")
    assert check_id_number(number) == number
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    # MOD 11-2 detects every single-digit error: the changed number must fail (checksum, or
    # the region/date checks that come first).
    with pytest.raises(ValidationError):
        check_id_number(changed)


@pytest.mark.parametrize("raw,clean", [
    ("13812345678", "13812345678"), ("+86 138 1234 5678", "13812345678"), ("0086-19912345678", "19912345678"),
])
def test_phone_numbers_are_normalised(raw, clean):
    assert check_phone(raw) == clean


@pytest.mark.parametrize("bad", ["", "12812345678", "1381234567", "138123456789", "abcdefghijk", "23812345678"])
def test_bad_phone_numbers_are_refused(bad):
    with pytest.raises(ValidationError):
        check_phone(bad)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "91320583MA1MA1MA1R"])
def test_real_credit_codes_pass(code):
    assert check_uscc(code.lower()) == code


@pytest.mark.parametrize("bad", ["91350100M000100Y44", "91350100M000100Y4", "9135010OM000100Y43", "ZZZZZZZZZZZZZZZZZZ"])
def test_bad_credit_codes_are_refused(bad):
    with pytest.raises(ValidationError):
        check_uscc(bad)


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 30))
def test_uscc_catches_any_single_character_change(first17, pos, delta):
    code = first17 + uscc_check_char(first17)
    assert check_uscc(code) == code
    c = USCC_ALPHABET[(USCC_ALPHABET.index(code[pos]) + delta) % 31]
    with pytest.raises(ValidationError):
        check_uscc(code[:pos] + c + code[pos + 1 :])
