"""Regular expressions that staff type into the admin: checked before they are saved.

Python's `re` has no time limit, so one careless pattern such as `(a|aa)*b` could make every
posting check hang. A pattern is therefore refused unless it compiles, is short, cannot match
empty text, has no back-references, no unbounded repeats (`*`, `+`, `{n,}`: write `{0,20}`)
and no repeated group that itself contains a repeat; last, it is timed on long adversarial
texts built from its own characters, and refused if it would take too long on a long posting.
The structural limits keep the work polynomial; the timing catches the slow polynomials.
"""

import math
import re
import time
from re import _parser as sre_parse  # the parser behind re.compile (Python 3.11+)

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 4000
MAX_REPEAT = 50         # the largest {m,n} upper bound
MAX_GROUP_REPEAT = 10   # the largest upper bound on a repeated group (not a single character)
LONGEST_TEXT = 6000     # characters the timing guard extrapolates to (a long job ad, normalised)
SLOWEST = 0.2           # seconds a rule may take on the longest text

_SIMPLE = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.IN, sre_parse.ANY, sre_parse.CATEGORY}
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}


def _walk(items) -> bool:
    """Check a parsed pattern; True when it contains a repeat of more than one."""
    repeats = False
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            if high == sre_parse.MAXREPEAT or high > MAX_REPEAT:
                raise ValidationError(
                    _("Use a bounded repeat such as {0,20} instead of *, + or {n,} (at most {0,%(n)d})."),
                    params={"n": MAX_REPEAT}, code="unbounded")
            inner = _walk(sub)
            simple = len(sub) == 1 and sub[0][0] in _SIMPLE
            if high > 1 and not simple and (inner or high > MAX_GROUP_REPEAT):
                raise ValidationError(
                    _("A repeated group may not contain another repeat, and repeats at most %(n)d times."),
                    params={"n": MAX_GROUP_REPEAT}, code="nested")
            repeats = repeats or high > 1 or inner
        elif op is sre_parse.SUBPATTERN:
            repeats = _walk(av[3]) or repeats
        elif op is getattr(sre_parse, "ATOMIC_GROUP", None):
            repeats = _walk(av) or repeats
        elif op is sre_parse.BRANCH:
            for branch in av[1]:
                repeats = _walk(branch) or repeats
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            repeats = _walk(av[1]) or repeats
        elif op in (sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
            raise ValidationError(_("Back-references are not allowed."), code="backref")
    return repeats


def _literals(items, out: list[str]) -> None:
    for op, av in items:
        if op is sre_parse.LITERAL:
            out.append(chr(av))
        elif op in _REPEATS:
            _literals(av[2], out)
        elif op is sre_parse.SUBPATTERN:
            _literals(av[3], out)
        elif op is sre_parse.BRANCH:
            for branch in av[1]:
                _literals(branch, out)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            _literals(av[1], out)


def _probes(parsed, n: int) -> list[str]:
    chars: list[str] = []
    _literals(parsed, chars)
    alphabet = "".join(dict.fromkeys(chars)) or "a"
    return [
        (alphabet * (n // len(alphabet) + 1))[:n],
        "".join(c * 7 for c in alphabet * (n // (7 * len(alphabet)) + 1))[:n],
        ("1" + alphabet[:3]) * (n // 4),
        "a" * n,
    ]


def _time(compiled: re.Pattern, texts: list[str]) -> float:
    best = math.inf
    for _round in range(3):  # the fastest of three: other processes only ever add time
        start = time.perf_counter()
        for t in texts:
            for _m in compiled.finditer(t):
                pass
        best = min(best, time.perf_counter() - start)
    return best


def check_regex(value: str) -> re.Pattern:
    """The compiled pattern, or ValidationError saying what to change."""
    if len(value) > MAX_LENGTH:
        raise ValidationError(_("At most %(n)d characters."), params={"n": MAX_LENGTH}, code="too_long")
    try:
        parsed = sre_parse.parse(value)
        compiled = re.compile(value, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError) as e:
        raise ValidationError(_("Not a valid regular expression: %(error)s"), params={"error": e},
                              code="invalid") from None
    _walk(parsed)
    if compiled.fullmatch(""):
        raise ValidationError(_("The expression matches empty text, so it would match everything."),
                              code="empty")
    small, large = _time(compiled, _probes(parsed, 300)), _time(compiled, _probes(parsed, 600))
    if large > 0.002:
        # Doubling the text multiplies the time by 2**growth; below 1.5 it is linear plus noise.
        growth = math.log2(large / max(small, 1e-9))
        growth = 1.0 if growth < 1.5 else growth
        if large * (LONGEST_TEXT / 600) ** growth > SLOWEST:
            raise ValidationError(_("The expression is too slow on long texts; simplify it."), code="slow")
    return compiled


def validate_regex(value: str) -> None:
    """Model-field validator: see check_regex."""
    if value:
        check_regex(value)
