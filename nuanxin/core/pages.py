"""Helpers for the server-rendered pages."""

import functools
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from nuanxin.core import geo
from nuanxin.core.errors import DomainError
from nuanxin.core.validators import plain_id


def run_service(request, fn, success: str, **kwargs):
    """Call a service for a page; show its refusal in plain words instead of an error page.
    Returns the service's result, or None when it refused (the message says why)."""
    try:
        result = fn(**kwargs)
    except DomainError as exc:
        messages.error(request, refusal_text(exc))
        return None
    if success:
        messages.success(request, success)
    return result


def refusal_text(exc: DomainError) -> str:
    """A refusal in words a person can act on: the reasons given per field, not only "some
    fields are not valid" (e.g. "send your location, or the code the employer shows")."""
    reasons = [str(why) for why in exc.fields.values()]
    if reasons and exc.message == exc.default_message:
        return " ".join(reasons)
    return " ".join([str(exc.message), *reasons]) if reasons else str(exc.message)


def posted_id(request, name: str) -> int | None:
    """A positive integer id from a form field, or None (never an exception on odd input)."""
    return plain_id(request.POST.get(name), max_digits=17)


def form_errors_from(form, exc: DomainError, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form: each message beside the visible field it names
    (the service's field names, or `rename`d to the form's), anything else above the form."""
    for name, why in exc.fields.items():
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields and not form.fields[name].widget.is_hidden else None, why)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def _same_site(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                         require_https=request.is_secure())


def safe_next(request, fallback: str = "/") -> str:
    """The `next` a form or link carries, when it stays on this site; else the fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if _same_site(request, target) else fallback


def page_before(request, fallback: str = "/") -> str:
    """The page a form was posted from (same site only), as a path to come back to."""
    referer = request.META.get("HTTP_REFERER", "")
    if _same_site(request, referer):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return fallback


def login_required_for_action(view):
    """For a button's form post (apply, report, book…): a signed-out person is sent to sign in
    and then back to the page the button was on, where it is ready to tap again. (Coming back
    to the POST-only address itself would end on a 405 page.)"""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(page_before(request) if request.method == "POST" else request.get_full_path())

    return wrapped


def distance_from_query(request, lat: float, lon: float) -> int | None:
    """Metres from the point a list page passed on (?lat=&lon=, from "use my location") to
    (lat, lon); None when the page was opened without one or with nonsense."""
    try:
        here_lat, here_lon = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return None
    if not (-90 <= here_lat <= 90 and -180 <= here_lon <= 180):  # also refuses nan
        return None
    return round(geo.haversine_m(here_lat, here_lon, lat, lon))


def confirm_first(request, *, title: str, text: str, yes: str, back: str):
    """One tap must not undo something by mistake: a POST without `sure=yes` is answered with
    a page that says what will happen and posts the same form again with `sure=yes` (no
    JavaScript). Returns that page, or None when the person already said yes."""
    if request.POST.get("sure") == "yes":
        return None
    fields = [(k, v) for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "sure")]
    return render(request, "core/confirm.html", {"title": title, "text": text, "yes": yes, "back": back,
                                                 "action": request.path, "fields": fields})
