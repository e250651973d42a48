from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.cases.choices import CaseType, CloseReason, State
from nuanxin.core.forms import AccessibleForm
from nuanxin.core.towns import Town

# Emergency first: the help form lists the urgent kinds at the top.
HELP_CHOICES = [
    (CaseType.EMERGENCY, _("Emergency: no place to sleep, no money to go home, in danger")),
    (CaseType.RIGHTS, _("Unpaid wages, injury at work, contract trouble")),
    (CaseType.HEALTH, _("Health: illness, check-ups")),
    (CaseType.HARDSHIP, _("Hard times: help with living costs")),
    (CaseType.JOB_SEEKING, _("Looking for work")),
    (CaseType.LEGAL_AID, _("Free legal help")),
    (CaseType.POLICY, _("Questions about policies")),
    (CaseType.STARTUP, _("Starting a small business")),
]


class HelpForm(AccessibleForm):
    type = forms.ChoiceField(label=_("What do you need help with?"), choices=HELP_CHOICES, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Tell us in a few words"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What happened, where you are, how we can reach you."))
    town = forms.ChoiceField(label=_("Town"), required=False, choices=[("", "—")] + list(Town.choices))


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=State.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    reason = forms.ChoiceField(label=_("Close reason"), required=False, choices=[("", "—")] + list(CloseReason.choices))
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=100)
    consent = forms.BooleanField(label=_("The applicant agreed to the referral"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    # Staff mostly write to answer the applicant: a note is visible unless staff tick this.
    internal = forms.BooleanField(label=_("Staff only (the applicant does not see it)"), required=False,
                                  initial=False)
