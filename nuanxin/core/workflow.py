"""State machines, one pattern for every app: a transition map, one check of a move, and a
history row for every change (who, when, from, to, why).

An app keeps its map beside its statuses (`choices.py`), subclasses `StatusHistory` with a
foreign key to what changes, and declares one `Machine` (model, history, map); its services
change a status only through the machine's `create`, `move` and `move_many`, each in the
caller's transaction, and show the rows with `history_out`. Cases was the first (its
`CaseEvent` keeps its own columns and uses `check_move` alone); applications and enrolments
use the machine, and housing's stays should too."""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nuanxin.core.errors import Conflict

# from-status → the statuses it may move to. None as a from-status is the creation.
Transitions = Mapping[str | None, Collection[str]]


def allowed_moves(transitions: Transitions, current: str | None) -> tuple[str, ...]:
    return tuple(transitions.get(current, ()))


def check_move(transitions: Transitions, current: str | None, to: str, *,
               message: Callable[[tuple[str, ...]], str] | None = None,
               code: str = "transition_not_allowed") -> None:
    """Refuse a move the map does not allow: a 409 that names the allowed statuses (in
    `fields["to"]`). `message` words the refusal from the allowed statuses."""
    allowed = allowed_moves(transitions, current)
    if to in allowed:
        return
    text = message(allowed) if message is not None else _("This cannot change from “%(from)s” to “%(to)s”.") % {
        "from": current or "-", "to": to}
    raise Conflict(text, code=code, fields={"to": ", ".join(allowed)})


class StatusHistory(models.Model):
    """One row per status change; apps subclass it with a foreign key to what changed.
    `by` is the person who moved it, or null for timed work and the system's own moves;
    `from_status` is blank for the creation."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=gettext_lazy("changed by"))
    at = models.DateTimeField(gettext_lazy("changed at"), default=timezone.now)
    from_status = models.CharField(gettext_lazy("from"), max_length=24, blank=True)
    to_status = models.CharField(gettext_lazy("to"), max_length=24)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    class Meta:
        abstract = True
        # The order the moves were written in: a pinned or replayed `at` never reorders them.
        ordering = ["id"]

    def __str__(self):
        return f"{self.from_status or '∅'}→{self.to_status}"


@dataclass(frozen=True)
class Machine:
    """One model's statuses: its transition map, its history model and the history's foreign
    key to it (`link`). Every move is compare-and-set: the UPDATE names the status the caller
    read, so two racing moves never both happen, and each move writes its history row in the
    same transaction. `by` is None for timed work and the system's own moves."""

    model: type[models.Model]
    history: type[StatusHistory]
    link: str
    transitions: Transitions

    def create(self, *, by, now, note: str = "", **fields) -> models.Model:
        """A new record and its first history row (from nothing to its status)."""
        check_move(self.transitions, None, fields["status"])
        obj = self.model.objects.create(**fields)
        self.history.objects.create(**{f"{self.link}_id": obj.pk}, by=by, at=now, to_status=obj.status,
                                    note=note[:200])
        return obj

    def move(self, obj, to: str, *, by, now, note: str = "", **changes) -> bool:
        """Move `obj` from the status it was read with to `to`, setting `changes` too, by one
        conditional UPDATE; False (and nothing written) if its status changed meanwhile. A
        "move" to the same status only sets `changes` and is no history."""
        before = obj.status
        if to != before:
            check_move(self.transitions, before, to)
        if not self.model.objects.filter(pk=obj.pk, status=before).update(status=to, **changes):
            return False
        if to != before:
            self.history.objects.create(**{f"{self.link}_id": obj.pk}, by=by, at=now, from_status=before,
                                        to_status=to, note=note[:200])
        obj.status = to
        for name, value in changes.items():
            setattr(obj, name, value)
        return True

    def move_many(self, moves: list[tuple[models.Model, str]], *, by, now, note: str = "",
                  fields: Collection[str] = ()) -> None:
        """Many moves at once (a draw, a closed roll) under a lock the caller holds: each
        checked against the map, then one bulk UPDATE of the status and `fields` already set on
        the objects, and one bulk INSERT of their history rows."""
        rows = []
        for obj, to in moves:
            check_move(self.transitions, obj.status, to)
            rows.append(self.history(**{f"{self.link}_id": obj.pk}, by=by, at=now, from_status=obj.status,
                                     to_status=to, note=note[:200]))
            obj.status = to
        self.model.objects.bulk_update([obj for obj, _to in moves], ["status", *fields])
        self.history.objects.bulk_create(rows)


SYSTEM = "system"
YOU = "you"


def actor_label(by_id: int | None, *, viewer_id: int | None, roles: Mapping[int, str],
                default: str = "staff") -> str:
    """Who moved it, as the viewer may read it: "system" (timed work), "you", or the actor's
    part ("worker", "employer", "organiser", …), never their name or phone."""
    if by_id is None:
        return SYSTEM
    if viewer_id is not None and by_id == viewer_id:
        return YOU
    return roles.get(by_id, default)


def history_out(rows: Iterable[StatusHistory], *, viewer_id: int | None, roles: Mapping[int, str]) -> list[dict]:
    """API.md's `"history": [{"status", "at", "by", "note"}]`, oldest first."""
    return [{"status": r.to_status, "at": r.at, "by": actor_label(r.by_id, viewer_id=viewer_id, roles=roles),
             "note": r.note} for r in rows]
