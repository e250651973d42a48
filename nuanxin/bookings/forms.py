from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Grade
from nuanxin.core.forms import AccessibleForm, DayField


class ChildForm(AccessibleForm):
    name = forms.CharField(label=_("Child's name"), max_length=30)
    birth_date = DayField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices)
    id_number = forms.CharField(label=_("Child's ID number"), max_length=18,
                                help_text=_("18 characters, on the household register. One record per child."))
    consent = forms.BooleanField(
        label=_("I am this child's guardian and agree that the child's name, ID number, birth date and grade "
                "are used to arrange summer care, and kept only while the child is enrolled."),
        required=False)


class AppealForm(AccessibleForm):
    text = forms.CharField(label=_("What happened?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class CodeForm(AccessibleForm):
    code = forms.CharField(label=_("The 6-digit code shown at the class or desk"), max_length=10,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


class DrawForm(AccessibleForm):
    """The second step of 现在抽签: before registration closes, closing it early needs a reason."""

    reason = forms.CharField(
        label=_("Why close registration early?"), max_length=200, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A few words. Everyone registered gets this reason with their result."))

    def __init__(self, *args, reason_needed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_needed
        if not reason_needed:
            del self.fields["reason"]
