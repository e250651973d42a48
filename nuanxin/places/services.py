"""Every change to service points: visits, and a station manager's edits of hours and amenities."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts.choices import Role
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role, require_role
from nuanxin.places.models import Amenity, OpeningHours, Place, Visit

# A second scan of the same station within this time is the same visit, not a new person-time.
VISIT_DEDUP = datetime.timedelta(minutes=30)


def visit_record(*, place_id: int, user, now: datetime.datetime | None = None) -> tuple[Visit, bool]:
    """Count a person-time at a place. Returns (visit, counted); a repeat scan is not counted."""
    require_role(user, Role.WORKER)
    now = now or timezone.now()
    with transaction.atomic():
        place = Place.objects.filter(pk=place_id).first()
        if place is None:
            raise NotFound()
        if not place.can_record_visit():
            raise Conflict(_("This place is not open yet."), code="place_not_open")
        recent = (
            Visit.objects.select_for_update()
            .filter(place=place, user=user, at__gt=now - VISIT_DEDUP)
            .order_by("-at")
            .first()
        )
        if recent is not None:
            return recent, False
        return Visit.objects.create(place=place, user=user, at=now), True


def _check_manager(place: Place, user) -> None:
    if not (has_role(user, Role.ADMIN) or place.managers.filter(pk=user.pk).exists()):
        raise PermissionDenied(_("Only this station's managers can change it."))


@transaction.atomic
def station_update(
    *, place_id: int, by, amenity_codes: list[str], is_24h: bool,
    weekly: dict[int, list[tuple[datetime.time, datetime.time]]],
) -> Place:
    """A station manager replaces their own station's amenities and weekly hours (nothing else)."""
    place = Place.objects.select_for_update().filter(pk=place_id).first()
    if place is None:
        raise NotFound()
    _check_manager(place, by)
    known = {a.code: a for a in Amenity.objects.filter(code__in=amenity_codes)}
    unknown = sorted(set(amenity_codes) - set(known))
    if unknown:
        raise InvalidInput(fields={"amenities": _("Unknown amenity: %(codes)s") % {"codes": ", ".join(unknown)}})
    for day, intervals in weekly.items():
        if not 0 <= day <= 6:
            raise InvalidInput(fields={"weekly": _("Weekdays are 0 (Monday) to 6 (Sunday).")})
        for opens, closes in intervals:
            if opens == closes and not (opens.hour == 0 and opens.minute == 0):
                raise InvalidInput(fields={f"day{day}": _("Opening and closing times are the same.")})
    place.amenities.set(known.values())
    place.is_24h = is_24h
    place.save(update_fields=["is_24h", "updated_at"])
    OpeningHours.objects.filter(place=place).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(place=place, weekday=day, opens=o, closes=c)
        for day, intervals in sorted(weekly.items()) for o, c in intervals
    )
    audit_log(actor=by, action="place.station_update", obj=place,
              detail={"amenities": sorted(known), "is_24h": is_24h})
    return place
