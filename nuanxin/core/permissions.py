"""Role checks shared by services, API and pages."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core.errors import NotAuthenticated, PermissionDenied


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_nx_roles", None)
    if cached is None:
        cached = set(user.role_names())
        user._nx_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def require_role(user, *roles: str) -> None:
    if not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    if not has_role(user, *roles):
        raise PermissionDenied(
            _("This needs one of these roles: %(roles)s.") % {"roles": ", ".join(roles)},
            code="forbidden",
        )
