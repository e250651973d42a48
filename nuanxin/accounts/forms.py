import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm, DayField
from nuanxin.core.validators import check_phone


class PhoneForm(AccessibleForm):
    phone = forms.CharField(
        label=_("Mobile number"), max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"}),
        help_text=_("We send a 6-digit code to this number."),
    )

    def clean_phone(self):
        try:
            return check_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


class CodeForm(AccessibleForm):
    phone = forms.CharField(widget=forms.HiddenInput, max_length=20)
    code = forms.CharField(
        label=_("Code from the SMS"), max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("6 digits; valid for 5 minutes. You can paste it."),
    )


class PasswordForm(AccessibleForm):
    username = forms.CharField(label=_("Username"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=_("Password"), max_length=128,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class EmployerRejectForm(forms.Form):
    """The reason staff give when turning claims down in the admin (the claimant reads it)."""

    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ProfileForm(AccessibleForm):
    """Real name and ID number: what a payout account and bookings need (实名)."""

    name = forms.CharField(label=_("Name, as on your ID card"), max_length=50, min_length=2,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(
        label=_("ID card number (18 digits)"), max_length=30, required=False,  # room for spaces people type
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
        help_text=_("Kept encrypted; staff and pages only ever show it masked."),
    )

    arrived_on = DayField(
        label=_("The day you came to Kunshan"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Newcomers get beds in warm residences and closer help from employment advisors."))

    def clean_arrived_on(self):
        day = self.cleaned_data.get("arrived_on")
        if day is not None and day > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError(_("This day has not come yet."))
        return day

    def clean_id_number(self):
        from nuanxin.core.validators import check_id_number

        raw = self.cleaned_data["id_number"]
        if not raw.strip():
            return ""
        try:
            return check_id_number(raw)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


class AgreementForm(AccessibleForm):
    # Never ticked in advance: consent has to be the person's own act (PIPL art. 14).
    agree = forms.BooleanField(
        label=_("I have read and agree to the user agreement and the privacy notice"),
        error_messages={"required": _("Tick the box to agree, or sign out if you do not agree.")},
    )
