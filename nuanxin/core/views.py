"""Site-wide pages: home, settings (display and language), the elder-mode switch."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from nuanxin.core.middleware import ELDER_COOKIE
from nuanxin.core.pages import safe_next


def home(request):
    return render(request, "core/home.html")


def settings_page(request):
    return render(request, "core/settings.html")


@require_POST
def elder_toggle(request):
    """A plain form post, so the switch works without JavaScript; remembered for a year."""
    response = HttpResponseRedirect(safe_next(request))
    if request.POST.get("on") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
