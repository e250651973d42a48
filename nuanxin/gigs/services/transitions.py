"""The one door for an application's status: core.workflow's machine over choices.TRANSITIONS,
so every change is checked against the map and leaves a history row (who, when, from, to,
why) in the same transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from nuanxin.core import workflow
from nuanxin.core.errors import Conflict
from nuanxin.gigs.choices import TRANSITIONS
from nuanxin.gigs.models import Application, ApplicationHistory

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

APPLICATIONS = workflow.Machine(Application, ApplicationHistory, "application", TRANSITIONS)


def application_create(*, by: User | None, now: datetime.datetime, note: str = "", **fields) -> Application:
    """A new application (or an instant or auto-filled booking) and its first history row."""
    return APPLICATIONS.create(by=by, now=now, note=note, **fields)


def application_transition(app: Application, to: str, *, by: User | None, now: datetime.datetime,
                           note: str = "", fields: tuple[str, ...] | list[str] = ()) -> Application:
    """Move an application (locked by the caller) to `to`, saving `fields` already set on it
    with the status. `by` is None for timed work."""
    if not APPLICATIONS.move(app, to, by=by, now=now, note=note, **{f: getattr(app, f) for f in fields}):
        # Callers hold the application's row lock, so this is a race the lock did not cover.
        raise Conflict(_("This shift changed meanwhile: look again and retry."), code="conflict")
    return app
