"""Holding beds for nights: the no-double-booking guarantee.

A held night is a `BedNight` row, unique on (bed, night). To hold a stay we list the beds
that look free for every night, then insert the rows for the first candidate inside a
savepoint; if another request got there first the insert fails on the unique index (on
PostgreSQL it waits for that request to commit, then fails) and we try the next candidate.
Nothing is checked-then-acted on: the check is only a guess at which bed to try, and the
insert is the decision. Rows are inserted in (bed, night) order, so two stays that overlap
wait for each other in one order and cannot deadlock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from nuanxin.housing.choices import UNIT_FOR_SEX, UnitKind
from nuanxin.housing.models import Application, Bed, BedNight, Unit


def nights_of(first: datetime.date, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range(count)]


def _taken_beds(nights: list[datetime.date]):
    return BedNight.objects.filter(night__gte=nights[0], night__lte=nights[-1]).values("bed_id")


def _single_candidates(residence_ids: list[int], sex: str, nights: list[datetime.date], *, accessible: bool,
                       today: datetime.date) -> Iterator[list[int]]:
    beds = Bed.objects.filter(unit__residence_id__in=residence_ids, unit__kind=UNIT_FOR_SEX[sex], active=True)
    if accessible:
        beds = beds.filter(accessible=True)
    if nights[0] == today:  # a bed waiting for cleaning is fine for later nights, not tonight
        beds = beds.filter(needs_cleaning=False)
    beds = beds.exclude(pk__in=_taken_beds(nights))
    # Keep accessible beds for those who need them: others get them last.
    order = [*([] if accessible else ["accessible"]), "unit__residence_id", "unit__label", "label"]
    for bed_id in beds.order_by(*order).values_list("pk", flat=True):
        yield [bed_id]


def _family_candidates(residence_ids: list[int], size: int, nights: list[datetime.date], *,
                       today: datetime.date) -> Iterator[list[int]]:
    """Whole family units with room for everyone, none of whose beds is held those nights;
    the smallest unit that fits first, so big units stay for big families."""
    busy_units = Bed.objects.filter(pk__in=_taken_beds(nights)).values("unit_id")
    units = (Unit.objects.filter(residence_id__in=residence_ids, kind=UnitKind.FAMILY)
             .exclude(pk__in=busy_units)
             .annotate(n=Count("beds", filter=Q(beds__active=True)),
                       dirty=Count("beds", filter=Q(beds__needs_cleaning=True)))
             .filter(n__gte=size))
    if nights[0] == today:
        units = units.filter(dirty=0)
    for unit_id in units.order_by("n", "residence_id", "label").values_list("pk", flat=True):
        yield list(Bed.objects.filter(unit_id=unit_id, active=True).order_by("pk").values_list("pk", flat=True))


def _insert(app: Application, bed_ids: Iterable[int], nights: list[datetime.date]) -> bool:
    rows = [BedNight(bed_id=b, night=d, application_id=app.pk) for b in sorted(bed_ids) for d in nights]
    try:
        with transaction.atomic():  # a savepoint: a lost race undoes only this attempt
            BedNight.objects.bulk_create(rows)
        return True
    except IntegrityError:
        return False


def hold(app: Application, residence_ids: list[int], *, first: datetime.date, count: int,
         today: datetime.date) -> list[int] | None:
    """Hold beds for `app` for `count` nights from `first` in one of the residences: the bed
    ids held, or None when there is no free bed (or family unit) for all those nights."""
    nights = nights_of(first, count)
    if app.is_family:
        candidates = _family_candidates(residence_ids, app.party_size, nights, today=today)
    else:
        candidates = _single_candidates(residence_ids, app.sex, nights, accessible=app.needs_accessible, today=today)
    for bed_ids in candidates:
        if _insert(app, bed_ids, nights):
            return bed_ids
    return None


def hold_these(app: Application, bed_ids: list[int], *, first: datetime.date, count: int) -> bool:
    """Hold these beds (a staff member's choice, or the same beds for an extension)."""
    return _insert(app, bed_ids, nights_of(first, count))


def free(app: Application, *, from_night: datetime.date | None = None) -> int:
    """Give back the stay's nights (from `from_night` on): the number of bed-nights freed.
    Deleting rows is naturally once: a second call finds nothing to free."""
    rows = BedNight.objects.filter(application_id=app.pk)
    if from_night is not None:
        rows = rows.filter(night__gte=from_night)
    deleted, _by_model = rows.delete()
    return deleted


def held_beds(app: Application) -> list[int]:
    return sorted(set(BedNight.objects.filter(application_id=app.pk).values_list("bed_id", flat=True)))
