"""Job seekers (求职登记) and their follow-ups (跟踪服务): the only writer of Seeker and FollowUp.

A worker registers themselves, or an advisor registers them at a window (`registered_by`
records who). The profile sets the service tier by `tier_for` (人社部 guidance: classify the
seeker, then serve accordingly):

- **intensive** (one-to-one): any hardship category (就业困难人员, low-income family,
  disability, out of work for more than a year, a graduate of the last two years);
- **guided** (an advisor suggests jobs): arrived in Kunshan within the last 90 days, or no
  work experience yet;
- **self-service** otherwise (job lists and fairs, an advisor on request).

Every seeker has an advisor: the one who registered them, else the advisor of the station
they chose, else none until staff assign one. Every staff read of a file is audit-logged.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.accounts.notify import notify
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role
from nuanxin.core.towns import Town
from nuanxin.core.validators import check_phone
from nuanxin.jobs.choices import FOLLOW_UP_DAYS, Channel, Hardship, SeekerStatus, Tier
from nuanxin.jobs.models import FollowUp, Seeker
from nuanxin.jobs.selectors import seekers as selectors

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

NEWLY_ARRIVED_DAYS = 90        # arrived within this many days: guided
MAX_FOLLOW_UP_AHEAD = 366      # the next contact is at most a year ahead
MAX_LIST = 20                  # skills, certificates, languages: at most this many entries each
MAX_ITEM = 40                  # characters of one entry
MAX_WANTED = 10                # occupations wanted
MY_PAGE = "/jobs/me/"


def hardship_label(value: str) -> str:
    """The category in the reader's language (choices.py's label for 就业困难人员 carries the
    Chinese term inside the English text; pages must show English in English)."""
    if value == Hardship.EMPLOYMENT_DIFFICULTY:
        return _("certified as having difficulty finding work")
    return str(Hardship(value).label)


def hardship_choices() -> list[tuple[str, str]]:
    return [(value, hardship_label(value) if value else str(label)) for value, label in Hardship.choices]


# --- the tier rule ----------------------------------------------------------------------------


def tier_for(*, hardship: str, arrived_on: datetime.date | None, experience_years: int,
             today: datetime.date) -> tuple[str, list[str]]:
    """(tier, the reasons in words) from the profile: see the module's docstring."""
    if hardship:
        return Tier.INTENSIVE, [_("hardship category: %(what)s") % {"what": hardship_label(hardship)}]
    reasons = []
    if arrived_on is not None and (today - arrived_on).days < NEWLY_ARRIVED_DAYS:
        reasons.append(_("arrived in Kunshan less than %(n)s days ago") % {"n": NEWLY_ARRIVED_DAYS})
    if experience_years == 0:
        reasons.append(_("no work experience yet"))
    if reasons:
        return Tier.GUIDED, reasons
    return Tier.SELF_SERVICE, [_("has work experience and has been in Kunshan for a while")]


def tier_reasons(seeker: Seeker, today: datetime.date | None = None) -> list[str]:
    profile = accounts_selectors.profile_of(seeker.user)
    return tier_for(hardship=seeker.hardship, arrived_on=profile.arrived_on if profile else None,
                    experience_years=seeker.experience_years, today=today or selectors.today())[1]


# --- checks -----------------------------------------------------------------------------------


def _clean_list(data: dict, name: str) -> list[str] | None:
    if name not in data or data[name] is None:
        return None
    raw = data[name]
    if not isinstance(raw, list | tuple):
        raise InvalidInput(fields={name: _("A list of words is expected.")})
    out: list[str] = []
    for item in raw:
        text = str(item).strip()
        if not text:
            continue
        if len(text) > MAX_ITEM:
            raise InvalidInput(fields={name: _("Each entry may be at most %(n)s characters.") % {"n": MAX_ITEM}})
        if text not in out:
            out.append(text)
    if len(out) > MAX_LIST:
        raise InvalidInput(fields={name: _("At most %(n)s entries.") % {"n": MAX_LIST}})
    return out


