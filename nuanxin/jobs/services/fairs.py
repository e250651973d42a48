"""Job fairs (招聘会), each change in one transaction: staff create a fair at the service center
or an employment station; verified employers with an approved vacancy book one booth each;
seekers sign up (a six-digit code by SMS) and check in at the door; employers record the
intentions reached (达成意向); staff mark each booth came / did not come after the fair.

The rules follow the Xiamen and Kunshan job-fair rules:
- a booth only for a verified employer with at least one approved, still valid vacancy;
- one booth per employer per fair (and the database's partial unique constraint);
- booths are taken with core.capacity.take on the fair row, so no number of concurrent
  requests or server processes ever books more booths than the fair has; a cancellation
  before the fair gives the booth back once (the status moves booked → cancelled by
  compare-and-set, and only the request that moved it releases);
- booking closes when the fair starts;
- FAIR_BAR_NO_SHOWS booth no-shows within FAIR_BAR_FOR bar the employer for FAIR_BAR_FOR.

Seekers: `sign_up` gives a six-digit code (SMS and a QR on the fair page); at the door staff
check the person in by that code (`door_check_in`, typed or scanned from the person's QR);
a seeker may instead scan the fair's own door QR during the fair (`self_check_in`, which
signs them up on the spot when they had not). The door token is a signature of the fair's id,
so it needs no column and cannot be guessed."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.accounts.notify import notify
from nuanxin.core import capacity, codes, dates
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role, require_role
from nuanxin.jobs.choices import BoothStatus
from nuanxin.jobs.models import Booth, Fair, FairVisit
from nuanxin.jobs.selectors import fairs as selectors
from nuanxin.places import selectors as places_selectors
from nuanxin.places.choices import PlaceKind

if TYPE_CHECKING:
    from nuanxin.accounts.models import Employer, User

FAIR_STAFF = (Role.ADVISOR, Role.ADMIN)
FAIR_READERS = (*FAIR_STAFF, Role.OFFICIAL)
FAIR_PLACES = (PlaceKind.SERVICE_CENTER, PlaceKind.EMPLOYMENT_STATION)
MAX_FAIR_HOURS = 12
MAX_AHEAD = datetime.timedelta(days=366)
DOOR_OPENS_BEFORE = datetime.timedelta(hours=1)   # staff may check people in an hour before the start
INTENTIONS_UNTIL = datetime.timedelta(hours=12)   # employers may record intentions until the evening
DOOR_SALT = "nuanxin.jobs.fair-door"


def now_() -> datetime.datetime:
    return timezone.now()


# --- who may act ---------------------------------------------------------------------------------


def may_manage(user: User, fair: Fair | None = None, *, place=None) -> bool:
    """Advisors and administrators run any fair; a station's managers the fairs at their station."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, *FAIR_STAFF):
        return True
    place = place if place is not None else (fair.place if fair is not None else None)
    return (place is not None and has_role(user, Role.STATION_MANAGER)
            and places_selectors.is_manager_of(place, user))


def may_read_roll(user: User, fair: Fair) -> bool:
    return may_manage(user, fair) or has_role(user, Role.OFFICIAL)


def _fair(fair_id: int, *, lock: bool = False) -> Fair:
    rows = Fair.objects.select_related("place")
    if lock:
        rows = rows.select_for_update(of=("self",))
    fair = rows.filter(pk=fair_id).first()
    if fair is None:
        raise NotFound()
    return fair


def _staff_fair(fair_id: int, by: User) -> Fair:
    require_role(by, *FAIR_STAFF, Role.STATION_MANAGER)
    fair = _fair(fair_id)
    if not may_manage(by, fair):
        raise NotFound()
    return fair


# --- staff: create a fair ------------------------------------------------------------------------


