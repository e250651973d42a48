"""Nobody uses the site signed in before agreeing to the user agreement and privacy notice.

The first sign-in (and the first after either wording changes) leads to the agreement page and
then on to where the person was going. The answer is kept in the session, so a signed-in page
costs no extra query once agreed. Staff accounts agree through their employment, and the
JSON API records agreement through `POST /me/consents`; both pass.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from nuanxin.accounts.choices import AGREEMENT_VERSIONS
from nuanxin.accounts.selectors import agreements_pending
from nuanxin.core.pages import page_before

SESSION_KEY = "agreed"


def _versions() -> str:
    return ",".join(f"{doc}:{v}" for doc, v in sorted(AGREEMENT_VERSIONS.items()))

# Reading the documents, signing out, changing language or display, static files, the API,
# the admin; and the help page itself, whose emergency numbers must never be behind a step.
_OPEN_PREFIXES = ("/accounts/agreement/", "/accounts/terms/", "/accounts/privacy/", "/accounts/logout/",
                  "/accounts/login/", "/settings/", "/i18n/", "/static/", "/api/", "/admin/", "/favicon")


def agreed_in_session(request) -> None:
    request.session[SESSION_KEY] = _versions()


class AgreementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not user.is_staff
                and request.session.get(SESSION_KEY) != _versions() and not self._open(request)):
            if agreements_pending(user):
                target = request.get_full_path() if request.method == "GET" else page_before(request)
                return redirect(f"{reverse('accounts:agreement')}?{urlencode({'next': target})}")
            agreed_in_session(request)
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        return request.path.startswith(_OPEN_PREFIXES) or (request.method == "GET" and request.path == "/help/")
