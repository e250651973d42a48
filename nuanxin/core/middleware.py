"""Request-wide guards: NUL bytes refused, API errors always in API.md's shape, elder mode."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from nuanxin.core.errors import error_body, status_code_name

API_PREFIX = "/api/"

def _status_message(status: int) -> str:
    messages = {
        404: _("Not found."),
        405: _("This method is not allowed here."),
        401: _("Please sign in first."),
        403: _("You are not allowed to do this."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    if status >= 500:
        status = 500
    return messages.get(status, _("The request could not be processed."))


class RejectNulMiddleware:
    """NUL characters are never valid text here, and PostgreSQL refuses them with a 5xx-causing
    error deep in a query; refuse them at the door with a 400 instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            body = error_body("bad_request", _("The request contains a NUL character."))
            if request.path.startswith(API_PREFIX):
                return JsonResponse(body, status=400)
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest(body["error"]["message"])
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            if request.content_type == "multipart/form-data":
                # Uploaded files are binary; only the text fields must be free of NUL. The raw
                # body is read (and cached) first, so that a view can still read request.body;
                # a large upload is files only (attachments) and is left to its view.
                try:
                    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                        return False
                    request.body  # noqa: B018 - caches the stream before request.POST parses it
                    return any("\x00" in v for v in request.POST.values())
                except Exception:  # noqa: BLE001 - a body Django cannot parse is refused later
                    return False
            try:
                body = request.body
            except Exception:  # noqa: BLE001 - a body Django cannot read is handled later
                return False
            if b"\x00" in body or b"\\u0000" in body or b"%00" in body:
                return True
        return False


class ApiErrorShapeMiddleware:
    """Any error under /api/ that is not already JSON (Django's 404 for an unknown path,
    ninja's 405, a 500) gets API.md's error body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            status = response.status_code
            new = JsonResponse(error_body(status_code_name(status), _status_message(status)), status=status)
            if response.has_header("Allow"):
                new["Allow"] = response["Allow"]
            return new
        return response


ELDER_COOKIE = "nx_elder"


class ElderModeMiddleware:
    """长辈版: a cookie (set by a plain form, so it works without JS) enlarges the whole site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = request.COOKIES.get(ELDER_COOKIE) == "1"
        return self.get_response(request)

