"""What bookings tell people, one function per message: enrolled, promoted from the waiting
list, the draw's result, an offer expired, the reminder, a no-show, an appeal decided.

The services decide when; these word it. The texts are English msgids translated in
django.po, so a change of wording here is a change of translation there."""

import datetime

from django.utils.translation import gettext as _

from nuanxin.accounts.notify import notify
from nuanxin.bookings.choices import Status
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.core import dates

MY_BOOKINGS = "/bookings/mine/"


def _what(session: Session) -> dict:
    return {"title": session.offering.title, "when": dates.day_hm(session.start)}


def enrolled(e: Enrollment, session: Session) -> None:
    what = _what(session)
    if e.status == Status.CONFIRMED:
        text = _("Booked: %(title)s, %(when)s. Cancel in My bookings if you cannot come.") % what
    elif e.status == Status.WAITLISTED:
        text = _("Full for now: you are on the waiting list for %(title)s, %(when)s. "
                 "We will tell you if a place frees up.") % what
    else:
        text = _("Registered for the draw: %(title)s, %(when)s. Ticket %(ticket)s. "
                 "Everyone registered before the close has the same chance.") % {**what, "ticket": e.ticket}
    notify(e.user, text, kind=f"booking.{e.status}", link=MY_BOOKINGS)


def promoted(e: Enrollment, session: Session, *, offer_expires_at: datetime.datetime | None = None) -> None:
    """A seat came free: it is theirs, or (lottery) an offer to confirm by `offer_expires_at`."""
    what = _what(session)
    if offer_expires_at is not None:
        text = _("A place came free for you: %(title)s, %(when)s. Confirm it in My bookings "
                 "by %(by)s or it passes to the next person.") % {**what, "by": dates.day_hm(offer_expires_at)}
    else:
        text = _("Good news: a place came free and it is yours: %(title)s, %(when)s.") % what
    notify(e.user, text, kind="booking.promoted", link=MY_BOOKINGS)


def lottery_results(session: Session, entries: list[Enrollment], *, seats: int, expires: datetime.datetime,
                    closed_early_at: datetime.datetime | None = None) -> None:
    """Everyone in a draw hears their result; an early close is said first, with its reason."""
    what = _what(session)
    early = (_("Registration closed early, at %(at)s: %(reason)s. ") % {
        "at": dates.day_hm(closed_early_at), "reason": session.closed_early_reason}) if closed_early_at else ""
    for e in entries:
        if e.won:
            text = _("You won a place: %(title)s, %(when)s. Confirm it in My bookings by %(by)s.") % {
                **what, "by": dates.day_hm(expires)}
        else:
            text = _("Not this time: %(title)s, %(when)s. You are number %(n)s on the waiting list, "
                     "and your chance is higher in the next draw.") % {**what, "n": e.rank - seats}
        notify(e.user, early + text, kind="booking.lottery_result", link=MY_BOOKINGS)


def offer_expired(e: Enrollment) -> None:
    notify(e.user, _("You did not confirm your place in time: %(title)s. It went to the next "
                     "person.") % {"title": e.session.offering.title},
           kind="booking.expired", link=MY_BOOKINGS)


def reminder(e: Enrollment) -> None:
    notify(e.user, _("Reminder: %(title)s tomorrow %(when)s at %(place)s.") % {
        "title": e.session.offering.title, "when": dates.day_hm(e.session.start),
        "place": e.session.offering.place.name}, kind="booking.reminder", link=MY_BOOKINGS)


def no_show(e: Enrollment, session: Session) -> None:
    notify(e.user, _("You were marked absent from %(title)s. A no-show lowers your chance in later "
                     "draws for six months; if you were there or had a good reason, appeal in "
                     "My bookings.") % {"title": session.offering.title},
           kind="booking.no_show", link=MY_BOOKINGS)


def appeal_decided(e: Enrollment, *, accept: bool) -> None:
    notify(e.user, _("Your appeal was accepted: the no-show no longer counts.") if accept
           else _("Your appeal was not accepted."), kind="booking.appeal", link=MY_BOOKINGS)
