"""Navigation that each app registers for itself: home tiles, header menu, account links and
whole parts of the settings page. Core's templates only loop over slots, so they name no other
app's pages and a new app (housing, jobs) adds its tiles in its own `nav.py`:

    from nuanxin.core import nav
    nav.register(nav.Link("tiles", _("Find a bed"), "housing:list", order=45, icon="🛏"))

Every installed app's `nav` module is imported once when the apps are ready (as the admin
finds `admin` modules). Slots: "tiles" (home page), "menu" (header), "footer" (every page's
foot, for everyone: e.g. the open data), "account" (links in My account on the settings page); parts (`Part`, an included template) go in "account_actions"
(the end of My account), "settings" (sections after it), "case_panels" (sections of a help
request's page, drawn with `case` in the context, e.g. its grants) and "place_panels" (sections
of a place's page, with `place` in the context, e.g. a residence's beds). Within a slot, entries show
by `order`, then by registration.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from nuanxin.core.permissions import user_roles


@dataclass(frozen=True)
class Link:
    slot: str
    label: str                              # gettext_lazy, so it follows the reader's language
    url: str                                # URL name, reversed when shown
    order: int = 100
    icon: str = ""
    query: str = ""                         # "kind=warm_station" → ?kind=warm_station
    fragment: str = ""                      # "display" → #display
    signed_in: bool | None = None           # True: only signed in; False: only signed out
    roles: frozenset[str] = frozenset()     # any of these roles (empty: no role needed)
    when: Callable | None = None            # a further test of the user, e.g. manages a place
    elder: bool | None = None               # True: only in elder mode; False: never in it
    come_back: bool = False                 # ?next=<this page> (sign-in), except on its own page

    def shown_to(self, request) -> bool:
        user = _user(request)
        if self.signed_in is not None and bool(user.is_authenticated) != self.signed_in:
            return False
        if self.elder is not None and bool(getattr(request, "elder_mode", False)) != self.elder:
            return False
        if self.roles and not user_roles(user) & self.roles:
            return False
        return self.when is None or bool(self.when(user))

    def href(self, request) -> str:
        path = reverse(self.url)
        href = path
        if self.query:
            href += f"?{self.query}"
        elif self.come_back and request.method == "GET" and request.path != path:
            href += f"?next={quote(request.get_full_path(), safe='/')}"
        return href + (f"#{self.fragment}" if self.fragment else "")


@dataclass(frozen=True)
class Part:
    slot: str
    template: str                           # included with the page's context
    order: int = 100
    signed_in: bool | None = None
    when: Callable | None = None

    def shown_to(self, request) -> bool:
        user = _user(request)
        if self.signed_in is not None and bool(user.is_authenticated) != self.signed_in:
            return False
        return self.when is None or bool(self.when(user))


@dataclass(frozen=True)
class Shown:
    """An entry as a template uses it."""

    label: str = ""
    href: str = ""
    icon: str = ""
    template: str = ""


_registry: list[Link | Part] = []


def _user(request):
    # An error page can be drawn before the authentication middleware has run.
    return getattr(request, "user", None) or AnonymousUser()


def register(*entries: Link | Part) -> None:
    _registry.extend(entries)


def discover() -> None:
    """Import every installed app's nav module (CoreConfig.ready)."""
    autodiscover_modules("nav")


def entries(slot: str, request) -> list[Shown]:
    chosen = sorted((e for e in _registry if e.slot == slot and e.shown_to(request)), key=lambda e: e.order)
    return [Shown(template=e.template) if isinstance(e, Part) else
            Shown(label=e.label, href=e.href(request), icon=e.icon) for e in chosen]


@dataclass
class Nav:
    """`nav` in every page's context: nav.tiles, nav.menu, … worked out when first used."""

    request: object
    _done: dict = field(default_factory=dict)

    def __getitem__(self, slot: str) -> list[Shown]:
        if slot not in self._done:
            self._done[slot] = entries(slot, self.request)
        return self._done[slot]


# Core's own entries.
register(
    Link("menu", _("Me"), "core:settings", order=30, signed_in=True),
    Link("menu", _("Settings"), "core:settings", order=40, fragment="display"),
)
