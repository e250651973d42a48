"""People and organisations: users with roles, worker profiles, children, employers, tokens, OTPs."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import (
    USCC_HOLDER_STATUSES,
    Agreement,
    ConsentPurpose,
    EmployerStatus,
    Grade,
    Occupation,
    Role,
)
from nuanxin.core.fields import EncryptedDateField, EncryptedTextField
from nuanxin.core.masking import mask_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username=None, password=None, *, phone=None, **extra):
        if not username and not phone:
            raise ValueError("A user needs a phone number or a username.")
        user = self.model(username=username or None, phone=phone or None, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        user = self.create_user(username, password, **extra)
        user.groups.add(Group.objects.get_or_create(name=Role.ADMIN)[0])
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """Workers sign in with their mobile number and a one-time code; staff with a username.

    Roles are Django groups named by Role values, so admin permissions attach to them too.
    """

    phone = models.CharField(_("mobile number"), max_length=11, unique=True, null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(phone__isnull=False) | Q(username__isnull=False),
                name="user_has_login",
            )
        ]

    def __str__(self):
        return self.name or self.username or self.phone_masked

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")

    def role_names(self) -> list[str]:
        valid = set(Role.values)
        if hasattr(self, "_prefetched_objects_cache") and "groups" in self._prefetched_objects_cache:
            names = [g.name for g in self.groups.all()]
        else:
            names = list(self.groups.values_list("name", flat=True))
        return sorted(n for n in names if n in valid)


class WorkerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="worker_profile")
    id_number = EncryptedTextField(_("ID number"), blank=True)
    # Keyed hash of the ID number: one person, one profile, without storing the number in clear.
    id_number_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    hometown = models.CharField(_("hometown"), max_length=60, blank=True)
    arrived_on = models.DateField(_("arrived in Kunshan"), null=True, blank=True)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    # A saved place ("lat,lon", e.g. home or the usual waiting spot) is a precise location:
    # encrypted; only its ~5 km² H3 cell is kept in clear, to find workers near a gig.
    saved_place = EncryptedTextField(_("saved place"), blank=True)
    saved_h3_r7 = models.BigIntegerField(null=True, blank=True, db_index=True, editable=False)
    available_for_autofill = models.BooleanField(
        _("employers may book me for open places near my saved place"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")

    def __str__(self):
        return str(self.user)

    def saved_point(self) -> tuple[float, float] | None:
        if not self.saved_place:
            return None
        lat, lon = self.saved_place.split(",")
        return float(lat), float(lon)


class Child(models.Model):
    """A real child, for summer care: one record per child, found by the child's ID number
    (checked and encrypted like a worker's, unique by its keyed hash), linked to the
    guardians who may book for them. `parent` is the guardian who registered the child; staff
    add a second guardian in the admin. Minors' data: the name and ID number are encrypted."""

    parent = models.ForeignKey(User, on_delete=models.CASCADE, related_name="children")
    guardians = models.ManyToManyField(User, related_name="wards", blank=True)
    name = EncryptedTextField(_("name"))
    id_number = EncryptedTextField(_("ID number"), blank=True)
    # Null for the records made before ID numbers were asked for; unique once given.
    id_number_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    birth_date = EncryptedDateField(_("birth date"))
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self):
        return f"{self.get_grade_display()} #{self.pk}"


class Employer(models.Model):
    """An employer organisation, or, while `pending`, one account's claim to be that organisation.

    Anyone may claim a credit code, so several pending claims on one code may coexist; staff
    verify one (with its business licence as evidence) and the others are rejected. The code is
    unique only among verified (and blocked, so that a block cannot be shed by claiming anew)
    employers.
    """

    name = models.CharField(_("name"), max_length=100)
    uscc = models.CharField(_("Unified Social Credit Code"), max_length=18, db_index=True)
    contact_name = models.CharField(_("contact"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=11)
    status = models.CharField(
        _("status"), max_length=10, choices=EmployerStatus.choices, default=EmployerStatus.PENDING
    )
    contacts = models.ManyToManyField(User, related_name="employers", blank=True)
    claimed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="employer_claims",
        verbose_name=_("claimed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("rejected by"),
    )
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=Q(status__in=USCC_HOLDER_STATUSES),
                name="one_verified_employer_per_uscc",
            ),
            models.UniqueConstraint(
                fields=["claimed_by", "uscc"], condition=Q(status=EmployerStatus.PENDING),
                name="one_open_claim_per_account_and_uscc",
            ),
        ]

    def __str__(self):
        return self.name

    def can_verify(self) -> bool:
        return self.status == EmployerStatus.PENDING

    def can_reject(self) -> bool:
        return self.status == EmployerStatus.PENDING

    @property
    def is_verified(self) -> bool:
        return self.status == EmployerStatus.VERIFIED


class EmployerLicence(models.Model):
    """The business licence (营业执照) a claim carries as evidence: a photo or PDF, stored
    encrypted in the database like case attachments, and replaced when uploaded again."""

    employer = models.OneToOneField(Employer, on_delete=models.CASCADE, related_name="licence")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("business licence")
        verbose_name_plural = _("business licences")

    def __str__(self):
        return f"licence of employer {self.employer_id}"


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored (tokens are 256-bit random, so no salt is needed)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    # What "My devices" shows of it: the app that asked for it, and from where.
    user_agent = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"


class WebSession(models.Model):
    """A browser signed in as the user, so that "My devices" can list it and sign it out. The
    session itself lives in Django's session store; this row names it (recorded at sign-in,
    dropped at sign-out; rows whose session has expired are not shown and are purged)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="web_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signed-in browser")
        verbose_name_plural = _("signed-in browsers")

    def __str__(self):
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


class OtpChallenge(models.Model):
    """One SMS code sent to a phone. The code is stored as a keyed hash."""

    phone = models.CharField(max_length=11, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    consumed_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{mask_phone(self.phone)} {self.created_at:%H:%M}"


class GuardianConsent(models.Model):
    """A guardian's recorded consent to process a child's data for one purpose.

    PIPL art. 31: a child under 14's data needs the guardian's consent, given apart for each
    purpose; withdrawing it stops new processing (enrolment) for that purpose.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consents")
    guardian = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("consent text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(fields=["child", "purpose"], condition=Q(withdrawn_at__isnull=True),
                                    name="one_live_consent_per_purpose"),
        ]

    def __str__(self):
        return f"{self.child} {self.purpose} {self.given_at:%Y-%m-%d}"


class AgreementAcceptance(models.Model):
    """One person's agreement to one version of the user agreement or the privacy notice:
    the record PIPL asks a processor to be able to show (who, which wording, when, how)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="agreements")
    document = models.CharField(_("document"), max_length=10, choices=Agreement.choices)
    version = models.CharField(_("version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=10, default="web")  # web or api
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement acceptance")
        verbose_name_plural = _("agreement acceptances")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "document", "version"], condition=Q(withdrawn_at__isnull=True),
                                    name="one_live_acceptance_per_version"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.document} {self.version}"


class InboxMessage(models.Model):
    """A message in a person's in-site inbox; the same words usually go out by SMS too."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inbox")
    kind = models.CharField(_("kind"), max_length=40)
    text = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="inbox_user_recent")]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"
