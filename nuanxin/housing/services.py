"""Every change to warm residences, each in one transaction: applying for a bed, staff
allocating and reviewing, check-in and check-out, extensions, cancellations, the forfeit of a
stay not checked in on its first day, emergency shelter from a case, cleaning, appeals.

Beds are held by housing.allocation (one unique row per bed-night); statuses move only
through housing.transitions (compare-and-set, with history). A status move and the nights it
frees or holds happen in the same transaction, so a stay freed by two workers at once frees
its nights once: the second move finds the status already changed and does nothing."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.cases import services as cases
from nuanxin.cases.choices import CaseType
from nuanxin.core import codes, dates, lottery
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role, require_role
from nuanxin.housing import allocation, choices, eligibility, notifications, selectors
from nuanxin.housing.choices import AppealStatus, Referral, Sex, Status
from nuanxin.housing.models import Application, Bed, Draw, Residence
from nuanxin.housing.transitions import APPLICATIONS
from nuanxin.places import selectors as places_selectors

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

# City-wide housing staff; a residence's own managers (station managers) act on their residence.
CITY_STAFF = (Role.ADVISOR, Role.RESCUE, Role.ADMIN)
REFERRING_ROLES = {Role.ADVISOR: Referral.ADVISOR, Role.RESCUE: Referral.RESCUE, Role.ADMIN: Referral.ADVISOR}


def today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), dates.local_tz()).date()


# --- who may act ---------------------------------------------------------------------------------


def is_city_staff(user: User) -> bool:
    return has_role(user, *CITY_STAFF)


def may_manage(user: User, residence: Residence | None) -> bool:
    """City staff act anywhere; a residence's managers on their own residence only."""
    if is_city_staff(user):
        return True
    return (residence is not None and has_role(user, Role.STATION_MANAGER)
            and places_selectors.is_manager_of(residence.place, user))


def _staff_application(app_id: int, by: User, *, lock: bool = True) -> Application:
    """An application staff may act on; anyone else's is simply not found (no IDOR)."""
    rows = Application.objects.select_related("residence__place", "applicant")
    if lock:
        rows = rows.select_for_update(of=("self",))
    app = rows.filter(pk=app_id).first()
    if app is None or not may_manage(by, app.residence):
        raise NotFound()
    return app


def _own_application(app_id: int, by: User) -> Application:
    app = (Application.objects.select_for_update(of=("self",)).select_related("residence__place")
           .filter(pk=app_id, applicant=by).first())
    if app is None:
        raise NotFound()
    return app


# --- applying ------------------------------------------------------------------------------------


def _check_dates(check_in: datetime.date, nights: int, day: datetime.date) -> None:
    errors = {}
    if check_in < day:
        errors["check_in"] = _("The first night cannot be in the past.")
    elif check_in > day + datetime.timedelta(days=choices.APPLY_AHEAD_DAYS):
        errors["check_in"] = _("Apply at most %(days)s days ahead.") % {"days": choices.APPLY_AHEAD_DAYS}
    if not 1 <= nights <= choices.MAX_NIGHTS:
        errors["nights"] = _("Ask for 1 to %(max)s nights.") % {"max": choices.MAX_NIGHTS}
    if errors:
        raise InvalidInput(fields=errors)


def _residences_for(residence_id: int | None, town: str) -> tuple[Residence | None, list[int]]:
    """The residence asked for, or every residence taking applications (in the town)."""
    if residence_id is not None:
        residence = selectors.residence(residence_id)
        if residence is None:
            raise InvalidInput(fields={"residence_id": _("There is no such residence.")})
        if not residence.accepting:
            raise Conflict(_("This residence is not taking applications now."), code="not_accepting")
        return residence, [residence.pk]
    ids = selectors.accepting_residence_ids(town=town)
    if town and not ids:
        raise InvalidInput(fields={"town": _("There is no warm residence in this town yet.")})
    return None, ids


def _party(by: User, *, adults: int, child_ids: list[int], minors: int):
    if not 1 <= adults <= choices.MAX_PARTY:
        raise InvalidInput(fields={"adults": _("Say how many adults come, 1 to %(max)s.") % {"max": choices.MAX_PARTY}})
    children = []
    for child_id in dict.fromkeys(child_ids):
        child = accounts_selectors.child_of(by, child_id)
        if child is None:  # someone else's child is simply unknown
            raise InvalidInput(fields={"party": _("Choose your own registered children.")})
        children.append(child)
    size = adults + len(children) + minors
    if size > choices.MAX_PARTY:
        raise InvalidInput(fields={"party": _("At most %(max)s people in one request.") % {"max": choices.MAX_PARTY}})
    return children, size


