"""The one door for an application's status: every change is checked against the transition
map (choices.TRANSITIONS) and leaves a history row (who, when, from, to, why) in the same
transaction, as core.workflow describes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from nuanxin.core import workflow
from nuanxin.gigs.choices import TRANSITIONS
from nuanxin.gigs.models import Application, ApplicationHistory

if TYPE_CHECKING:
    from nuanxin.accounts.models import User


def application_create(*, by: User | None, now: datetime.datetime, note: str = "", **fields) -> Application:
    """A new application (or an instant or auto-filled booking) and its first history row."""
    workflow.check_move(TRANSITIONS, None, fields["status"])
    app = Application.objects.create(**fields)
    ApplicationHistory.objects.create(application=app, by=by, at=now, to_status=app.status, note=note[:200])
    return app


def application_transition(app: Application, to: str, *, by: User | None, now: datetime.datetime,
                           note: str = "", fields: tuple[str, ...] | list[str] = ()) -> Application:
    """Move a (locked) application to `to`, saving `fields` already set on it with the status.
    `by` is None for timed work."""
    workflow.check_move(TRANSITIONS, app.status, to)
    ApplicationHistory.objects.create(application=app, by=by, at=now, from_status=app.status, to_status=to,
                                      note=note[:200])
    app.status = to
    app.save(update_fields=["status", *fields])
    return app
