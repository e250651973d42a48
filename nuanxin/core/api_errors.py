"""Every API error in API.md's shape: domain errors, validation, auth, 404/405 and the rest."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from nuanxin.core.errors import DomainError, RateLimited, error_body, status_code_name


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Schema):
    error: ErrorDetail


_CONTAINERS = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "filters"}


def _field_name(loc) -> str:
    """'shifts.0.end' for a body field (the index says which shift); a query parameter is
    named as the client sends it ('amenity', even when repeated)."""
    in_query = bool(loc) and loc[0] == "query"
    parts = [str(p) for p in loc
             if (isinstance(p, int) and not in_query) or (not isinstance(p, int) and str(p) not in _CONTAINERS)]
    return ".".join(parts) or "body"


def _pydantic_message(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, ")
    if kind == "missing":
        return _("This field is required.")
    if kind in {"string_too_long", "too_long"}:
        return _("Too long: at most %(n)s characters.") % {"n": ctx.get("max_length", "")}
    if kind in {"string_too_short", "too_short"}:
        return _("Too short: at least %(n)s characters.") % {"n": ctx.get("min_length", "")}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Must be at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt", ""))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Must be at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt", ""))}
    if kind in {"literal_error", "enum"}:
        return _("Must be one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind.startswith("int") or kind.startswith("float") or kind in {"finite_number"}:
        return _("Must be a number.")
    if kind.startswith("date") or kind.startswith("time"):
        return _("Must be a date or time in ISO 8601, e.g. 2026-07-01T09:00:00+08:00.")
    if kind.startswith("bool"):
        return _("Must be true or false.")
    if kind.startswith("list") or kind.startswith("tuple"):
        return _("Must be a list.")
    if kind.startswith("dict") or kind == "model_type" or kind == "model_attributes_type":
        return _("Must be a JSON object.")
    if kind.startswith("string"):
        return _("Must be text.")
    return _("This value is not valid.")


def install(api) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        response = api.create_response(
            request, error_body(exc.code, exc.message, exc.fields), status=exc.status
        )
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        fields: dict[str, str] = {}
        for err in exc.errors:
            fields.setdefault(_field_name(err.get("loc", ())), _pydantic_message(err))
        return api.create_response(
            request,
            error_body("validation_error", _("Some fields are not valid."), fields),
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request, exc: DjangoValidationError):
        fields = (
            {k: " ".join(str(m) for m in v) for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict") else {}
        )
        message = " ".join(str(m) for m in exc.messages)
        return api.create_response(
            request, error_body("validation_error", message, fields), status=422
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request, exc):
        return api.create_response(
            request,
            error_body("not_authenticated", _("Please sign in first: send Authorization: Bearer <token>.")),
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(
            request, error_body(status_code_name(exc.status_code), str(exc)), status=exc.status_code
        )