def _commit_draw(night: datetime.date) -> None:
    """The review draw of that check-in day: its seed's hash fixed before anyone is ranked."""
    if Draw.objects.filter(night=night).exists():
        return
    seed = secrets.token_hex(32)
    try:
        with transaction.atomic():
            Draw.objects.create(night=night, seed=seed, commitment=lottery.commitment(seed))
    except IntegrityError:  # committed by a concurrent application
        pass


@transaction.atomic
def apply(*, by: User, check_in: datetime.date, nights: int, residence_id: int | None = None, town: str = "",
          sex: str = "", adults: int = 1, child_ids: list[int] | None = None, minors: int = 0,
          needs_accessible: bool = False, looking_for_work: bool = False, reason: str = "",
          referral: str = "", referred_by: User | None = None, case_id: int | None = None,
          now: datetime.datetime | None = None) -> Application:
    """A worker asks for a bed (or staff for them, with a referral). A short stay within the
    free nights gets a bed at once when one is free, else the waiting list; longer stays,
    families and people with a recent no-show go to review."""
    now = now or timezone.now()
    day = today(now)
    if referral:
        require_role(referred_by, *CITY_STAFF)
    else:
        require_role(by, Role.WORKER)
        if not accounts_selectors.is_verified_worker(by):
            raise PermissionDenied(_("Give your real name and ID number in your profile first: beds are "
                                     "for verified people."), code="not_verified")
    _check_dates(check_in, nights, day)
    children, size = _party(by, adults=adults, child_ids=child_ids or [], minors=minors)
    if size == 1 and sex not in Sex.values:
        raise InvalidInput(fields={"sex": _("Say whether you need a bed in a men's or a women's room.")})
    residence, residence_ids = _residences_for(residence_id, town)
    eligibility.check_eligible(by, referral=referral, looking_for_work=looking_for_work,
                               arrival_days=residence.arrival_days if residence else choices.ARRIVAL_DAYS,
                               today=day)
    accounts.user_lock(by.pk)  # one person's requests are decided one after the other
    if selectors.open_application_of(by) is not None:
        raise Conflict(_("You already have an open request for a bed: see My stay."), code="already_applied")
    eligibility.check_cap(by, check_in=check_in, nights=nights)
    review = eligibility.needs_review(residence=residence, nights=nights, party_size=size,
                                      no_show=eligibility.has_recent_no_show(by, day)) and not referral
    fields = dict(applicant=by, residence=residence, town=residence.place.town if residence else town,
                  check_in=check_in, nights=nights, sex=sex if size == 1 else "", adults=adults, minors=minors,
                  party_size=size, needs_accessible=needs_accessible, looking_for_work=looking_for_work,
                  reason=reason.strip()[:1000], referral=referral, referred_by=referred_by, case_id=case_id,
                  priority=eligibility.priority_of(referral=referral, has_children=bool(children or minors)))
    actor = referred_by or by
    try:
        app = _create(fields, review=review, residence_ids=residence_ids, actor=actor, now=now, day=day)
    except IntegrityError:  # the database's one-open-application rule, if a race got past the lock
        raise Conflict(_("You already have an open request for a bed: see My stay."), code="already_applied") from None
    if children:
        app.children.set(children)
    _commit_draw(check_in)
    notifications.decided(app)
    return app


def _create(fields: dict, *, review: bool, residence_ids: list[int], actor: User, now, day) -> Application:
    if review:
        return APPLICATIONS.create(by=actor, now=now, status=Status.PENDING_REVIEW, **fields)
    try:
        with transaction.atomic():
            app = APPLICATIONS.create(by=actor, now=now, status=Status.ALLOCATED, code=codes.six_digits(), **fields)
            beds = allocation.hold(app, residence_ids, first=app.check_in, count=app.nights, today=day)
            if beds is None:
                raise _NoBed
            _set_beds(app, beds)
            return app
    except _NoBed:
        return APPLICATIONS.create(by=actor, now=now, status=Status.WAITLISTED, **fields)


class _NoBed(Exception):
    pass


def _set_beds(app: Application, bed_ids: list[int]) -> None:
    """Record where the stay sleeps: its bed, or the family's unit (and residence)."""
    first = Bed.objects.select_related("unit").get(pk=bed_ids[0])
    app.unit_id = first.unit_id
    app.bed_id = None if app.is_family else first.pk
    app.residence_id = first.unit.residence_id
    Application.objects.filter(pk=app.pk).update(unit_id=app.unit_id, bed_id=app.bed_id, residence_id=app.residence_id)