def fair_problems(*, title: str, place, starts_at, ends_at, booths, now: datetime.datetime) -> dict:
    """What is wrong with a fair's details, by field (shared by the API, the page and the admin)."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the fair a title.")
    elif len(title.strip()) > 80:
        errors["title"] = _("At most 80 characters.")
    if place is None:
        errors["place_id"] = _("There is no such place.")
    elif place.kind not in FAIR_PLACES:
        errors["place_id"] = _("Job fairs are held at the worker service center or an employment station.")
    if starts_at is not None and ends_at is not None:
        if starts_at <= now:
            errors["starts_at"] = _("The fair must start in the future.")
        elif starts_at > now + MAX_AHEAD:
            errors["starts_at"] = _("Plan fairs at most a year ahead.")
        if ends_at <= starts_at:
            errors["ends_at"] = _("The fair must end after it starts.")
        elif ends_at - starts_at > datetime.timedelta(hours=MAX_FAIR_HOURS):
            errors["ends_at"] = _("A fair lasts at most %(hours)s hours.") % {"hours": MAX_FAIR_HOURS}
    if booths is None or not 1 <= booths <= 500:
        errors["booths"] = _("Between 1 and 500 booths.")
    return errors


@transaction.atomic
def create_fair(*, by: User, title: str, place_id: int, starts_at: datetime.datetime, ends_at: datetime.datetime,
                booths: int, description: str = "", now: datetime.datetime | None = None) -> Fair:
    now = now or now_()
    require_role(by, *FAIR_STAFF, Role.STATION_MANAGER)
    place = places_selectors.place_by_id(place_id)
    if place is not None and not may_manage(by, place=place):
        raise PermissionDenied(_("Station managers set up fairs at their own station only."), code="forbidden")
    errors = fair_problems(title=title, place=place, starts_at=starts_at, ends_at=ends_at, booths=booths, now=now)
    if errors:
        raise InvalidInput(fields=errors)
    return Fair.objects.create(title=title.strip(), place=place, starts_at=starts_at, ends_at=ends_at, booths=booths,
                               description=(description or "").strip()[:2000], created_by=by)


# --- employers: booths ---------------------------------------------------------------------------


def booking_employer(by: User) -> Employer:
    """The verified employer a contact books for (403 otherwise)."""
    require_role(by, Role.EMPLOYER)
    employer = accounts_selectors.employer_acting_for(by)
    if employer is None:
        raise PermissionDenied(_("Register your company first (My account → Employer)."), code="no_employer")
    accounts.require_verified_employer(employer)
    return employer


def booking_refusal(employer: Employer, fair: Fair, *, now: datetime.datetime) -> None:
    """Raise why this employer cannot book a booth at this fair now (before taking one)."""
    if not selectors.employer_has_approved_vacancy(employer, today=dates_today(now)):
        raise PermissionDenied(_("A booth needs at least one vacancy that staff have approved and that is still "
                                 "open. Post a vacancy and wait for its review first."), code="no_approved_vacancy")
    until = selectors.barred_until(employer, now=now)
    if until is not None:
        raise Conflict(_("Your company did not come to its booth at two fairs within a year, so it cannot book "
                         "booths until %(day)s.") % {"day": dates.full_day(until)}, code="barred")
    if now >= fair.starts_at:
        raise Conflict(_("Booking closed when the fair started."), code="closed")
    if selectors.booth_of_employer(fair.pk, employer) is not None:
        raise Conflict(_("Your company already has a booth at this fair."), code="already_booked")


def dates_today(now: datetime.datetime) -> datetime.date:
    return timezone.localtime(now, dates.local_tz()).date()


def _first_free_number(fair: Fair) -> int:
    used = selectors.booth_numbers_in_use(fair.pk)
    return next(n for n in range(1, fair.booths + 1) if n not in used)


def book_booth(*, fair_id: int, by: User, now: datetime.datetime | None = None) -> Booth:
    """Book one booth for the contact's employer: 201, or 403 no_approved_vacancy, 409 full,
    already_booked, barred, closed."""
    now = now or now_()
    employer = booking_employer(by)
    fair = _fair(fair_id)
    booking_refusal(employer, fair, now=now)
    try:
        with transaction.atomic():
            # One conditional UPDATE: matches only while a booth is free; on PostgreSQL the
            # row stays locked until commit, so the booth numbers below are handed out in turn.
            if not capacity.take(Fair.objects.filter(pk=fair.pk, starts_at__gt=now), taken="booths_taken",
                                 limit="booths"):
                raise Conflict(_("All booths at this fair are taken."), code="full")
            return Booth.objects.create(fair=fair, employer=employer, booked_by=by, status=BoothStatus.BOOKED,
                                        number=_first_free_number(fair))
    except IntegrityError:  # the one-booth-per-employer constraint, when two contacts raced
        raise Conflict(_("Your company already has a booth at this fair."), code="already_booked") from None


@transaction.atomic
def cancel_booth(*, fair_id: int, booth_id: int, by: User, now: datetime.datetime | None = None) -> Booth:
    """The employer gives its booth back before the fair starts; the booth returns to the fair
    once, however many times (or from however many places) the cancel is sent."""
    now = now or now_()
    require_role(by, Role.EMPLOYER)
    booth = selectors.booth_in_fair(fair_id, booth_id)
    if booth is None or accounts_selectors.employer_of_contact(by, booth.employer_id) is None:
        raise NotFound()
    if now >= booth.fair.starts_at:
        raise Conflict(_("The fair has started: a booth cannot be cancelled any more."), code="closed")
    moved = Booth.objects.filter(pk=booth.pk, status=BoothStatus.BOOKED).update(status=BoothStatus.CANCELLED,
                                                                              number=None)
    if not moved:
        raise Conflict(_("This booth is not booked any more."), code="not_booked")
    capacity.release(Fair.objects.filter(pk=booth.fair_id), taken="booths_taken")
    booth.refresh_from_db()
    return booth


@transaction.atomic
def mark_attendance(*, fair_id: int, booth_id: int, by: User, attended: bool,
                    now: datetime.datetime | None = None) -> Booth:
    """Staff after the fair starts: the employer came to its booth, or did not (a no-show counts
    towards the bar). A mistake can be corrected either way."""
    now = now or now_()
    fair = _staff_fair(fair_id, by)
    if now < fair.starts_at:
        raise Conflict(_("Attendance is taken once the fair has started."), code="not_started")
    booth = selectors.booth_in_fair(fair.pk, booth_id)
    if booth is None:
        raise NotFound()
    to = BoothStatus.ATTENDED if attended else BoothStatus.NO_SHOW
    moved = (Booth.objects.filter(pk=booth.pk, status__in=(BoothStatus.BOOKED, BoothStatus.ATTENDED,
                                                           BoothStatus.NO_SHOW))
             .update(status=to))
    if not moved:
        raise Conflict(_("This booth was cancelled."), code="not_booked")
    booth.refresh_from_db()
    return booth


# --- seekers: sign up, check in ------------------------------------------------------------------


def door_token(fair: Fair) -> str:
    """What the fair's own door QR carries: a signature of its id (no column, not guessable)."""
    return signing.Signer(salt=DOOR_SALT).sign(str(fair.pk)).split(":", 1)[1]


