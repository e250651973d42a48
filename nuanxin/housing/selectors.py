"""Every read of warm residences: residences with their free beds, one person's stays, the
review queue in its published order, a residence's day and its occupancy calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nuanxin.core import figures, geo, lottery
from nuanxin.core.towns import Town
from nuanxin.housing import choices
from nuanxin.housing.choices import Status
from nuanxin.housing.models import Application, Bed, BedNight, Draw, Residence, Unit

if TYPE_CHECKING:
    from nuanxin.accounts.models import User


def residence(residence_id: int) -> Residence | None:
    return Residence.objects.select_related("place").filter(pk=residence_id).first()


def accepting_residence_ids(*, town: str) -> list[int]:
    rows = Residence.objects.filter(accepting=True, place__status="open")
    if town:
        rows = rows.filter(place__town=town)
    return list(rows.order_by("pk").values_list("pk", flat=True))


@dataclass
class ResidenceRow:
    residence: Residence
    beds: int
    free_tonight: int
    units: int
    distance_m: float | None = None


def _counts(ids: list[int], night: datetime.date) -> dict[int, tuple[int, int, int]]:
    """(units, beds in use, beds held that night) per residence."""
    beds = dict(Bed.objects.filter(unit__residence_id__in=ids, active=True).values("unit__residence_id")
                .annotate(n=Count("pk")).values_list("unit__residence_id", "n"))
    units = dict(Residence.objects.filter(pk__in=ids).annotate(n=Count("units")).values_list("pk", "n"))
    held = dict(BedNight.objects.filter(night=night, bed__unit__residence_id__in=ids, bed__active=True)
                .values("bed__unit__residence_id").annotate(n=Count("pk"))
                .values_list("bed__unit__residence_id", "n"))
    return {i: (units.get(i, 0), beds.get(i, 0), held.get(i, 0)) for i in ids}


def residences_search(*, near: tuple[float, float] | None = None, town: str = "", night: datetime.date,
                      radius_m: float | None = None) -> list[ResidenceRow]:
    """Residences taking applications, nearest first when a point is given, each with its beds
    and how many are free that night."""
    rows = Residence.objects.select_related("place").filter(accepting=True, place__status="open")
    if town:
        rows = rows.filter(place__town=town)
    if near is not None:
        # A city has tens of residences, not thousands: measure each exactly.
        measured = [(r, geo.haversine_m(near[0], near[1], r.place.lat, r.place.lon)) for r in rows]
        ordered = sorted(((r, d) for r, d in measured if radius_m is None or d <= radius_m),
                         key=lambda rd: (rd[1], rd[0].pk))
    else:
        # In the towns' own order (the town picker's), not by their codes' spelling.
        town_order = {code: i for i, code in enumerate(Town.values)}
        ordered = [(r, None) for r in sorted(rows, key=lambda r: (town_order.get(r.place.town, 99), r.pk))]
    counts = _counts([r.pk for r, _d in ordered], night)
    out = []
    for r, d in ordered:
        units, beds, held = counts[r.pk]
        out.append(ResidenceRow(r, beds=beds, free_tonight=max(0, beds - held), units=units, distance_m=d))
    return out


def residence_row_at_place(place_id: int, night: datetime.date) -> ResidenceRow | None:
    residence_id = Residence.objects.filter(place_id=place_id).values_list("pk", flat=True).first()
    return None if residence_id is None else residence_row(residence_id, night)


def residence_row(residence_id: int, night: datetime.date) -> ResidenceRow | None:
    r = residence(residence_id)
    if r is None:
        return None
    units, beds, held = _counts([r.pk], night)[r.pk]
    return ResidenceRow(r, beds=beds, free_tonight=max(0, beds - held), units=units)


# --- one person's -----------------------------------------------------------------------------------


def open_application_of(user: User) -> Application | None:
    return Application.objects.filter(applicant=user, status__in=choices.OPEN).first()


def applications_of(user: User) -> QuerySet:
    return (Application.objects.filter(applicant=user)
            .select_related("residence__place", "bed__unit", "unit", "advice_place", "applicant")
            .prefetch_related("children").order_by("-id"))


def application_for(user: User, app_id: int, *, may_manage) -> Application | None:
    """The applicant's own, or one the staff member may manage; anyone else's is not found."""
    app = (Application.objects.select_related("residence__place", "bed__unit", "unit", "advice_place", "applicant")
           .filter(pk=app_id).first())
    if app is None:
        return None
    if app.applicant_id == user.pk or may_manage(user, app.residence):
        return app
    return None


def history_of(app: Application) -> list:
    return list(app.history.all())


def staff_notes(app: Application) -> list:
    """What staff wrote to the person about this stay: why it was turned down, why it was
    extended (an extension is a history row whose status did not change)."""
    rows = app.history.exclude(by=None).exclude(by_id=app.applicant_id).exclude(note="")
    return [r for r in rows if r.to_status == Status.REJECTED or r.from_status == r.to_status]


def beds_of(app: Application) -> list[Bed]:
    ids = BedNight.objects.filter(application_id=app.pk).values("bed_id")
    return list(Bed.objects.filter(pk__in=ids).select_related("unit").order_by("pk"))


def application_id_by_code(code: str, *, residence_id: int | None, day: datetime.date) -> int | None:
    rows = Application.objects.filter(code=code.strip(), status=Status.ALLOCATED, check_in=day)
    if residence_id:
        rows = rows.filter(residence_id=residence_id)
    return rows.values_list("pk", flat=True).first()


# --- staff ----------------------------------------------------------------------------------------------


def residences_managed(user, *, may_manage) -> list[Residence]:
    return [r for r in Residence.objects.select_related("place").order_by("place__town", "pk")
            if may_manage(user, r)]


def queue(*, residence_ids: list[int] | None = None) -> QuerySet:
    rows = Application.objects.filter(status__in=choices.IN_QUEUE).select_related("residence__place", "applicant")
    if residence_ids is not None:
        rows = rows.filter(Q(residence_id__in=residence_ids) | Q(residence__isnull=True))
    return rows.order_by("check_in", "priority", "pk")


def draw_of(night: datetime.date) -> Draw | None:
    return Draw.objects.filter(night=night).first()


def review_order(night: datetime.date, *, reveal: bool = False, now: datetime.datetime | None = None) -> list:
    """One check-in day's queue in its published order: priority class first, then the day's
    committed-seed draw over application ids (core.lottery, weight 1 each)."""
    apps = list(Application.objects.filter(status__in=choices.IN_QUEUE, check_in=night))
    draw = draw_of(night)
    if draw is None or not apps:
        return sorted(apps, key=lambda a: (a.priority, a.pk))
    if reveal and draw.revealed_at is None:
        Draw.objects.filter(pk=draw.pk, revealed_at=None).update(revealed_at=now or timezone.now())
    order = {ticket: i for i, ticket in enumerate(lottery.rank(draw.seed, [(a.pk, 1) for a in apps]))}
    return sorted(apps, key=lambda a: (a.priority, order[a.pk]))


def day_sheet(residence_id: int, day: datetime.date) -> dict:
    """A residence's day: who is still to arrive (kept beds starting today, not yet checked
    in), who is due to leave, who is staying, and the beds waiting for cleaning."""
    base = Application.objects.filter(residence_id=residence_id).select_related("applicant", "bed__unit", "unit")
    arrivals = list(base.filter(status=Status.ALLOCATED, check_in=day).order_by("pk"))
    staying = list(base.filter(status=Status.CHECKED_IN).order_by("check_in", "pk"))
    leaving = [a for a in staying if a.check_out <= day + datetime.timedelta(days=1)]
    dirty = list(Bed.objects.filter(unit__residence_id=residence_id, needs_cleaning=True).select_related("unit"))
    return {"arrivals": arrivals, "leaving": leaving, "staying": staying, "dirty": dirty}


def occupancy(residence_id: int, first: datetime.date, days: int) -> list[tuple[datetime.date, int, int]]:
    """(night, beds held, beds in use) for each night from `first`: the occupancy calendar."""
    beds = Bed.objects.filter(unit__residence_id=residence_id, active=True).count()
    last = first + datetime.timedelta(days=days - 1)
    held = dict(BedNight.objects.filter(bed__unit__residence_id=residence_id, night__gte=first, night__lte=last)
                .values("night").annotate(n=Count("pk")).values_list("night", "n"))
    return [(d, held.get(d, 0), beds) for d in (first + datetime.timedelta(days=i) for i in range(days))]


def forfeit_due_ids(day: datetime.date) -> list[int]:
    return list(Application.objects.filter(status=Status.ALLOCATED, check_in__lt=day).values_list("pk", flat=True))


def check_out_due_ids(day: datetime.date) -> list[int]:
    """Guests staying whose last morning has passed (check_out < today)."""
    rows = Application.objects.filter(status=Status.CHECKED_IN, check_in__lt=day).only("check_in", "nights")
    return [a.pk for a in rows if a.check_out < day]


def waitlisted_for(residence_id: int, day: datetime.date) -> list[Application]:
    """Waiting requests that this residence could serve (asked for it, or for its town or any)."""
    r = residence(residence_id)
    rows = Application.objects.filter(status=Status.WAITLISTED, check_in__gte=day).filter(
        Q(residence_id=residence_id) | Q(residence__isnull=True, town__in=["", r.place.town if r else ""]))
    return list(rows.order_by("check_in", "priority", "pk")[:50])


def application_history(app: Application, *, viewer) -> list[dict]:
    """The stay's status changes, oldest first; who moved it as the viewer may read it
    ("you", "worker", "staff", "system")."""
    from nuanxin.core import workflow

    return workflow.history_out(app.history.all(), viewer_id=viewer.pk, roles={app.applicant_id: "worker"})


def queue_at(residence: Residence) -> list[Application]:
    """Requests waiting for review or on the waiting list that this residence may serve: asked
    for it, or for its town, or for any residence; by check-in day, then priority."""
    rows = (Application.objects.filter(status__in=choices.IN_QUEUE)
            .filter(Q(residence_id=residence.pk) | Q(residence__isnull=True, town__in=["", residence.place.town]))
            .select_related("applicant", "residence__place", "bed__unit", "unit", "advice_place")
            .prefetch_related("children"))
    return list(rows.order_by("check_in", "priority", "pk"))


def appeals_pending(residence_id: int) -> list[Application]:
    """Missed check-ins at this residence whose guest has appealed and waits for an answer."""
    rows = Application.objects.filter(residence_id=residence_id, appeal_status=choices.AppealStatus.PENDING)
    return list(rows.select_related("applicant", "residence__place", "bed__unit", "unit", "advice_place")
                .prefetch_related("children").order_by("check_in", "pk"))


def manages_any_residence(user) -> bool:
    """Whether the user is a manager of some residence's place (a cheap test for the menus)."""
    return bool(getattr(user, "is_authenticated", False)) and Residence.objects.filter(place__managers=user).exists()


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard: units and beds in use (the target counts units), nights slept in
    the window (all, and those placed by the rescue station), and tonight's unmet demand:
    people on the waiting list and residences with no free bed."""
    town = "bed__unit__residence__place__town"
    nights = BedNight.objects.filter(night__gte=window.first_day, night__lte=window.last_day)
    tonight = timezone.localtime(window.now).date()
    beds = dict(Bed.objects.filter(active=True).values("unit__residence_id").annotate(n=Count("pk"))
                .values_list("unit__residence_id", "n"))
    held = dict(BedNight.objects.filter(night=tonight, bed__active=True).values("bed__unit__residence_id")
                .annotate(n=Count("pk")).values_list("bed__unit__residence_id", "n"))
    full = [rid for rid, n in beds.items() if held.get(rid, 0) >= n]
    return {
        "residence_units": figures.by_town(Unit.objects.all(), "residence__place__town"),
        "residence_beds": figures.by_town(Bed.objects.filter(active=True), "unit__residence__place__town"),
        "bed_nights": figures.by_town(nights, town),
        "shelter_nights": figures.by_town(nights.filter(application__referral=choices.Referral.RESCUE), town),
        "housing_waitlisted_now": figures.by_town(
            Application.objects.filter(status=Status.WAITLISTED), "residence__place__town"),
        "residences_full_tonight": figures.by_town(Residence.objects.filter(pk__in=full), "place__town"),
    }
