"""Auto-fill: offer a gig's open places to the best-matched available workers in one batch."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict
from nuanxin.gigs.choices import HOLDING, ApplicationStatus, GigStatus
from nuanxin.gigs.models import Application, Gig, ReliabilityRecord, Shift
from nuanxin.gigs.services.access import _own_gig
from nuanxin.gigs.services.applications import _take_place
from nuanxin.gigs.services.transitions import application_create, application_transition

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

AUTOFILL_RADIUS_M = 10_000


def _autofill_candidates(gig: Gig, shifts: list[Shift], now: datetime.datetime):
    from nuanxin.core import geo
    from nuanxin.gigs import matching

    applied: dict[int, set[int]] = {}
    pending: dict[tuple[int, int], int] = {}
    for app_id, worker_id, shift_id in Application.objects.filter(
        shift__in=shifts, status=ApplicationStatus.PENDING
    ).values_list("pk", "worker_id", "shift_id"):
        applied.setdefault(worker_id, set()).add(shift_id)
        pending[(worker_id, shift_id)] = app_id
    engaged = set(Application.objects.filter(shift__gig=gig, status__in=HOLDING).values_list("worker_id", flat=True))
    nearby: set[int] = set()
    cover = geo.cover_circle(gig.lat, gig.lon, AUTOFILL_RADIUS_M, resolutions=(7,))
    if cover is not None:
        nearby = accounts_selectors.autofill_workers_in_cells(cover[1])
    worker_ids = (set(applied) | nearby) - engaged
    if not worker_ids:
        return [], pending
    profiles = accounts_selectors.profiles_by_user(worker_ids)
    span_start, span_end = min(s.start for s in shifts), max(s.end for s in shifts)
    busy: dict[int, list] = {}
    for worker_id, start, end in Application.objects.filter(
        worker_id__in=worker_ids, status__in=HOLDING, shift__start__lt=span_end, shift__end__gt=span_start
    ).values_list("worker_id", "shift__start", "shift__end"):
        busy.setdefault(worker_id, []).append((start, end))
    kept = dict(Application.objects.filter(worker_id__in=worker_ids, status=ApplicationStatus.COMPLETED)
                .values("worker_id").annotate(n=Count("pk")).values_list("worker_id", "n"))
    missed: dict[int, int] = {}
    for record in ReliabilityRecord.objects.filter(worker_id__in=worker_ids):
        if record.counts:
            missed[record.worker_id] = missed.get(record.worker_id, 0) + 1
    week: dict[int, int] = {}
    for worker_id, minutes in Application.objects.filter(
        worker_id__in=worker_ids, status__in=(ApplicationStatus.CHECKED_OUT, ApplicationStatus.COMPLETED),
        shift__start__gte=matching.week_start(timezone.localtime(now)),
    ).values_list("worker_id", "worked_minutes"):
        week[worker_id] = week.get(worker_id, 0) + (minutes or 0)
    candidates = []
    for worker_id in sorted(worker_ids):
        profile = profiles.get(worker_id)
        candidates.append(matching.Candidate(
            worker_id=worker_id,
            point=profile.saved_point() if profile else None,
            skills=frozenset(profile.skills if profile else []),
            reliability=matching.reliability(kept.get(worker_id, 0), missed.get(worker_id, 0)),
            week_hours=week.get(worker_id, 0) // 60,
            busy=tuple(busy.get(worker_id, [])),
            only_shifts=frozenset(applied[worker_id]) if worker_id in applied and worker_id not in nearby else None,
        ))
    return candidates, pending


@transaction.atomic
def gig_autofill(*, gig_id: int, by: User, now: datetime.datetime | None = None) -> list[Application]:
    """Fill the gig's open places with the optimal batch assignment (gigs.matching) over the
    workers who applied and the workers near the gig who said they are available."""
    from nuanxin.gigs import matching

    now = now or timezone.now()
    gig = _own_gig(gig_id, by, lock=True)
    if gig.status != GigStatus.OPEN:
        raise Conflict(_("Publish the gig first."), code="gig_not_open")
    shifts = list(Shift.objects.select_for_update().filter(gig=gig, start__gt=now, cancelled_at__isnull=True))
    specs = [matching.ShiftSpec(s.pk, s.start, s.end, gig.lat, gig.lon, s.open_places, frozenset(gig.skills))
             for s in shifts if s.open_places > 0]
    if not specs:
        return []
    candidates, pending = _autofill_candidates(gig, shifts, now)
    result = matching.assign(candidates, specs)
    filled = []
    for i, j in result.pairs:
        worker_id, shift_id = candidates[i].worker_id, specs[j].shift_id
        if not _take_place(shift_id):
            continue
        app_id = pending.get((worker_id, shift_id))
        if app_id is not None:
            app = Application.objects.get(pk=app_id)
            app.decided_at, app.via_autofill = now, True
            application_transition(app, ApplicationStatus.ACCEPTED, by=by, now=now,
                                   fields=["decided_at", "via_autofill"])
        else:
            # An available worker may also have applied to another shift of this gig: that
            # application stays pending; this one is the booking.
            app = application_create(by=by, now=now, shift_id=shift_id, worker_id=worker_id,
                                     status=ApplicationStatus.ACCEPTED, via_autofill=True, decided_at=now)
        filled.append(app)
    audit_log(actor=by, action="gig.autofill", obj=gig,
              detail={"filled": len(filled), "open": sum(s.places for s in specs)})
    return filled


