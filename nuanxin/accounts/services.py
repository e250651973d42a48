"""Every change to accounts: sign-in codes, tokens, profiles, children, employers, roles."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts.choices import CONSENT_TEXT_VERSION, EmployerStatus, Role
from nuanxin.accounts.models import (
    ApiToken,
    Child,
    Employer,
    GuardianConsent,
    OtpChallenge,
    User,
    WorkerProfile,
)
from nuanxin.accounts.sms import send_sms
from nuanxin.core import crypto, geo
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, RateLimited
from nuanxin.core.masking import mask_id_number
from nuanxin.core.permissions import require_role
from nuanxin.core.validators import check_id_number, check_phone


def _otp_settings() -> dict:
    return settings.NUANXIN_OTP


def _code_hash(phone: str, code: str) -> str:
    return crypto.lookup_hash(f"otp:{phone}:{code}")


# --- roles ------------------------------------------------------------------------------


def user_grant_role(*, user: User, role: str, by: User | None = None) -> None:
    if role not in Role.values:
        raise InvalidInput(fields={"role": _("Unknown role.")})
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user.__dict__.pop("_nx_roles", None)
    if role == Role.ADMIN and not user.is_superuser:
        User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
        user.is_staff = user.is_superuser = True
    if by is not None:
        audit_log(actor=by, action="role.grant", obj=user, detail={"role": role})


@transaction.atomic
def user_create(
    *, phone: str | None = None, username: str | None = None, name: str = "",
    roles: tuple[str, ...] = (), password: str | None = None, is_staff: bool = False,
) -> User:
    if phone:
        phone = check_phone(phone)
    user = User.objects.create_user(
        username=username, password=password, phone=phone, name=name, is_staff=is_staff
    )
    for role in roles:
        user_grant_role(user=user, role=role)
    return user


# --- phone one-time codes ---------------------------------------------------------------


def _phone_locked_until(phone: str, now: datetime.datetime) -> datetime.datetime | None:
    conf = _otp_settings()
    window_start = now - datetime.timedelta(seconds=conf["LOCKOUT_SECONDS"])
    recent = OtpChallenge.objects.filter(phone=phone, created_at__gte=window_start)
    dead = [c for c in recent if c.failed_attempts >= conf["MAX_WRONG_ATTEMPTS"]]
    if not dead:
        return None
    return max(c.created_at for c in dead) + datetime.timedelta(seconds=conf["LOCKOUT_SECONDS"])


def otp_request(*, phone: str, ip: str | None = None, now: datetime.datetime | None = None) -> OtpChallenge:
    """Send a 6-digit code. At most one a minute and five an hour per phone; none while locked."""
    phone = check_phone(phone)
    now = now or timezone.now()
    conf = _otp_settings()
    if ip and not _ip_allows(ip, "otp", limit=30, seconds=3600):
        raise RateLimited(retry_after=3600)
    with transaction.atomic():
        locked_until = _phone_locked_until(phone, now)
        if locked_until and locked_until > now:
            raise RateLimited(
                _("Too many wrong codes. Please try again in %(minutes)d minutes.")
                % {"minutes": max(1, int((locked_until - now).total_seconds() // 60))},
                code="locked", retry_after=int((locked_until - now).total_seconds()),
            )
        last_hour = OtpChallenge.objects.filter(
            phone=phone, created_at__gte=now - datetime.timedelta(hours=1)
        ).order_by("-created_at")
        latest = last_hour.first()
        if latest and (now - latest.created_at).total_seconds() < conf["RESEND_AFTER_SECONDS"]:
            wait = conf["RESEND_AFTER_SECONDS"] - int((now - latest.created_at).total_seconds())
            raise RateLimited(
                _("A code was just sent. You can ask for another in %(seconds)d seconds.")
                % {"seconds": wait},
                retry_after=wait,
            )
        if last_hour.count() >= conf["MAX_PER_HOUR"]:
            raise RateLimited(_("Too many codes asked for this number. Please try again in an hour."))
        code = f"{secrets.randbelow(1_000_000):06d}"
        challenge = OtpChallenge.objects.create(
            phone=phone, code_hash=_code_hash(phone, code), created_at=now,
            expires_at=now + datetime.timedelta(seconds=conf["TTL_SECONDS"]), ip=ip,
        )
    # Sent after the row is committed, outside the lock: a slow SMS gateway holds nothing.
    text = _("[Nuanxin] Your sign-in code is %(code)s, valid for %(minutes)d minutes. "
             "Never tell anyone this code.") % {"code": code, "minutes": conf["TTL_SECONDS"] // 60}
    send_sms(phone, text)
    return challenge


def otp_verify(*, phone: str, code: str, now: datetime.datetime | None = None) -> User:
    """Check a code; a new number becomes a worker account. Wrong codes count toward a lockout."""
    phone = check_phone(phone)
    now = now or timezone.now()
    conf = _otp_settings()
    code = (code or "").strip()
    wrong = False
    with transaction.atomic():
        challenge = (
            OtpChallenge.objects.select_for_update()
            .filter(phone=phone, consumed_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if challenge is None:
            raise InvalidInput(
                _("No valid code for this number. Please ask for a new one."),
                code="code_expired", fields={"code": _("The code has expired or was used.")},
            )
        if challenge.failed_attempts >= conf["MAX_WRONG_ATTEMPTS"]:
            raise RateLimited(_("Too many wrong codes. Please ask for a new one later."), code="locked")
        if hmac.compare_digest(challenge.code_hash, _code_hash(phone, code)):
            OtpChallenge.objects.filter(pk=challenge.pk).update(consumed_at=now)
            user = User.objects.filter(phone=phone).first()
            if user is None:
                user = user_create(phone=phone, roles=(Role.WORKER,))
            if not user.is_active:
                raise NotAuthenticated(_("This account is disabled."), code="account_disabled")
            return user
        # The failed attempt must be kept even though the request fails: update, commit, then raise.
        OtpChallenge.objects.filter(pk=challenge.pk).update(failed_attempts=F("failed_attempts") + 1)
        wrong = True
        left = conf["MAX_WRONG_ATTEMPTS"] - challenge.failed_attempts - 1
    if wrong:
        raise InvalidInput(
            _("Wrong code. %(left)d tries left.") % {"left": max(0, left)},
            code="wrong_code", fields={"code": _("Wrong code.")},
        )
    raise AssertionError("unreachable")


def _ip_allows(ip: str, scope: str, *, limit: int, seconds: int) -> bool:
    key = f"rl:{scope}:{ip}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def password_login(*, username: str, password: str, ip: str | None = None) -> User:
    """Staff sign-in. Ten failures in 15 minutes lock the username for the rest of the window."""
    key = f"rl:pw:{hashlib.sha256((username or '').encode()).hexdigest()}"
    if (cache.get(key) or 0) >= 10:
        raise RateLimited(_("Too many failed sign-ins. Please try again in 15 minutes."), code="locked")
    user = authenticate(username=username, password=password)
    if user is None:
        cache.add(key, 0, timeout=900)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=900)
        raise NotAuthenticated(_("Wrong username or password."), code="wrong_credentials")
    return user


# --- API tokens -------------------------------------------------------------------------


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_issue(*, user: User, days: int | None = None) -> str:
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, key_hash=_token_hash(raw), prefix=raw[:8],
        expires_at=timezone.now() + datetime.timedelta(days=days or settings.NUANXIN_TOKEN_TTL_DAYS),
    )
    return raw


def token_user(raw: str) -> User | None:
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(raw), expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most every 5 min
    return token.user


def token_revoke(*, raw: str) -> None:
    ApiToken.objects.filter(key_hash=_token_hash(raw)).delete()


# --- worker profile and children ----------------------------------------------------------


@transaction.atomic
def profile_update(*, user: User, data: dict) -> WorkerProfile:
    """Replace the worker profile fields given in `data` (API.md PUT /me/profile)."""
    profile, _created = WorkerProfile.objects.select_for_update().get_or_create(user=user)
    if "name" in data and data["name"] is not None:
        User.objects.filter(pk=user.pk).update(name=data["name"])
        user.name = data["name"]
    if data.get("id_number"):
        number = check_id_number(data["id_number"])
        digest = crypto.lookup_hash(number)
        if WorkerProfile.objects.filter(id_number_hash=digest).exclude(pk=profile.pk).exists():
            raise Conflict(
                _("This ID number is already registered to another account."),
                code="id_number_taken", fields={"id_number": _("Already registered.")},
            )
        profile.id_number = number
        profile.id_number_hash = digest
        profile.id_number_masked = mask_id_number(number)
    if data.get("saved_place") is not None:
        point = data["saved_place"]
        if point == "":
            profile.saved_place, profile.saved_h3_r7 = "", None
        else:
            lat, lon = point
            profile.saved_place = f"{lat:.6f},{lon:.6f}"
            profile.saved_h3_r7 = geo.cells_for(lat, lon)[7]
    for field in ("hometown", "arrived_on", "occupation", "skills", "available_for_autofill"):
        if field in data and data[field] is not None:
            setattr(profile, field, data[field])
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:  # two accounts racing for one ID number
        raise Conflict(code="id_number_taken", fields={"id_number": _("Already registered.")}) from None
    return profile


def child_add(*, parent: User, name: str, birth_date: datetime.date, grade: str) -> Child:
    today = timezone.localdate()
    if birth_date > today or (today.year - birth_date.year) > 18:
        raise InvalidInput(fields={"birth_date": _("A child's birth date must be within the last 18 years.")})
    return Child.objects.create(parent=parent, name=name, birth_date=birth_date, grade=grade)


def _own_child(parent: User, child_id: int) -> Child:
    child = Child.objects.filter(pk=child_id, parent=parent).first()
    if child is None:  # someone else's child is as invisible as one that does not exist
        raise NotFound()
    return child


@transaction.atomic
def consent_give(*, parent: User, child_id: int, purpose: str) -> GuardianConsent:
    """Record the guardian's consent for one purpose; giving it again keeps the first record."""
    child = _own_child(parent, child_id)
    live = GuardianConsent.objects.filter(child=child, purpose=purpose, withdrawn_at__isnull=True).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            return GuardianConsent.objects.create(child=child, guardian=parent, purpose=purpose,
                                                  text_version=CONSENT_TEXT_VERSION)
    except IntegrityError:  # the same consent, given twice at once
        return GuardianConsent.objects.get(child=child, purpose=purpose, withdrawn_at__isnull=True)


