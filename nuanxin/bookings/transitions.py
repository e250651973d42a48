"""The one door for an enrolment's status: every change is checked against the transition map
(choices.TRANSITIONS) and leaves a history row (who, when, from, to, why) in the same
transaction, as core.workflow describes. Moves are compare-and-set: the UPDATE names the
status the caller read, so two racing moves never both happen."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from nuanxin.bookings.choices import TRANSITIONS
from nuanxin.bookings.models import Enrollment, EnrollmentHistory
from nuanxin.core import workflow

if TYPE_CHECKING:
    from nuanxin.accounts.models import User


def enrollment_create(*, by: User | None, now: datetime.datetime, note: str = "", **fields) -> Enrollment:
    """A new enrolment (a seat, the waiting list or a draw entry) and its first history row."""
    workflow.check_move(TRANSITIONS, None, fields["status"])
    e = Enrollment.objects.create(**fields)
    EnrollmentHistory.objects.create(enrollment=e, by=by, at=now, to_status=e.status, note=note[:200])
    return e


def enrollment_transition(e: Enrollment, to: str, *, by: User | None, now: datetime.datetime, note: str = "",
                          **changes) -> bool:
    """Move `e` from the status it was read with to `to`, setting `changes` too, by one
    conditional UPDATE; False (and nothing written) if its status changed meanwhile. A "move"
    to the same status only sets `changes` and is no history. `by` is None for timed work."""
    before = e.status
    if to != before:
        workflow.check_move(TRANSITIONS, before, to)
    if not Enrollment.objects.filter(pk=e.pk, status=before).update(status=to, **changes):
        return False
    if to != before:
        EnrollmentHistory.objects.create(enrollment_id=e.pk, by=by, at=now, from_status=before, to_status=to,
                                         note=note[:200])
    e.status = to
    for name, value in changes.items():
        setattr(e, name, value)
    return True


def enrollments_transition(moves: list[tuple[Enrollment, str]], *, by: User | None, now: datetime.datetime,
                           note: str = "", fields: tuple[str, ...] | list[str] = ()) -> None:
    """Many moves at once (a draw, a closed roll), under the session's lock held by the caller:
    each checked against the map, then one bulk UPDATE of the status and `fields` already set
    on them, and one bulk INSERT of their history rows."""
    rows = []
    for e, to in moves:
        workflow.check_move(TRANSITIONS, e.status, to)
        rows.append(EnrollmentHistory(enrollment_id=e.pk, by=by, at=now, from_status=e.status, to_status=to,
                                      note=note[:200]))
        e.status = to
    Enrollment.objects.bulk_update([e for e, _to in moves], ["status", *fields])
    EnrollmentHistory.objects.bulk_create(rows)
