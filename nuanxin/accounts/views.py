"""Sign-in pages: a phone and an SMS code for workers, a username and password for staff."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.accounts import devices, notify, selectors, services
from nuanxin.accounts.choices import AGREEMENT_VERSIONS, Agreement
from nuanxin.accounts.forms import AgreementForm, CodeForm, PasswordForm, PhoneForm, ProfileForm
from nuanxin.accounts.middleware import agreed_in_session
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import DomainError
from nuanxin.core.pages import form_errors_from, safe_next


def _next_url(request) -> str:
    return safe_next(request, reverse("places:nearby"))


def _after_sign_in(request, user) -> str:
    """Where a sign-in goes: the agreement first when this person has not agreed to the wording
    in force (even on the way to a page that is open without it, such as help), then on."""
    nxt = _next_url(request)
    if not user.is_staff and selectors.agreements_pending(user):
        return f"{reverse('accounts:agreement')}?{urlencode({'next': nxt})}"
    return nxt


def login_page(request):
    step = request.POST.get("step", "phone")
    phone_form, code_form, pw_form = PhoneForm(), None, PasswordForm(prefix="staff")
    if request.method == "POST" and step == "phone":
        phone_form = PhoneForm(request.POST)
        if phone_form.is_valid():
            phone = phone_form.cleaned_data["phone"]
            try:
                services.otp_request(phone=phone, ip=client_ip(request))
            except DomainError as exc:
                if isinstance(exc, services.CodeJustSent):
                    # The code sent a moment ago still works: keep the box to type it in.
                    code_form = CodeForm(initial={"phone": phone})
                    messages.info(request, str(exc.message))
                else:
                    phone_form.add_error("phone", str(exc.message))
            else:
                code_form = CodeForm(initial={"phone": phone})
    elif request.method == "POST" and step == "code":
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            try:
                user = services.otp_verify(phone=code_form.cleaned_data["phone"],
                                           code=code_form.cleaned_data["code"])
            except DomainError as exc:
                code_form.add_error("code", str(exc.message))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(_after_sign_in(request, user))
    elif request.method == "POST" and step == "password":
        pw_form = PasswordForm(request.POST, prefix="staff")
        if pw_form.is_valid():
            try:
                user = services.password_login(ip=client_ip(request), **pw_form.cleaned_data)
            except DomainError as exc:
                pw_form.add_error("password", str(exc.message))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(_next_url(request))
    return render(request, "accounts/login.html", {
        "phone_form": phone_form, "code_form": code_form, "pw_form": pw_form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "phone_display": (code_form.initial.get("phone") or code_form.data.get("phone", "")) if code_form else "",
        "title": _("Sign in"),
    })


@login_required
def agreement(request):
    """The first sign-in's step: agree to the user agreement and the privacy notice (an
    unticked box the person ticks), or sign out."""
    nxt = _next_url(request)
    if not selectors.agreements_pending(request.user):
        agreed_in_session(request)
        return redirect(nxt)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.agreements_accept_all(user=request.user, channel="web")
        agreed_in_session(request)
        return redirect(nxt)
    return render(request, "accounts/agreement.html", {"form": form, "next": nxt, "versions": AGREEMENT_VERSIONS})


@require_POST
@login_required
def agreement_withdraw(request):
    """Withdraw agreement to both documents (PIPL art. 15) and sign out: using the site again
    starts with agreeing again."""
    for doc in AGREEMENT_VERSIONS:
        services.agreement_withdraw(user=request.user, document=doc)
    logout(request)
    messages.success(request, _("Your agreement is withdrawn and you are signed out."))
    return redirect("core:home")


def document(request, which: str):
    """The user agreement or the privacy notice, in the reader's language, open to everyone."""
    doc = Agreement(which)
    lang = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "zh-hans"
    return render(request, f"accounts/documents/{doc.value}.{lang}.html",
                  {"version": AGREEMENT_VERSIONS[doc], "title": doc.label})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


@login_required
def inbox(request):
    """My messages: what was also sent by SMS (bookings, promotions, reminders). Opening the
    page marks them read."""
    items = list(notify.inbox_of(request.user)[:100])
    unread = {m.pk for m in items if m.read_at is None}
    notify.inbox_mark_read(request.user, now=timezone.now())
    return render(request, "accounts/inbox.html", {"items": items, "unread": unread})


@login_required
def profile(request):
    """Name and ID number on file (实名), asked for by the payout account page and bookings."""
    masked = selectors.id_number_masked_of(request.user)
    profile = selectors.profile_of(request.user)
    form = ProfileForm(request.POST or None, initial={"name": request.user.name,
                                                      "arrived_on": getattr(profile, "arrived_on", None)})
    if request.method == "POST" and form.is_valid():
        data = {"name": form.cleaned_data["name"].strip()}
        if form.cleaned_data.get("arrived_on"):
            data["arrived_on"] = form.cleaned_data["arrived_on"]
        if form.cleaned_data["id_number"]:
            data["id_number"] = form.cleaned_data["id_number"]
        elif not masked:
            form.add_error("id_number", _("Enter your ID card number."))
        if not form.errors:
            try:
                services.profile_update(user=request.user, data=data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(_next_url(request) if request.POST.get("next") else "accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "masked": masked,
                                                     "next": request.GET.get("next", "")})


@login_required
def my_devices(request):
    """The browsers and apps signed in as me; sign one out, or all but this one."""
    current = devices.current_device(request)
    if request.method == "POST":
        if request.POST.get("action") == "others":
            n = devices.devices_revoke_all(user=request.user, keep=current)
            messages.success(request, _("%(n)d other devices signed out.") % {"n": n})
        else:
            device_id = request.POST.get("device", "")
            try:
                devices.device_revoke(user=request.user, device_id=device_id)
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                if device_id == current:
                    return redirect("accounts:login")
                messages.success(request, _("That device is signed out."))
        return redirect("accounts:devices")
    return render(request, "accounts/devices.html", {"devices": devices.devices_of(request.user, current=current)})