def _occupations(codes) -> list:
    codes = [str(c).strip() for c in codes or [] if str(c).strip()]
    if len(codes) > MAX_WANTED:
        raise InvalidInput(fields={"occupations": _("At most %(n)s occupations.") % {"n": MAX_WANTED}})
    found = selectors.occupations_by_code(codes)
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise InvalidInput(fields={"occupations": _("Not in the occupational classification: %(codes)s") % {
            "codes": ", ".join(unknown[:5])}})
    return [found[c] for c in dict.fromkeys(codes)]


def _staff_for(by: User, seeker: Seeker) -> None:
    if not selectors.may_act_for_seeker(by, seeker):
        raise NotFound()


def _station(station_id: int | None, by: User, *, staff: bool):
    if not station_id:
        return None
    from nuanxin.places import selectors as places_selectors

    place = places_selectors.place_by_id(station_id)
    if place is None or place.kind not in ("employment_station", "service_center"):
        raise InvalidInput(fields={"station_id": _("Choose an employment station or the service center.")})
    if staff and not selectors.is_city_staff(by) and place.pk not in selectors.stations_of(by):
        raise PermissionDenied(_("You can register people only for your own station."), code="forbidden")
    return place


def _advisor(advisor_id: int) -> User:
    person = accounts_selectors.user_by_id(advisor_id)
    if person is None or not person.is_active or not has_role(person, Role.ADVISOR):
        raise InvalidInput(fields={"advisor_id": _("Choose an employment advisor.")})
    return person


def _is_staff(by: User) -> bool:
    return selectors.is_city_staff(by) or has_role(by, Role.STATION_MANAGER)


# --- registering ------------------------------------------------------------------------------


