"""My devices: the browsers signed in as me and the API tokens issued to me, each of which I
can sign out; all of them at once when my payout account changes (a stolen session must not
outlive the person noticing), except the device doing the change.

A device id is "web-<n>" (a WebSession) or "api-<n>" (an ApiToken): ids only ever resolve
among the caller's own devices, so another person's id is simply not found.
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts.models import ApiToken, User, WebSession
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import NotFound
from nuanxin.core.validators import plain_id


@dataclass(frozen=True)
class Device:
    id: str
    kind: str               # "web" or "api"
    name: str               # "Android phone · WeChat", in plain words
    ip: str | None
    signed_in_at: datetime.datetime
    last_used_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    current: bool


def describe_agent(user_agent: str) -> str:
    """A browser's user-agent string in plain words: "Android phone · WeChat"."""
    ua = user_agent or ""
    if "iPhone" in ua:
        system = _("iPhone")
    elif "iPad" in ua:
        system = _("iPad")
    elif "Android" in ua:
        system = _("Android phone")
    elif "Windows" in ua:
        system = _("Windows computer")
    elif "Macintosh" in ua:
        system = _("Mac")
    elif "Linux" in ua:
        system = _("Linux computer")
    else:
        system = _("Unknown device")
    for marker, app in (("MicroMessenger", _("WeChat")), ("AlipayClient", _("Alipay")), ("Edg/", "Edge"),
                        ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")):
        if marker in ua:
            return f"{system} · {app}"
    return str(system)


def session_signed_in(*, user: User, session_key: str, user_agent: str = "", ip: str | None = None) -> None:
    WebSession.objects.update_or_create(session_key=session_key, defaults={
        "user": user, "user_agent": (user_agent or "")[:200], "ip": ip, "created_at": timezone.now()})


def session_signed_out(session_key: str | None) -> None:
    if session_key:
        WebSession.objects.filter(session_key=session_key).delete()


def on_signed_in(sender, request, user, **kwargs):
    """user_logged_in: record the browser (every sign-in door calls Django's login())."""
    key = request.session.session_key if request is not None and hasattr(request, "session") else None
    if key:
        session_signed_in(user=user, session_key=key, user_agent=request.META.get("HTTP_USER_AGENT", ""),
                          ip=client_ip(request))


def on_signed_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_signed_out(request.session.session_key)


def _live_sessions(user: User, now: datetime.datetime):
    """The user's recorded browsers whose session still exists (both session engines we use,
    db and cached_db, keep every session in django_session)."""
    alive = Session.objects.filter(expire_date__gt=now).values("session_key")
    return WebSession.objects.filter(user=user, session_key__in=alive).order_by("-created_at")


def current_device(request) -> str | None:
    """The id of the device making this request: its token, or its browser session."""
    token = getattr(request, "nuanxin_token", None)
    if token is not None:
        return f"api-{token.pk}"
    key = request.session.session_key if hasattr(request, "session") else None
    if key:
        row = WebSession.objects.filter(session_key=key).values_list("pk", flat=True).first()
        return f"web-{row}" if row else None
    return None


def devices_of(user: User, *, current: str | None = None, now: datetime.datetime | None = None) -> list[Device]:
    now = now or timezone.now()
    web = [Device(id=f"web-{s.pk}", kind="web", name=describe_agent(s.user_agent), ip=s.ip, signed_in_at=s.created_at,
                  last_used_at=None, expires_at=None, current=current == f"web-{s.pk}")
           for s in _live_sessions(user, now)]
    api = [Device(id=f"api-{t.pk}", kind="api", name=_("App or partner system") + (
                      f" · {describe_agent(t.user_agent)}" if t.user_agent else ""),
                  ip=t.ip, signed_in_at=t.created_at, last_used_at=t.last_used_at, expires_at=t.expires_at,
                  current=current == f"api-{t.pk}")
           for t in ApiToken.objects.filter(user=user, expires_at__gt=now).order_by("-created_at")]
    return sorted(web + api, key=lambda d: (not d.current, -d.signed_in_at.timestamp()))


def _parse(device_id: str) -> tuple[str, int] | None:
    kind, _sep, raw = (device_id or "").partition("-")
    number = plain_id(raw)
    return (kind, number) if kind in ("web", "api") and number else None


def _end_sessions(rows) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = [r.session_key for r in rows]
    for key in keys:
        store(session_key=key).delete()
    WebSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def device_revoke(*, user: User, device_id: str) -> None:
    """Sign one of my devices out. Another person's device, or none, is 404 (no IDOR)."""
    parsed = _parse(device_id)
    if parsed and parsed[0] == "web":
        rows = list(WebSession.objects.filter(user=user, pk=parsed[1]))
        if rows:
            _end_sessions(rows)
            return
    elif parsed and ApiToken.objects.filter(user=user, pk=parsed[1]).delete()[0]:
        return
    raise NotFound(_("No such device among yours."), code="device_not_found")


@transaction.atomic
def devices_revoke_all(*, user: User, keep: str | None = None) -> int:
    """Sign out every device of mine but `keep` (the one asking); how many were signed out."""
    kept = _parse(keep) if keep else None
    sessions = WebSession.objects.filter(user=user)
    tokens = ApiToken.objects.filter(user=user)
    if kept and kept[0] == "web":
        sessions = sessions.exclude(pk=kept[1])
    if kept and kept[0] == "api":
        tokens = tokens.exclude(pk=kept[1])
    return _end_sessions(list(sessions)) + tokens.delete()[0]


def purge_stale(now: datetime.datetime | None = None) -> dict[str, int]:
    """Rows of browsers whose session has ended, and expired tokens (the worker, hourly)."""
    now = now or timezone.now()
    alive = Session.objects.filter(expire_date__gt=now).values("session_key")
    return {"signed-out browsers forgotten": WebSession.objects.exclude(session_key__in=alive).delete()[0],
            "expired tokens removed": ApiToken.objects.filter(expires_at__lte=now).delete()[0]}
