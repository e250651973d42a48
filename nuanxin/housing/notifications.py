"""What housing tells people, one function per message. The services decide when."""

import re

from django.utils.translation import gettext as _

from nuanxin.accounts.notify import notify
from nuanxin.core import dates
from nuanxin.housing.choices import Status
from nuanxin.housing.models import Application

MY_STAY = "/housing/mine/"


def _what(app: Application) -> dict:
    return {"day": dates.day(app.check_in), "nights": app.nights,
            "place": app.residence.place.name if app.residence_id else ""}


def decided(app: Application, *, note: str = "") -> None:
    """The answer to an application: a bed, review, the waiting list, or no (with staff's why)."""
    what = _what(app)
    if app.status == Status.ALLOCATED:
        text = _("A bed is kept for you at %(place)s from %(day)s, %(nights)s nights. Check in on the first day "
                 "with your code %(code)s, or the bed is given to someone else.") % {**what, "code": app.code}
    elif app.status == Status.PENDING_REVIEW:
        text = _("We have your request for a bed from %(day)s. Staff will look at it and tell you.") % what
    elif app.status == Status.WAITLISTED:
        text = _("No bed is free from %(day)s yet: you are on the waiting list and will be told when one "
                 "frees up.") % what
    elif app.status == Status.REJECTED:
        text = _("Your request for a bed from %(day)s could not be met: %(why)s An employment advisor can help: "
                 "ask at the worker service center.") % {**what, "why": _sentence(note)}
    else:
        return
    notify(app.applicant, text, kind=f"housing.{app.status}", link=MY_STAY)


def forfeited(app: Application) -> None:
    notify(app.applicant, _("You did not check in on %(day)s, so the bed was given up. If something kept you "
                            "away, you can appeal in My stay.") % _what(app), kind="housing.forfeited",
           link=MY_STAY)


def extended(app: Application, *, note: str) -> None:
    notify(app.applicant, _("Your stay is extended: you may stay until the morning of %(day)s. %(why)s")
           % {"day": dates.day(app.check_out), "why": _sentence(note)}, kind="housing.extended", link=MY_STAY)


def _sentence(note: str) -> str:
    """Staff's note as a sentence of the message (they write it for the person)."""
    note = note.strip()
    if not note or note[-1] in "。.!！?？":
        return note
    return note + ("。" if re.search(r"[\u4e00-\u9fff]", note) else ".")


def advice_booked(app: Application) -> None:
    notify(app.applicant, _("A job advice appointment is booked for you: %(when)s at %(place)s.")
           % {"when": dates.day_hm(app.advice_at), "place": app.advice_place.name if app.advice_place_id else ""},
           kind="housing.advice", link=MY_STAY)


def appeal_decided(app: Application) -> None:
    if app.appeal_status == "upheld":
        text = _("Your appeal was accepted: the missed check-in no longer counts against you.")
    else:
        text = _("Your appeal was not accepted. You can still apply; staff will look at your next request.")
    notify(app.applicant, text, kind="housing.appeal", link=MY_STAY)