@transaction.atomic
def seeker_register(*, by: User, data: dict, seeker_id: int | None = None, phone: str = "", name: str = "",
                    now: datetime.datetime | None = None) -> Seeker:
    """Register or update a job seeker (PUT: the fields given replace the file's).

    A worker registers themselves (no `seeker_id`, no `phone`). Staff (an advisor, an
    administrator, a station manager for their station) register someone at the window by
    `phone` (and `name`; the account is found or made) or update a file by `seeker_id`;
    `advisor_id` reassigns the file (advisors and administrators only), `notes` are theirs.
    A placed or closed registration registered again is active again."""
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()
    now = now or timezone.now()
    today = selectors.today(now)
    acting_as_staff = seeker_id is not None or bool(phone)
    if acting_as_staff:
        if not _is_staff(by):
            raise PermissionDenied(_("Only employment advisors register other people."), code="forbidden")
        if seeker_id is not None:
            seeker = selectors.seeker_for_staff(by, seeker_id)
            if seeker is None:
                raise NotFound()
            seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
            person = seeker.user
            if name.strip() and not person.name:  # the file fills a missing name, never replaces one
                person = accounts.user_by_phone_or_create(phone=person.phone, name=name.strip()[:50])
        else:
            try:
                phone = check_phone(phone)
            except ValidationError as exc:
                raise InvalidInput(fields={"phone": " ".join(exc.messages)}) from None
            person = accounts.user_by_phone_or_create(phone=phone, name=name.strip()[:50])
            if person.pk == by.pk:
                raise InvalidInput(fields={"phone": _("This is your own number: register yourself on your page.")})
            if not has_role(person, Role.WORKER):
                if has_role(person, Role.EMPLOYER, *[r for r in Role.values if r != Role.WORKER]):
                    raise InvalidInput(fields={"phone": _("This number belongs to a staff or employer account.")})
                accounts.user_grant_role(user=person, role=Role.WORKER)
            seeker = Seeker.objects.select_for_update().filter(user=person).first()
            if seeker is not None and not selectors.may_act_for_seeker(by, seeker) and seeker.station_id:
                raise Conflict(_("This person is registered at another station."), code="registered_elsewhere")
            if seeker is not None:
                # Registering by phone is for someone new: their file is changed on the file, by
                # its id, never by a second registration that would blank what it leaves out.
                raise Conflict(_("This person is already registered: open their file to change it."),
                               code="already_registered", fields={"seeker_id": str(seeker.pk)})
    else:
        if not has_role(by, Role.WORKER):
            raise PermissionDenied(_("Job-seeker registration is for workers."), code="forbidden")
        person = by
        seeker = Seeker.objects.select_for_update().filter(user=by).first()

    created = seeker is None
    if created:
        seeker = Seeker(user=person, registered_by=by if acting_as_staff else None)

    for name_ in ("skills", "certificates", "languages"):
        value = _clean_list(data, name_)
        if value is not None:
            setattr(seeker, name_, value)
    if data.get("experience_years") is not None:
        years = data["experience_years"]
        if not isinstance(years, int) or not 0 <= years <= 60:
            raise InvalidInput(fields={"experience_years": _("From 0 to 60 years.")})
        seeker.experience_years = years
    if "hardship" in data and data["hardship"] is not None:
        if data["hardship"] not in Hardship.values:
            raise InvalidInput(fields={"hardship": _("Not a category we know.")})
        seeker.hardship = data["hardship"]
    if data.get("wanted_pay_fen") is not None:
        pay = data["wanted_pay_fen"]
        if not isinstance(pay, int) or not 0 <= pay <= 10_000_000:
            raise InvalidInput(fields={"wanted_pay_fen": _("From 0 to 100,000 yuan a month.")})
        seeker.wanted_pay_fen = pay
    if "town" in data and data["town"] is not None:
        if data["town"] and data["town"] not in Town.values:
            raise InvalidInput(fields={"town": _("Not a town of Kunshan.")})
        seeker.town = data["town"]
    if data.get("lat") is not None or data.get("lon") is not None:
        lat, lon = data.get("lat"), data.get("lon")
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidInput(fields={"lat": _("Give both latitude and longitude.")})
        seeker.lat, seeker.lon = float(lat), float(lon)
    if "station_id" in data and data["station_id"] is not None:
        seeker.station = _station(data["station_id"], by, staff=acting_as_staff)
    elif created and acting_as_staff:
        mine = selectors.stations_of(by)
        if len(mine) == 1:
            from nuanxin.places import selectors as places_selectors

            seeker.station = places_selectors.place_by_id(mine[0])
    if acting_as_staff and data.get("notes") is not None:
        seeker.notes = str(data["notes"])[:2000]

    # The advisor: chosen by staff, else the registering advisor, else the station's.
    if data.get("advisor_id") is not None:
        if not selectors.is_city_staff(by):
            raise PermissionDenied(_("Only advisors assign a seeker's advisor."), code="forbidden")
        seeker.advisor = _advisor(data["advisor_id"])
    elif seeker.advisor_id is None:
        if acting_as_staff and has_role(by, Role.ADVISOR):
            seeker.advisor = by
        else:
            seeker.advisor = selectors.station_advisor(seeker.station)

    profile = accounts_selectors.profile_of(person)
    seeker.tier, _reasons = tier_for(hardship=seeker.hardship, arrived_on=profile.arrived_on if profile else None,
                                     experience_years=seeker.experience_years, today=today)
    reopened = not created and seeker.status != SeekerStatus.ACTIVE
    if created or reopened:
        seeker.status = SeekerStatus.ACTIVE
        seeker.placed_at = seeker.closed_at = None
        # Registered at the window: the advisor has just talked to them, next contact in the
        # usual interval. Registered online: an advisor should get in touch today.
        seeker.next_contact_on = today + datetime.timedelta(days=FOLLOW_UP_DAYS) if acting_as_staff else today
    seeker.save()
    if "occupations" in data and data["occupations"] is not None:
        seeker.occupations.set(_occupations(data["occupations"]))
    if acting_as_staff:
        audit_log(actor=by, action="jobs.seeker.register" if created else "jobs.seeker.update", obj=seeker,
                  detail={"reopened": reopened} if reopened else None)
        if created or reopened:
            notify(person, _("You are registered as a job seeker. Your advisor: %(advisor)s. See your page for "
                             "jobs suggested to you.") % {"advisor": seeker.advisor.name if seeker.advisor else
                                                          _("to be assigned")},
                   kind="jobs.registered", link=MY_PAGE, sms=False)
    return seeker


def seeker_read(*, by: User, seeker_id: int, ip: str | None = None) -> Seeker:
    """A seeker's file for staff: found only if they may act for the seeker; the read is audited."""
    seeker = selectors.seeker_for_staff(by, seeker_id)
    if seeker is None:
        raise NotFound()
    audit_log(actor=by, action="jobs.seeker.read", obj=seeker, ip=ip)
    return seeker


