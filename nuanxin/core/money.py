"""Money as people type it and read it: yuan in, integer fen out; fen in, "¥1,234.50" out.

One parser for every form that takes an amount. It reads the text with a regular expression
and integer arithmetic only: `Decimal("1e999990")` or `float("nan")` never run, so no input
can tie up a server process or reach the ledger as a non-number. Accepted: plain yuan with
at most two decimals ("50", "50.5", "1234.50"), thousands separators in their right places
("1,234.50"), full-width digits and punctuation from Chinese keyboards ("５０．５"), a leading
¥/￥ and a trailing 元. Anything else is a ValueError whose message a page can show.
"""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FEN = 100_000_000  # one million yuan: the most any single movement may be

_AMOUNT = re.compile(r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?", re.ASCII)
_TOO_PRECISE = re.compile(r"[\d,]+\.\d{3,}", re.ASCII)
_MAX_CHARS = 32  # longer text is not an amount anyone typed


def parse_yuan(raw: str | None, *, max_fen: int = MAX_FEN, min_fen: int = 1) -> int:
    """The amount in fen, or ValueError with a message for the person who typed it."""
    text = unicodedata.normalize("NFKC", raw or "").strip()  # ５０．５ → 50.5, ￥ → ¥
    if len(text) > _MAX_CHARS:
        raise ValueError(_("Enter an amount in yuan, e.g. 50 or 50.50."))
    text = text.removeprefix("¥").removesuffix("元").strip()
    match = _AMOUNT.fullmatch(text)
    if match is None:
        if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
            raise ValueError(_("Enter an amount above zero."))
        if _TOO_PRECISE.fullmatch(text):
            raise ValueError(_("At most two decimals: yuan and fen, e.g. 50.25."))
        raise ValueError(_("Enter an amount in yuan, e.g. 50 or 50.50."))
    whole = match["whole"].replace(",", "")
    if len(whole) > 12:
        raise ValueError(_("At most %(max)s in one go.") % {"max": format_yuan(max_fen)})
    fen = int(whole) * 100 + int((match["frac"] or "").ljust(2, "0"))
    if fen < min_fen:
        raise ValueError(_("Enter at least %(min)s.") % {"min": format_yuan(min_fen)})
    if fen > max_fen:
        raise ValueError(_("At most %(max)s in one go.") % {"max": format_yuan(max_fen)})
    return fen


def format_yuan(fen: int | None, *, sign: bool = False) -> str:
    """12345 → '¥123.45', 123456789 → '¥1,234,567.89', -900 → '-¥9.00' (with sign=True, +¥9.00)."""
    if fen is None:
        return ""
    fen = int(fen)
    prefix = "-" if fen < 0 else ("+" if sign and fen > 0 else "")
    whole, cents = divmod(abs(fen), 100)
    return f"{prefix}¥{whole:,}.{cents:02d}"


def yuan_figure(fen: int) -> str:
    """The bare number of yuan for running text, no sign or symbol: 2550 → '25.5', 3000 → '30'."""
    whole, cents = divmod(int(fen), 100)
    return f"{whole}.{cents:02d}".rstrip("0") if cents else str(whole)


def whole_yuan_to_fen(yuan: int | None) -> int:
    """A whole number of yuan (a filter's 'at least' box) in fen; nothing typed is 0."""
    return (yuan or 0) * 100


def fen_for_minutes(rate_fen: int, minutes: int) -> int:
    """An hourly rate for whole minutes, rounded half up to the fen, in integers only."""
    return (rate_fen * minutes + 30) // 60


class YuanField(forms.CharField):
    """A form field that takes yuan as typed and cleans to integer fen."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": _MAX_CHARS})

    def __init__(self, *, max_fen: int = MAX_FEN, min_fen: int = 1, **kwargs):
        self.max_fen, self.min_fen = max_fen, min_fen
        kwargs.setdefault("help_text", gettext_lazy("In yuan, e.g. 50 or 1,234.50"))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_yuan(text, max_fen=self.max_fen, min_fen=self.min_fen)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
