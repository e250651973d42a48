"""What a ledger reference is about, in words, without the ledger knowing the apps that use it.

Every transaction carries a reference "<prefix>:<id>" (e.g. "gigs.shift:12", "payout:7"). The
app that owns a prefix registers a describer at start-up, in its AppConfig.ready():

    register("gigs.shift", describe_shifts)

A describer takes a list of ids and returns, for each id it knows, a Subject: the group its
money is told under (one line per gig, however many shifts and workers), a title, and how many
people a hold for it pays. The wallet history asks each describer once per page, with every id
of its prefix, so a page of history costs one query per prefix, not one per line. Ids a
describer does not return (a deleted record) are shown by their reference alone.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nuanxin.core.validators import plain_id


@dataclass(frozen=True)
class Subject:
    group: str  # references with the same group are told as one line, e.g. "gigs.gig:7"
    title: str  # e.g. "快递分拣", or "银行卡 ****1234" for a payout
    people: int = 0  # the places a hold under this reference pays for (a shift's headcount)
    note: str = ""  # a word on its state, e.g. "on its way" for a payout not yet sent


Describer = Callable[[list[int]], dict[int, Subject]]

_describers: dict[str, Describer] = {}


def register(prefix: str, describe: Describer) -> None:
    """Tell the ledger how to describe references "<prefix>:<id>". Registering a prefix again
    replaces its describer (a reloaded app), never adds a second one."""
    if ":" in prefix or not prefix:
        raise ValueError(f"a reference prefix has no colon: {prefix!r}")
    _describers[prefix] = describe


def split(reference: str) -> tuple[str, int] | None:
    """("gigs.shift", 12) for "gigs.shift:12"; None for a reference of another shape."""
    prefix, sep, raw_id = (reference or "").partition(":")
    number = plain_id(raw_id) if sep else None
    return None if number is None else (prefix, number)


def describe(references: Iterable[str]) -> dict[str, Subject]:
    """The subject of every reference a registered describer knows, by reference."""
    ids_by_prefix: dict[str, set[int]] = defaultdict(set)
    for reference in references:
        parts = split(reference)
        if parts is not None and parts[0] in _describers:
            ids_by_prefix[parts[0]].add(parts[1])
    found: dict[str, Subject] = {}
    for prefix, ids in ids_by_prefix.items():
        for pk, subject in _describers[prefix](sorted(ids)).items():
            found[f"{prefix}:{pk}"] = subject
    return found
