"""Read queries for accounts; each takes the asking user where visibility depends on it."""

from django.db.models import Q

from nuanxin.accounts.choices import Role
from nuanxin.accounts.models import Employer, User, WorkerProfile
from nuanxin.core.permissions import has_role


def employers_visible_to(user: User):
    """Staff who verify employers see all; anyone else only the employers they are a contact of."""
    if has_role(user, Role.ADVISOR, Role.ADMIN):
        return Employer.objects.all()
    return Employer.objects.filter(Q(contacts=user)).distinct()


def profile_of(user: User) -> WorkerProfile | None:
    return WorkerProfile.objects.filter(user=user).first()
