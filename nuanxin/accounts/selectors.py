"""Read queries for accounts; each takes the asking user where visibility depends on it."""

from django.db.models import Case, Q, When

from nuanxin.accounts.choices import AGREEMENT_VERSIONS, EmployerStatus, Role
from nuanxin.accounts.models import (
    AgreementAcceptance,
    Child,
    Employer,
    EmployerLicence,
    User,
    WorkerProfile,
)
from nuanxin.core.permissions import has_role


def employers_visible_to(user: User):
    """Staff who verify employers see all; anyone else only the employers they are a contact of."""
    if has_role(user, Role.ADVISOR, Role.ADMIN):
        return Employer.objects.all()
    return Employer.objects.filter(Q(contacts=user)).distinct()


def employer_visible_to(user: User, employer_id: int) -> Employer | None:
    return employers_visible_to(user).filter(pk=employer_id).first()


def profile_of(user: User) -> WorkerProfile | None:
    return WorkerProfile.objects.filter(user=user).first()


def employer_may_transact(employer: Employer) -> bool:
    """Only a verified employer may deposit money or post work; a pending claim, a rejected one
    and a blocked employer may not (services.require_verified_employer says why)."""
    return employer.status == EmployerStatus.VERIFIED


def employer_acting_for(user: User) -> Employer | None:
    """The employer a contact acts for when none is named: a verified one first, then the
    oldest open claim, so that a rejected claim never shadows the employer that counts."""
    return (
        Employer.objects.filter(contacts=user)
        .exclude(status=EmployerStatus.REJECTED)
        .annotate(verified_first=Case(When(status=EmployerStatus.VERIFIED, then=0), default=1))
        .order_by("verified_first", "pk")
        .first()
    )


def real_name_of(user: User) -> str | None:
    """The worker's real name (实名): the name on file, counted only once an ID number backs it.
    None while either is missing — money may go only to an account in this name."""
    name = (
        User.objects.filter(pk=user.pk, worker_profile__id_number_hash__isnull=False)
        .exclude(worker_profile__id_number_hash="")
        .values_list("name", flat=True)
        .first()
    )
    return (name or "").strip() or None


def id_number_masked_of(user: User) -> str:
    """The masked ID number on file ('' when none): what pages may show of it."""
    return (
        WorkerProfile.objects.filter(user=user).values_list("id_number_masked", flat=True).first() or ""
    )


def agreements_pending(user: User) -> list[str]:
    """The documents (Agreement values) whose wording in force this person has not agreed to."""
    agreed = set(AgreementAcceptance.objects.filter(user=user, withdrawn_at__isnull=True).values_list(
        "document", "version"))
    return [doc for doc, version in AGREEMENT_VERSIONS.items() if (doc, version) not in agreed]


def agreements_of(user: User):
    return AgreementAcceptance.objects.filter(user=user).order_by("-accepted_at")


# --- doors for other apps: they read accounts only through these ---------------------------


def employer_of_contact(user: User, employer_id: int | None = None) -> Employer | None:
    """The employer a contact acts for: the one named (if they are its contact), else the one
    they act for by default (employer_acting_for)."""
    if employer_id is None:
        return employer_acting_for(user)
    return Employer.objects.filter(contacts=user, pk=employer_id).first()


def user_by_phone(phone: str) -> User | None:
    return User.objects.filter(phone=phone).first()


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


def is_verified_worker(user: User) -> bool:
    """A worker who has given their ID number once (places and beds are for verified people)."""
    return WorkerProfile.objects.filter(user=user, id_number_hash__isnull=False).exists()


def profiles_by_user(user_ids) -> dict[int, WorkerProfile]:
    return {p.user_id: p for p in WorkerProfile.objects.filter(user_id__in=user_ids)}


def autofill_workers_in_cells(cells) -> set[int]:
    """Active workers who let auto-fill offer them shifts and whose saved place is in these
    H3 resolution-7 cells."""
    return set(WorkerProfile.objects.filter(
        available_for_autofill=True, saved_h3_r7__in=cells,
        user__is_active=True, user__groups__name=Role.WORKER,
    ).values_list("user_id", flat=True))


def _children_in_care_of(guardian: User):
    return Child.objects.filter(Q(parent=guardian) | Q(guardians=guardian)).distinct()


def children_of(parent: User) -> list[Child]:
    """The children this person is a guardian of (registered them, or was added by staff)."""
    return list(_children_in_care_of(parent).order_by("pk"))


def child_of(parent: User, child_id: int) -> Child | None:
    """One of the guardian's own children; anyone else's child is simply not found."""
    return _children_in_care_of(parent).filter(pk=child_id).first()


def family_of(child: Child) -> list[int]:
    """The ids of the children who share a guardian with `child` (itself included): one family
    for an offering's cap on places per family."""
    guardians = {child.parent_id, *child.guardians.values_list("pk", flat=True)}
    return list(Child.objects.filter(Q(parent__in=guardians) | Q(guardians__in=guardians))
                .values_list("pk", flat=True).distinct())


def employer_has_licence(employer: Employer) -> bool:
    return EmployerLicence.objects.filter(employer_id=employer.pk).exists()
