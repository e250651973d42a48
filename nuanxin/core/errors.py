"""Domain errors: a stable snake_case code, an HTTP status and a human message.

Services raise these; the API turns them into API.md's error shape and pages show
the message, so one rule produces the same refusal through every door.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "bad_request"
    default_message = _("The request could not be processed.")

    def __init__(self, message=None, *, code=None, fields=None, status=None):
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        if status:
            self.status = status
        self.fields = dict(fields or {})
        super().__init__(str(self.message))


class InvalidInput(DomainError):
    status = 422
    code = "validation_error"
    default_message = _("Some fields are not valid.")


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"
    default_message = _("Please sign in first.")


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _("This conflicts with the current state.")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many requests. Please try again later.")

    def __init__(self, message=None, *, retry_after: int = 60, **kwargs):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


# The error code of a bare HTTP status, for errors that no domain rule raised (an unknown
# path, a method not allowed, a framework refusal).
STATUS_CODES = {
    400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error", 429: "rate_limited",
}


def status_code_name(status: int) -> str:
    return "server_error" if status >= 500 else STATUS_CODES.get(status, "bad_request")


def error_body(code: str, message, fields: dict | None = None) -> dict:
    """The one error shape of API.md."""
    return {
        "error": {
            "code": code,
            "message": str(message),
            "fields": {k: str(v) for k, v in (fields or {}).items()},
        }
    }
