"""The one door for an enrolment's status: core.workflow's machine over choices.TRANSITIONS,
so every change is checked against the map and leaves a history row (who, when, from, to,
why) in the same transaction. Moves are compare-and-set: the UPDATE names the status the
caller read, so two racing moves never both happen."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from nuanxin.bookings.choices import TRANSITIONS
from nuanxin.bookings.models import Enrollment, EnrollmentHistory
from nuanxin.core import workflow

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

ENROLMENTS = workflow.Machine(Enrollment, EnrollmentHistory, "enrollment", TRANSITIONS)


def enrollment_create(*, by: User | None, now: datetime.datetime, note: str = "", **fields) -> Enrollment:
    """A new enrolment (a seat, the waiting list or a draw entry) and its first history row."""
    return ENROLMENTS.create(by=by, now=now, note=note, **fields)


def enrollment_transition(e: Enrollment, to: str, *, by: User | None, now: datetime.datetime, note: str = "",
                          **changes) -> bool:
    """Move `e` from the status it was read with to `to` (see workflow.Machine.move); False if
    its status changed meanwhile."""
    return ENROLMENTS.move(e, to, by=by, now=now, note=note, **changes)


def enrollments_transition(moves: list[tuple[Enrollment, str]], *, by: User | None, now: datetime.datetime,
                           note: str = "", fields: tuple[str, ...] | list[str] = ()) -> None:
    """Many moves at once (a draw, a closed roll), under the session's lock held by the caller."""
    ENROLMENTS.move_many(moves, by=by, now=now, note=note, fields=fields)
