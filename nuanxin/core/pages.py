"""Helpers for the server-rendered pages."""

from django.contrib import messages

from nuanxin.core.errors import DomainError


def run_service(request, fn, success: str, **kwargs):
    """Call a service for a page; show its refusal in plain words instead of an error page.
    Returns the service's result, or None when it refused (the message says why)."""
    try:
        result = fn(**kwargs)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return None
    if success:
        messages.success(request, success)
    return result


def posted_id(request, name: str) -> int | None:
    """A positive integer id from a form field, or None (never an exception on odd input)."""
    raw = request.POST.get(name) or ""
    return int(raw) if raw.isdigit() and len(raw) < 18 and int(raw) > 0 else None


def form_errors_from(form, exc: DomainError, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form: each message beside the visible field it names
    (the service's field names, or `rename`d to the form's), anything else above the form."""
    for name, why in exc.fields.items():
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields and not form.fields[name].widget.is_hidden else None, why)
    if not exc.fields:
        form.add_error(None, str(exc.message))
