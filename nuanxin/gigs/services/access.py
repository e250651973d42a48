"""Who may act on a gig or an application: the employer a user acts for, their own gigs and applications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.core.errors import NotFound, PermissionDenied
from nuanxin.gigs.models import Application, Gig

if TYPE_CHECKING:
    from nuanxin.accounts.models import Employer, User


def employer_of(user: User, employer_id: int | None = None) -> Employer:
    """The employer organisation the user acts for (API.md: the caller is its contact)."""
    employer = accounts_selectors.employer_of_contact(user, employer_id)
    if employer is None:
        raise PermissionDenied(_("Register your organisation as an employer first."), code="not_an_employer")
    return employer


def _own_gig(gig_id: int, user: User, *, lock: bool = False) -> Gig:
    """A gig of one of the user's employers; anyone else's gig is simply not found."""
    qs = Gig.objects.select_related("employer").filter(pk=gig_id, employer__contacts=user)
    if lock:
        qs = qs.select_for_update(of=("self",))
    gig = qs.first()
    if gig is None:
        raise NotFound()
    return gig


def _own_application(application_id: int, user: User) -> Application:
    """An application on a shift of one of the user's gigs, locked."""
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer", "worker")
           .filter(pk=application_id, shift__gig__employer__contacts=user).first())
    if app is None:
        raise NotFound()
    return app


def _my_application(application_id: int, worker: User) -> Application:
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig")
           .filter(pk=application_id, worker=worker).first())
    if app is None:
        raise NotFound()
    return app