def refer(*, by: User, phone: str, name: str = "", check_in: datetime.date, nights: int, sex: str = "",
          adults: int = 1, minors: int = 0, residence_id: int | None = None, town: str = "",
          case_id: int | None = None, note: str = "", now: datetime.datetime | None = None) -> Application:
    """Staff ask for a bed for someone (an advisor meeting a newcomer off the night train, the
    rescue station, a hardship case's worker): the person's account is found or made by their
    phone number, and the request skips the newcomer check and review."""
    require_role(by, *CITY_STAFF)
    referral = REFERRING_ROLES[next(r for r in (Role.RESCUE, Role.ADVISOR, Role.ADMIN) if has_role(by, r))]
    if case_id is not None:
        case = cases.case_read(case_id=case_id, by=by)  # a case their team may see; the read is audited
        referral = Referral.CASE
        person = case.applicant or accounts.user_by_phone_or_create(
            phone=cases.phone_to_call(case_id=case_id, by=by), name=case.applicant_name)
    else:
        person = accounts.user_by_phone_or_create(phone=phone, name=name)
    if not has_role(person, Role.WORKER) and not is_city_staff(person):
        accounts.user_grant_role(user=person, role=Role.WORKER)  # so they can sign in and see their stay
    return apply(by=person, check_in=check_in, nights=nights, residence_id=residence_id, town=town, sex=sex,
                 adults=adults, minors=minors, looking_for_work=True, reason=note, referral=referral,
                 referred_by=by, case_id=case_id, now=now)


# --- staff: allocate, review ---------------------------------------------------------------------


@transaction.atomic
def allocate(*, app_id: int, by: User, bed_id: int | None = None, now: datetime.datetime | None = None) -> Application:
    """Staff give a queued application beds: the bed chosen, or the first free one (a family:
    a whole family unit). 409 no_beds when none is free for all the nights."""
    now = now or timezone.now()
    day = today(now)
    app = _staff_application(app_id, by)
    if app.status not in choices.IN_QUEUE:
        raise Conflict(_("Only a request waiting for review or on the waiting list can be given a bed."),
                       code="transition_not_allowed", fields={"to": Status.ALLOCATED})
    if app.check_in < day:
        raise Conflict(_("The first night of this request has passed: ask the person for new dates."),
                       code="too_late")
    if bed_id is not None:
        beds = _chosen_beds(app, bed_id, by)
        ok = allocation.hold_these(app, beds, first=app.check_in, count=app.nights)
    else:
        ids = [app.residence_id] if app.residence_id else selectors.accepting_residence_ids(town=app.town)
        ids = [i for i in ids if may_manage(by, selectors.residence(i))]
        beds = allocation.hold(app, ids, first=app.check_in, count=app.nights, today=day)
        ok = beds is not None
    if not ok:
        raise Conflict(_("No free bed for all of these nights."), code="no_beds")
    _set_beds(app, beds)
    APPLICATIONS.move(app, Status.ALLOCATED, by=by, now=now, code=codes.six_digits())
    notifications.decided(app)
    return app


def _chosen_beds(app: Application, bed_id: int, by: User) -> list[int]:
    bed = Bed.objects.select_related("unit__residence__place").filter(pk=bed_id, active=True).first()
    if bed is None or not may_manage(by, bed.unit.residence):
        raise InvalidInput(fields={"bed_id": _("There is no such bed in a residence you manage.")})
    if app.residence_id and bed.unit.residence_id != app.residence_id:
        raise InvalidInput(fields={"bed_id": _("Choose a bed in the residence asked for.")})
    if not app.is_family:
        if bed.unit.kind != choices.UNIT_FOR_SEX.get(app.sex):
            raise InvalidInput(fields={"bed_id": _("This bed is in a room for the other sex or for families.")})
        return [bed.pk]
    unit_beds = list(Bed.objects.filter(unit_id=bed.unit_id, active=True).order_by("pk").values_list("pk", flat=True))
    if bed.unit.kind != choices.UnitKind.FAMILY or len(unit_beds) < app.party_size:
        raise InvalidInput(fields={"bed_id": _("A family needs a family room with a bed for each person.")})
    return unit_beds


