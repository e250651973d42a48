"""Six-digit codes: always six digits, leading zeros kept, and not the same twice in a row."""

import re

from nuanxin.core.codes import six_digits


def test_six_digits():
    codes = [six_digits() for _ in range(2000)]
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert len(set(codes)) > 1900  # a million values: repeats in 2000 draws are rare
    assert any(c.startswith("0") for c in codes)  # about 200 expected: zeros are kept
