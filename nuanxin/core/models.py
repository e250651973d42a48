"""Cross-cutting records: the append-only audit log, the rules job postings are screened by."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nuanxin.core.choices import PostingCategory
from nuanxin.core.regex_guard import validate_regex


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did or read what, when. Rows are only ever added: the ORM refuses updates and
    deletes (below), and so does the database itself (triggers, core migration 0006), except
    the worker's sealing, which sets a new row's place in the hash chain once (`seq`,
    `prev_hash`, `hash`; core/audit.py), and a deleted account's actor becoming empty. The
    chain covers `actor_ref`, not the actor's id, so erasing a person keeps it whole."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    actor_ref = models.CharField(max_length=32, blank=True, editable=False)  # the actor's id, kept when erased
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


class PostingRule(models.Model):
    """One thing a job posting may not say, as data staff extend in the admin (core/fairness.py).

    `pattern` is a regular expression over the ad with all white space removed (lower case,
    full-width letters and digits folded). A match is excused when `unless_before` matches
    the text right before it (无需/不收 before 押金), and whole honest phrases matching
    `unless` (男女不限, 押一休一 …) are blanked out before the rule runs.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=32, choices=PostingCategory.choices, db_index=True)
    law = models.CharField(_("law"), max_length=200, help_text=_("The article it breaks, e.g. 《就业促进法》第二十七条."))
    pattern = models.TextField(
        _("pattern"), validators=[validate_regex],
        help_text=_("A regular expression over the ad with white space removed."))
    unless_before = models.TextField(
        _("unless right after"), blank=True, validators=[validate_regex],
        help_text=_("A match is excused when the text just before it ends with this, e.g. 无需|不收."))
    unless = models.TextField(
        _("honest phrases"), blank=True, validators=[validate_regex],
        help_text=_("Phrases removed before matching, e.g. 男女不限|押一休一."))
    message = models.CharField(_("message"), max_length=300, help_text=_("What the law forbids."))
    fix = models.CharField(_("how to fix"), max_length=300, help_text=_("How the employer fixes the ad."))
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("posting rule")
        verbose_name_plural = _("posting rules")

    def __str__(self):
        return f"{self.get_category_display()}: {self.code}"


class RateCounter(models.Model):
    """How many times a scope's key (a phone, an address, a username) was used in one fixed
    window, shared by every server process through the database when there is no Redis."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