def door_token_ok(fair: Fair, token: str) -> bool:
    try:
        return signing.Signer(salt=DOOR_SALT).unsign(f"{fair.pk}:{token or ''}") == str(fair.pk)
    except signing.BadSignature:
        return False


def door_open(fair: Fair, now: datetime.datetime) -> bool:
    return fair.starts_at - DOOR_OPENS_BEFORE <= now <= fair.ends_at


def _new_visit(fair: Fair, user: User) -> FairVisit:
    used = selectors.codes_in_use(fair.pk)
    code = codes.six_digits()
    while code in used:
        code = codes.six_digits()
    try:
        with transaction.atomic():
            return FairVisit.objects.create(fair=fair, user=user, code=code)
    except IntegrityError:  # signed up by a second tap at the same moment
        raise Conflict(_("You have already signed up for this fair."), code="already_signed_up") from None


def _require_worker(by: User) -> None:
    require_role(by, Role.WORKER)


@transaction.atomic
def sign_up(*, fair_id: int, by: User, now: datetime.datetime | None = None) -> FairVisit:
    """A worker signs up: a six-digit code by SMS (and a QR on the fair page) to show at the door."""
    now = now or now_()
    _require_worker(by)
    fair = _fair(fair_id)
    if now > fair.ends_at:
        raise Conflict(_("This fair is over."), code="closed")
    if selectors.visit_of(fair.pk, by) is not None:
        raise Conflict(_("You have already signed up for this fair."), code="already_signed_up")
    visit = _new_visit(fair, by)
    notify(by, _("You signed up for %(fair)s, %(when)s at %(place)s. Show the code %(code)s (or the QR on the fair's "
                 "page) at the door.") % {"fair": fair.title, "when": dates.day_hm(fair.starts_at),
                                          "place": fair.place.name, "code": visit.code},
           kind="jobs.fair_signed_up", link=f"/jobs/fairs/{fair.pk}/")
    return visit