def consent_withdraw(*, parent: User, child_id: int, purpose: str) -> int:
    child = _own_child(parent, child_id)
    return GuardianConsent.objects.filter(child=child, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now())


def has_consent(child: Child, purpose: str) -> bool:
    return GuardianConsent.objects.filter(child=child, purpose=purpose, withdrawn_at__isnull=True).exists()


# --- employers ----------------------------------------------------------------------------


@transaction.atomic
def employer_register(
    *, user: User, name: str, uscc: str, contact_name: str, contact_phone: str
) -> Employer:
    if Employer.objects.filter(uscc=uscc).exists():
        raise Conflict(
            _("An employer with this credit code is already registered."),
            code="uscc_taken", fields={"uscc": _("Already registered.")},
        )
    try:
        with transaction.atomic():
            employer = Employer.objects.create(
                name=name, uscc=uscc, contact_name=contact_name, contact_phone=contact_phone
            )
    except IntegrityError:
        raise Conflict(code="uscc_taken", fields={"uscc": _("Already registered.")}) from None
    employer.contacts.add(user)
    user_grant_role(user=user, role=Role.EMPLOYER)
    audit_log(actor=user, action="employer.register", obj=employer)
    return employer


@transaction.atomic
def employer_verify(*, employer_id: int, by: User) -> Employer:
    require_role(by, Role.ADVISOR, Role.ADMIN)
    employer = Employer.objects.select_for_update().filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    if employer.status == EmployerStatus.VERIFIED:
        return employer  # verifying twice changes nothing
    employer.status = EmployerStatus.VERIFIED
    employer.verified_at = timezone.now()
    employer.verified_by = by
    employer.save(update_fields=["status", "verified_at", "verified_by"])
    audit_log(actor=by, action="employer.verify", obj=employer)
    return employer
