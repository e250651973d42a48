"""Cases: someone asks for help, staff take it on, it is followed to the end.

Case text (summary, details, notes) is a case file under PIPL: encrypted at rest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nuanxin.cases.choices import CaseType, Channel, CloseReason, State, Team
from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.towns import Town


class CaseTypeConfig(models.Model):
    """Per type: the team that works it and its deadlines (staff change them in the admin)."""

    type = models.CharField(_("type"), max_length=16, choices=CaseType.choices, unique=True)
    team = models.CharField(_("team"), max_length=12, choices=Team.choices)
    first_response_hours = models.PositiveIntegerField(_("first response within (hours)"))
    resolve_hours = models.PositiveIntegerField(_("resolve within (hours)"))

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")

    def __str__(self):
        return self.get_type_display()


class Case(models.Model):
    type = models.CharField(_("type"), max_length=16, choices=CaseType.choices)
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.NEW, db_index=True)
    team = models.CharField(_("team"), max_length=12, choices=Team.choices, db_index=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="cases", verbose_name=_("applicant"))
    applicant_name = EncryptedTextField(_("applicant's name"), blank=True)
    applicant_phone_masked = models.CharField(_("phone"), max_length=11, blank=True)
    # The number staff call back on, for a case filed on someone's behalf (an applicant with an
    # account is called on their account's number). Encrypted; pages show only the masked one.
    applicant_phone = EncryptedTextField(_("phone number to call"), blank=True)
    town = models.CharField(_("town"), max_length=16, choices=Town.choices, blank=True)
    summary = EncryptedTextField(_("what happened"))
    details = EncryptedTextField(_("details (JSON)"), blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("filed by"))
    source = models.CharField(_("opened from"), max_length=64, blank=True)  # e.g. gigs.application:12
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_cases", verbose_name=_("assignee"))
    first_response_due = models.DateTimeField(_("first response due"))
    due_at = models.DateTimeField(_("resolve by"))
    first_responded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(_("close reason"), max_length=16, choices=CloseReason.choices, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=100, blank=True)
    referral_consent_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["first_response_due", "id"]
        indexes = [models.Index(fields=["team", "state"])]

    def __str__(self):
        return f"#{self.pk} {self.get_type_display()}"


class CaseEvent(models.Model):
    """Every transition and escalation: who, when, from, to, and a note. Written by services only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField(max_length=12, default="transition")  # transition | escalation | opened
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    note = EncryptedTextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case_id} {self.from_state}→{self.to_state}"


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    internal = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"note {self.pk} on {self.case_id}"


class CaseAttachment(models.Model):
    """A photo or PDF for a case (a pay slip, a medical note), stored encrypted in the database
    so that it is protected, backed up and deleted together with its case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"attachment {self.pk} on {self.case_id}"
