"""One parser for money typed on pages (issue 10, hole 4): plain yuan, at most two decimals,
thousands separators in place, a sane bound; everything else a clear error, never a float."""

import pytest

from nuanxin.core.money import YuanField, format_yuan, parse_yuan, whole_yuan_to_fen, yuan_figure


@pytest.mark.parametrize("raw,fen", [
    ("50", 5000), ("50.5", 5050), ("50.05", 5005), ("0.01", 1), ("1,234.50", 123450), ("123,456", 12345600),
    (" 12 ", 1200), ("¥12", 1200), ("￥12.30", 1230), ("12元", 1200), ("５０．５", 5050), ("1000000", 100_000_000),
])
def test_amounts_people_type(raw, fen):
    assert parse_yuan(raw) == fen


@pytest.mark.parametrize("raw", [
    "", " ", "1e999990", "1E5", "NaN", "nan", "Infinity", "-Infinity", "inf", "-5", "+5", "0", "0.00", "0.001",
    "1,23", "12,34.5", "1.2.3", "1,,234", ",123", "12.", ".5", "0x10", "1_000", "五十", "50 元 5", "1" * 40,
    "1000000.01", "99999999999999999999", "١٢", None,
])
def test_everything_else_is_a_clear_error(raw):
    with pytest.raises(ValueError) as exc:
        parse_yuan(raw)
    assert str(exc.value)  # a message a page can show


def test_bounds_per_operation():
    assert parse_yuan("50000", max_fen=5_000_000) == 5_000_000
    with pytest.raises(ValueError):
        parse_yuan("50000.01", max_fen=5_000_000)


@pytest.mark.parametrize("fen,text", [
    (0, "¥0.00"), (1, "¥0.01"), (9600, "¥96.00"), (123450, "¥1,234.50"), (-900, "-¥9.00"),
    (100_000_000, "¥1,000,000.00"), (None, ""),
])
def test_shown_as_yuan_with_separators(fen, text):
    assert format_yuan(fen) == text
    if fen and fen > 0:
        assert format_yuan(fen, sign=True) == "+" + text


def test_the_form_field_cleans_to_fen_or_a_form_error():
    field = YuanField(max_fen=5_000_000)
    assert field.clean("1,234.50") == 123450
    from django import forms

    for bad in ("NaN", "1e999990", "-1"):
        with pytest.raises(forms.ValidationError):
            field.clean(bad)


@pytest.mark.parametrize("raw,says", [("-5", "above zero"), ("1,234.567", "two decimals"), ("0.001", "two decimals")])
def test_the_error_says_what_is_wrong(raw, says):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValueError, match=says):
        parse_yuan(raw)


def test_figures_in_running_text_and_whole_yuan_filters():
    assert [yuan_figure(f) for f in (3000, 2550, 2505, 1, 0, 1234567)] == ["30", "25.5", "25.05", "0.01", "0", "12345.67"]
    assert (whole_yuan_to_fen(None), whole_yuan_to_fen(0), whole_yuan_to_fen(25)) == (0, 0, 2500)