def seeker_phone(*, by: User, seeker_id: int, ip: str | None = None) -> str:
    """The seeker's phone number, shown to staff only when they ask for it (audited)."""
    seeker = selectors.seeker_for_staff(by, seeker_id)
    if seeker is None:
        raise NotFound()
    audit_log(actor=by, action="jobs.seeker.phone", obj=seeker, ip=ip)
    return seeker.user.phone or ""


@transaction.atomic
def seeker_close(*, by: User, seeker_id: int | None = None, outcome: str = SeekerStatus.CLOSED, reason: str = "",
                 now: datetime.datetime | None = None) -> Seeker:
    """Close a registration: staff (placed — found work outside a referral — or closed, with
    a reason), or the worker their own (no `seeker_id`)."""
    now = now or timezone.now()
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()
    if seeker_id is None:
        seeker = selectors.seeker_of(by)
        if seeker is None:
            raise NotFound()
    else:
        seeker = selectors.seeker_for_staff(by, seeker_id)
        if seeker is None:
            raise NotFound()
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if outcome not in (SeekerStatus.PLACED, SeekerStatus.CLOSED):
        raise InvalidInput(fields={"outcome": _("Placed or closed.")})
    if seeker.status != SeekerStatus.ACTIVE:
        raise Conflict(_("This registration is already closed."), code="not_active")
    reason = (reason or "").strip()[:200]
    if seeker_id is not None and outcome == SeekerStatus.CLOSED and not reason:
        raise InvalidInput(fields={"reason": _("Say why the registration is closed.")})
    seeker.status = outcome
    seeker.next_contact_on = None
    if outcome == SeekerStatus.PLACED:
        seeker.placed_at = now
    else:
        seeker.closed_at = now
    seeker.save(update_fields=["status", "next_contact_on", "placed_at", "closed_at"])
    if seeker_id is not None:
        audit_log(actor=by, action=f"jobs.seeker.{outcome}", obj=seeker, detail={"reason": reason})
    from nuanxin.jobs.services import referrals

    referrals.cancel_open_referrals(seeker, by=by, now=now, note=_("The registration was closed."))
    return seeker


def mark_placed(seeker: Seeker, *, now: datetime.datetime) -> None:
    """A hire closes the registration as placed (called by referrals in its transaction)."""
    Seeker.objects.filter(pk=seeker.pk).update(status=SeekerStatus.PLACED, placed_at=now, next_contact_on=None)
    seeker.status, seeker.placed_at, seeker.next_contact_on = SeekerStatus.PLACED, now, None


# --- follow-ups -------------------------------------------------------------------------------


@transaction.atomic
def follow_up_add(*, by: User, seeker_id: int, channel: str, note: str = "",
                  next_contact_on: datetime.date | None = None, now: datetime.datetime | None = None) -> FollowUp:
    """Record a contact with a seeker (a call, a WeChat message, a visit…) and set the next
    one: the date given, else FOLLOW_UP_DAYS from today."""
    now = now or timezone.now()
    today = selectors.today(now)
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()
    seeker = selectors.seeker_for_staff(by, seeker_id)
    if seeker is None:
        raise NotFound()
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if channel not in Channel.values:
        raise InvalidInput(fields={"channel": _("Call, WeChat, visit, window or SMS.")})
    if seeker.status != SeekerStatus.ACTIVE:
        raise Conflict(_("This registration is closed: register the person again to follow up."), code="not_active")
    if next_contact_on is None:
        next_contact_on = today + datetime.timedelta(days=FOLLOW_UP_DAYS)
    elif not today <= next_contact_on <= today + datetime.timedelta(days=MAX_FOLLOW_UP_AHEAD):
        raise InvalidInput(fields={"next_contact_on": _("A day from today to a year ahead.")})
    follow_up = FollowUp.objects.create(seeker=seeker, by=by, channel=channel, note=(note or "").strip()[:2000],
                                        at=now, next_contact_on=next_contact_on)
    seeker.next_contact_on = next_contact_on
    seeker.save(update_fields=["next_contact_on"])
    audit_log(actor=by, action="jobs.seeker.follow_up", obj=seeker, detail={"channel": channel})
    return follow_up
