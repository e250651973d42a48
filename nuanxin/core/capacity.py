"""Places that run out: take and give back N of them by one conditional UPDATE, never
check-then-act, so no number of concurrent requests or server processes can oversell.

Any model with a pair of integer columns works (a shift's taken/headcount, a session's
taken/capacity, next a night's beds): the UPDATE only matches while `taken + count <= limit`,
and the row's own lock serialises the writers on PostgreSQL (SQLite's single writer does the
same), so the check and the change are one step.
"""

from django.db.models import F, QuerySet


def take(rows: QuerySet, *, taken: str = "taken", limit: str = "capacity", count: int = 1) -> bool:
    """Take `count` places on the row(s) `rows` selects; true if they were free (then taken)."""
    return bool(rows.filter(**{f"{taken}__lte": F(limit) - count}).update(**{taken: F(taken) + count}))


def release(rows: QuerySet, *, taken: str = "taken", count: int = 1) -> bool:
    """Give back `count` places; never below zero. True if the row had them to give back."""
    return bool(rows.filter(**{f"{taken}__gte": count}).update(**{taken: F(taken) - count}))
