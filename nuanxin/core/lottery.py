"""The draw: a weighted random order of entries, fixed entirely by a seed.

Anyone can re-run a draw with nothing but Python's standard library:

    python -m nuanxin.core.lottery draw.json

where draw.json is the answer of GET /api/v1/sessions/{id}/draw (it holds the seed, the
entries with their weights and the published ranking). The program checks that the seed
matches the hash published before registration opened, recomputes the ranking and says
whether it matches.

Algorithm "nuanxin-draw-v1": entries are (ticket number, weight) with integer weights, sorted
by ticket number. Round r = 0, 1, 2, … picks one of the remaining entries with probability
weight / total remaining weight: x = int(HMAC-SHA256(key=seed, msg="nuanxin-draw-v1:<r>"))
mod total, and the entry whose cumulative-weight interval (in ticket order) contains x is
taken. Integers only, so every machine gets the same order. Arrival time plays no part: the
ticket numbers are just labels, and every label gets the same chance for the same weight.
"""

import hashlib
import hmac
import json
import sys

ALGORITHM = "nuanxin-draw-v1"


def commitment(seed: str) -> str:
    """What is published before the draw: SHA-256 of the seed's text."""
    return hashlib.sha256(seed.encode()).hexdigest()


def _uniform(seed: str, round_no: int, total: int) -> int:
    digest = hmac.new(seed.encode(), f"{ALGORITHM}:{round_no}".encode(), hashlib.sha256).digest()
    # 256 random bits reduced mod total: the bias is below total / 2**256, i.e. none.
    return int.from_bytes(digest, "big") % total


class _Fenwick:
    """Prefix sums of weights with O(log n) updates and search, for draws of thousands."""

    def __init__(self, weights: list[int]):
        self.n = len(weights)
        self.tree = [0] * (self.n + 1)
        for i, w in enumerate(weights, 1):
            self.tree[i] += w
            j = i + (i & -i)
            if j <= self.n:
                self.tree[j] += self.tree[i]
        self.step = 1 << max(self.n.bit_length() - 1, 0)

    def add(self, index: int, delta: int) -> None:
        i = index + 1
        while i <= self.n:
            self.tree[i] += delta
            i += i & -i

    def find(self, x: int) -> int:
        """The 0-based index whose cumulative interval contains x (0 <= x < total)."""
        pos, step = 0, self.step
        while step:
            nxt = pos + step
            if nxt <= self.n and self.tree[nxt] <= x:
                pos = nxt
                x -= self.tree[nxt]
            step >>= 1
        return pos


def rank(seed: str, entries: list[tuple[int, int]]) -> list[int]:
    """Every ticket, best first. entries: (ticket number, weight >= 1) in any order."""
    ordered = sorted(entries)
    if len({t for t, _w in ordered}) != len(ordered):
        raise ValueError("ticket numbers must be unique")
    if any(w < 1 for _t, w in ordered):
        raise ValueError("weights must be positive integers")
    weights = [int(w) for _t, w in ordered]
    tree, total = _Fenwick(weights), sum(weights)
    out = []
    for round_no in range(len(ordered)):
        i = tree.find(_uniform(seed, round_no, total))
        out.append(ordered[i][0])
        tree.add(i, -weights[i])
        total -= weights[i]
    return out


def verify(published: dict) -> list[str]:
    """Problems with a published draw (an empty list: it checks out)."""
    problems = []
    if published.get("algorithm", ALGORITHM) != ALGORITHM:
        problems.append(f"unknown algorithm {published.get('algorithm')!r}")
    if commitment(published["seed"]) != published["seed_hash"]:
        problems.append("the seed does not match the hash published before the draw")
    entries = [(int(e["ticket"]), int(e["weight"])) for e in published["entries"]]
    if rank(published["seed"], entries) != [int(t) for t in published["ranking"]]:
        problems.append("re-running the draw gives a different order")
    return problems


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as fh:
        published = json.load(fh)
    problems = verify(published)
    for p in problems:
        print("FAIL:", p)  # noqa: T201 - a command-line checker
    if not problems:
        print(f"OK: {len(published['ranking'])} entries, same order, seed matches its hash")  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