@transaction.atomic
def reject(*, app_id: int, by: User, note: str, now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    if not note.strip():
        raise InvalidInput(fields={"note": _("Say why, in a few words: the person is told.")})
    app = _staff_application(app_id, by)
    if not APPLICATIONS.move(app, Status.REJECTED, by=by, now=now, note=note.strip()):
        raise Conflict(_("This request changed meanwhile: reload and look again."), code="changed")
    notifications.decided(app, note=note)
    return app


@transaction.atomic
def allocate_in_order(*, night: datetime.date, by: User, now: datetime.datetime | None = None) -> list[Application]:
    """Work the review queue of one check-in day in its published order (referrals, then
    families with children, then the rest; ties by the day's draw), giving beds while they
    last. Reveals the day's seed. Returns the applications that got beds."""
    now = now or timezone.now()
    require_role(by, *CITY_STAFF)
    given = []
    for app in selectors.review_order(night, reveal=True, now=now):
        try:
            with transaction.atomic():
                given.append(allocate(app_id=app.pk, by=by, now=now))
        except Conflict:
            continue
    return given


# --- the stay --------------------------------------------------------------------------------------


@transaction.atomic
def check_in(*, app_id: int | None = None, code: str = "", residence_id: int | None = None, by: User,
             now: datetime.datetime | None = None) -> Application:
    """The manager checks a guest in on the first day, by the stay's id or its six-digit code."""
    now = now or timezone.now()
    if app_id is None:
        app_id = selectors.application_id_by_code(code, residence_id=residence_id, day=today(now))
        if app_id is None:
            raise InvalidInput(fields={"code": _("No bed is kept under this code for today.")})
    app = _staff_application(app_id, by)
    if app.status != Status.ALLOCATED:
        raise Conflict(_("Only a kept bed can be checked in."), code="transition_not_allowed",
                       fields={"to": Status.CHECKED_IN})
    if app.check_in != today(now):
        raise Conflict(_("Check-in is on the first night's day, %(day)s.") % {"day": dates.day(app.check_in)},
                       code="not_today")
    APPLICATIONS.move(app, Status.CHECKED_IN, by=by, now=now, checked_in_at=now)
    return app


@transaction.atomic
def check_out(*, app_id: int, by: User | None, now: datetime.datetime | None = None, note: str = "") -> Application:
    """The guest leaves (the manager records it, or the timed work after the last morning):
    later nights are freed and the beds wait for cleaning."""
    now = now or timezone.now()
    app = _staff_application(app_id, by) if by is not None else Application.objects.select_for_update().get(pk=app_id)
    if app.status != Status.CHECKED_IN:
        raise Conflict(_("Only a guest who is staying can check out."), code="transition_not_allowed",
                       fields={"to": Status.CHECKED_OUT})
    day = today(now)
    used = max(1, min(app.nights, (day - app.check_in).days))
    held = allocation.held_beds(app)
    if not APPLICATIONS.move(app, Status.CHECKED_OUT, by=by, now=now, note=note, checked_out_at=now, nights=used):
        return app
    allocation.free(app, from_night=app.check_in + datetime.timedelta(days=used))
    Bed.objects.filter(pk__in=held).update(needs_cleaning=True)
    _fill_waitlist(app.residence_id, now=now)
    return app


@transaction.atomic
def extend(*, app_id: int, by: User, nights: int, note: str, now: datetime.datetime | None = None) -> Application:
    """Staff add nights on the same beds, with a note saying why ("job starts Monday")."""
    now = now or timezone.now()
    if not note.strip():
        raise InvalidInput(fields={"note": _("Say why the stay is extended, e.g. “job starts Monday”.")})
    if not 1 <= nights <= choices.MAX_NIGHTS:
        raise InvalidInput(fields={"nights": _("Add 1 to %(max)s nights.") % {"max": choices.MAX_NIGHTS}})
    app = _staff_application(app_id, by)
    if app.status not in choices.HOLDING:
        raise Conflict(_("Only a kept bed or a stay can be extended."), code="transition_not_allowed")
    if app.nights + nights > choices.MAX_NIGHTS * 2:
        raise InvalidInput(fields={"nights": _("This stay is already as long as a stay may be.")})
    beds = allocation.held_beds(app)
    if not allocation.hold_these(app, beds, first=app.check_out, count=nights):
        raise Conflict(_("The bed is taken on some of those nights."), code="no_beds")
    new_nights = app.nights + nights
    Application.objects.filter(pk=app.pk).update(nights=new_nights)
    app.nights = new_nights
    # An extension is a history row with the same status before and after, carrying the note.
    APPLICATIONS.history.objects.create(application_id=app.pk, by=by, at=now, from_status=app.status,
                                        to_status=app.status, note=note.strip()[:200])
    notifications.extended(app, note=note)
    return app


@transaction.atomic
def cancel(*, app_id: int, by: User, now: datetime.datetime | None = None, note: str = "") -> Application:
    """The applicant (or staff) withdraws before the stay starts; the nights go to the waiting list."""
    now = now or timezone.now()
    own = Application.objects.filter(pk=app_id, applicant=by).exists()
    app = _own_application(app_id, by) if own else _staff_application(app_id, by)
    if app.status not in (*choices.IN_QUEUE, Status.ALLOCATED):
        raise Conflict(_("A stay that has started ends with check-out, not cancellation."),
                       code="transition_not_allowed", fields={"to": Status.CANCELLED})
    if not APPLICATIONS.move(app, Status.CANCELLED, by=by, now=now, note=note):
        raise Conflict(_("This request changed meanwhile: reload and look again."), code="changed")
    if allocation.free(app):
        _fill_waitlist(app.residence_id, now=now)
    return app


# --- timed work ------------------------------------------------------------------------------------


def forfeit_due(*, now: datetime.datetime | None = None) -> int:
    """Stays not checked in on their first day are given up and their nights freed, each
    once however many workers run this (the move is compare-and-set). Returns how many."""
    now = now or timezone.now()
    day = today(now)
    n = 0
    for app_id in selectors.forfeit_due_ids(day):
        with transaction.atomic():
            app = Application.objects.select_for_update().filter(pk=app_id, status=Status.ALLOCATED).first()
            if app is None or not APPLICATIONS.move(app, Status.FORFEITED, by=None, now=now,
                                                    note="not checked in on the first day"):
                continue
            allocation.free(app)
            notifications.forfeited(app)
            _fill_waitlist(app.residence_id, now=now)
            n += 1
    return n


def check_out_due(*, now: datetime.datetime | None = None) -> int:
    """Guests still shown as staying after their last morning are checked out."""
    now = now or timezone.now()
    n = 0
    for app_id in selectors.check_out_due_ids(today(now)):
        try:
            check_out(app_id=app_id, by=None, now=now, note="checked out after the last night")
            n += 1
        except Conflict:
            continue
    return n


def _fill_waitlist(residence_id: int | None, *, now: datetime.datetime) -> int:
    """Freed nights go to the waiting list in order (priority, then arrival)."""
    if residence_id is None:
        return 0
    day = today(now)
    n = 0
    for app in selectors.waitlisted_for(residence_id, day):
        with transaction.atomic():
            ids = [app.residence_id] if app.residence_id else selectors.accepting_residence_ids(town=app.town)
            beds = allocation.hold(app, ids, first=app.check_in, count=app.nights, today=day)
            if beds is None:
                continue
            _set_beds(app, beds)
            if APPLICATIONS.move(app, Status.ALLOCATED, by=None, now=now, code=codes.six_digits(),
                                 note="a bed came free"):
                notifications.decided(app)
                n += 1
            else:
                transaction.set_rollback(True)
    return n


def fill_waitlists(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(_fill_waitlist(rid, now=now) for rid in selectors.accepting_residence_ids(town=""))


# --- emergency shelter -------------------------------------------------------------------------------


@transaction.atomic
def shelter(*, case_id: int, by: User, nights: int = 1, sex: str = "", adults: int = 1, minors: int = 0,
            residence_id: int | None = None, note: str = "", now: datetime.datetime | None = None) -> Application:
    """The rescue station puts the person (or family) of an emergency case in a bed tonight,
    ahead of every queue. A queued request of theirs is replaced by this one."""
    now = now or timezone.now()
    require_role(by, Role.RESCUE, Role.ADMIN)
    case = cases.case_read(case_id=case_id, by=by)
    if case.type != CaseType.EMERGENCY:
        raise Conflict(_("Emergency shelter is for emergency-relief requests; this request is of another kind. "
                         "Refer the person for a bed instead."), code="not_emergency")
    person = case.applicant or accounts.user_by_phone_or_create(
        phone=cases.phone_to_call(case_id=case_id, by=by), name=case.applicant_name)
    open_app = selectors.open_application_of(person)
    if open_app is not None:
        if open_app.status in choices.HOLDING:
            raise Conflict(_("This person already has a bed: see their stay."), code="already_applied")
        APPLICATIONS.move(open_app, Status.CANCELLED, by=by, now=now, note="replaced by emergency shelter")
    day = today(now)
    _check_dates(day, nights, day)
    size = adults + minors
    if size == 1 and sex not in Sex.values:
        raise InvalidInput(fields={"sex": _("Say whether the person needs a men's or a women's room.")})
    if not 1 <= adults or size > choices.MAX_PARTY:
        raise InvalidInput(fields={"adults": _("At most %(max)s people.") % {"max": choices.MAX_PARTY}})
    ids = [residence_id] if residence_id else selectors.accepting_residence_ids(town="")
    app = APPLICATIONS.create(
        by=by, now=now, note=note or "emergency shelter", status=Status.ALLOCATED, code=codes.six_digits(),
        applicant=person, town=case.town, check_in=day, nights=nights, sex=sex if size == 1 else "",
        adults=adults, minors=minors, party_size=size, reason=note, referral=Referral.RESCUE, referred_by=by,
        case_id=case.pk, priority=choices.PRIORITY_REFERRAL)
    beds = allocation.hold(app, ids, first=day, count=nights, today=day)
    if beds is None:
        raise Conflict(_("No free bed tonight in the residences you chose."), code="no_beds")
    _set_beds(app, beds)
    cases.note_add(case_id=case.pk, by=by, internal=True,
                   text=_("Emergency shelter: %(place)s, %(nights)s nights from tonight.")
                   % {"place": selectors.residence(app.residence_id).place.name, "nights": nights})
    notifications.decided(app)
    return app


# --- cleaning, appeals, job advice -------------------------------------------------------------------


@transaction.atomic
def bed_cleaned(*, bed_id: int, by: User) -> None:
    bed = Bed.objects.select_related("unit__residence__place").filter(pk=bed_id).first()
    if bed is None or not may_manage(by, bed.unit.residence):
        raise NotFound()
    Bed.objects.filter(pk=bed.pk).update(needs_cleaning=False)


@transaction.atomic
def appeal(*, app_id: int, by: User, text: str) -> Application:
    """The guest explains a missed check-in, once."""
    app = _own_application(app_id, by)
    if app.status != Status.FORFEITED:
        raise Conflict(_("Only a missed check-in can be appealed."), code="not_appealable")
    if app.appeal_status:
        raise Conflict(_("You have already appealed this."), code="already_appealed")
    if not text.strip():
        raise InvalidInput(fields={"text": _("Say what kept you away.")})
    Application.objects.filter(pk=app.pk).update(appeal_text=text.strip()[:500], appeal_status=AppealStatus.PENDING)
    app.appeal_text, app.appeal_status = text.strip()[:500], AppealStatus.PENDING
    return app


@transaction.atomic
def appeal_decide(*, app_id: int, by: User, uphold: bool) -> Application:
    app = _staff_application(app_id, by)
    if app.appeal_status != AppealStatus.PENDING:
        raise Conflict(_("There is no appeal waiting on this stay."), code="not_appealable")
    app.appeal_status = AppealStatus.UPHELD if uphold else AppealStatus.REFUSED
    Application.objects.filter(pk=app.pk).update(appeal_status=app.appeal_status)
    notifications.appeal_decided(app)
    return app


@transaction.atomic
def advice_book(*, app_id: int, by: User, at: datetime.datetime, place_id: int,
                now: datetime.datetime | None = None) -> Application:
    """Staff book a job-advice appointment for a guest before (or during) the stay."""
    now = now or timezone.now()
    app = _staff_application(app_id, by)
    if app.status not in (*choices.HOLDING, *choices.IN_QUEUE):
        raise Conflict(_("This request is closed."), code="transition_not_allowed")
    hit = places_selectors.place_detail(place_id)
    if hit is None or hit.place.kind not in ("employment_station", "service_center"):
        raise InvalidInput(fields={"place_id": _("Choose the service center or an employment station.")})
    place = hit.place
    if at <= now:
        raise InvalidInput(fields={"at": _("Choose a time that has not passed.")})
    known_hours = hit.schedule.is_24h or hit.schedule.weekly or hit.schedule.exceptions
    if known_hours and not hit.schedule.is_open_at(at):
        raise InvalidInput(fields={"at": _("The station is closed then: choose a time in its opening hours.")})
    Application.objects.filter(pk=app.pk).update(advice_at=at, advice_place=place)
    app.advice_at, app.advice_place = at, place
    notifications.advice_booked(app)
    return app