def _check_in(visit: FairVisit, now: datetime.datetime) -> tuple[FairVisit, bool]:
    """Check a visit in once; (visit, true) if it was already in."""
    moved = FairVisit.objects.filter(pk=visit.pk, checked_in_at__isnull=True).update(checked_in_at=now)
    visit.refresh_from_db()
    return visit, not moved


@transaction.atomic
def self_check_in(*, fair_id: int, by: User, token: str, now: datetime.datetime | None = None
                  ) -> tuple[FairVisit, bool]:
    """A worker scans the fair's door QR during the fair: checked in (signed up on the spot if
    they had not signed up before)."""
    now = now or now_()
    _require_worker(by)
    fair = _fair(fair_id)
    if not door_token_ok(fair, token):
        raise InvalidInput(fields={"door": _("This is not the QR code of this fair's door.")})
    if not door_open(fair, now):
        raise Conflict(_("Check-in is open from an hour before the fair until it ends."), code="door_closed")
    visit = selectors.visit_of(fair.pk, by) or _new_visit(fair, by)
    return _check_in(visit, now)


@transaction.atomic
def door_check_in(*, fair_id: int, by: User, code: str, now: datetime.datetime | None = None
                  ) -> tuple[FairVisit, bool]:
    """Staff at the door type (or scan) a seeker's code: checked in; (visit, already in)."""
    now = now or now_()
    fair = _staff_fair(fair_id, by)
    if not door_open(fair, now):
        raise Conflict(_("Check-in is open from an hour before the fair until it ends."), code="door_closed")
    code = (code or "").strip()
    visit = selectors.visit_by_code(fair.pk, code) if code.isascii() and code.isdigit() and len(code) == codes.LENGTH else None
    if visit is None:
        raise InvalidInput(fields={"code": _("Nobody signed up for this fair with this code.")})
    return _check_in(visit, now)


@transaction.atomic
def record_intention(*, fair_id: int, by: User, code: str, now: datetime.datetime | None = None) -> FairVisit:
    """An employer at its booth records an intention reached (达成意向) with a checked-in
    visitor, by the visitor's code: +1 on that visit. A visitor can reach at most one intention
    per booth at the fair. Recording one shows the employer came."""
    now = now or now_()
    require_role(by, Role.EMPLOYER)
    fair = _fair(fair_id)
    employer = accounts_selectors.employer_acting_for(by)
    booth = selectors.booth_of_employer(fair.pk, employer)
    if booth is None or booth.status == BoothStatus.NO_SHOW:
        raise PermissionDenied(_("Only employers with a booth at this fair record intentions."), code="no_booth")
    if not fair.starts_at <= now <= fair.ends_at + INTENTIONS_UNTIL:
        raise Conflict(_("Intentions are recorded on the day of the fair."), code="not_during_fair")
    code = (code or "").strip()
    visit = selectors.visit_by_code(fair.pk, code) if code.isascii() and code.isdigit() and len(code) == codes.LENGTH else None
    if visit is None:
        raise InvalidInput(fields={"code": _("Nobody signed up for this fair with this code.")})
    if visit.checked_in_at is None:
        raise Conflict(_("This visitor has not checked in at the door yet."), code="not_checked_in")
    if not FairVisit.objects.filter(pk=visit.pk, intentions__lt=fair.booths_taken).update(
            intentions=F("intentions") + 1):
        raise Conflict(_("This visitor has already reached an intention at every booth."), code="too_many")
    Booth.objects.filter(pk=booth.pk, status=BoothStatus.BOOKED).update(status=BoothStatus.ATTENDED)
    visit.refresh_from_db()
    return visit
