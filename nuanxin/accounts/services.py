"""Every change to accounts: sign-in codes, tokens, profiles, children, employers, roles."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nuanxin.accounts import selectors
from nuanxin.accounts.choices import (
    AGREEMENT_VERSIONS,
    CONSENT_TEXT_VERSION,
    USCC_HOLDER_STATUSES,
    EmployerStatus,
    Role,
)
from nuanxin.accounts.models import (
    AgreementAcceptance,
    ApiToken,
    Child,
    Employer,
    EmployerLicence,
    GuardianConsent,
    OtpChallenge,
    User,
    WorkerProfile,
)
from nuanxin.accounts.notify import notify
from nuanxin.accounts.selectors import employer_may_transact
from nuanxin.accounts.sms import SmsError, send_sms
from nuanxin.core import codes, crypto, geo, ratelimit
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
)
from nuanxin.core.masking import mask_id_number
from nuanxin.core.permissions import has_role, require_role
from nuanxin.core.uploads import check_upload
from nuanxin.core.validators import check_id_number, check_phone, check_uscc, id_number_birth_date


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


def user_lock(user_id: int) -> None:
    """Lock a person's row until the transaction ends, so that two requests of the same person
    (two overlapping shifts, two places in one draw) are decided one after the other."""
    User.objects.select_for_update().filter(pk=user_id).first()


@transaction.atomic
def user_by_phone_or_create(*, phone: str, name: str = "") -> User:
    """The account of this phone number, created if new; a name fills an empty one only (a
    person's own name is never overwritten by someone else's register)."""
    phone = check_phone(phone)
    user = User.objects.filter(phone=phone).first() or user_create(phone=phone, name=name)
    if name and not user.name:
        User.objects.filter(pk=user.pk).update(name=name)
        user.name = name
    return user


@transaction.atomic
def employer_block(*, employer_id: int, by: User, reason: str) -> None:
    """Staff block an employer (an actioned report): it can no longer post or pay."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    Employer.objects.filter(pk=employer_id).update(status=EmployerStatus.BLOCKED)
    audit_log(actor=by, action="employer.block", obj=employer, detail={"reason": reason})


# --- phone one-time codes ---------------------------------------------------------------


def _phone_locked_until(phone: str, now: datetime.datetime) -> datetime.datetime | None:
    conf = _otp_settings()
    window_start = now - datetime.timedelta(seconds=conf["LOCKOUT_SECONDS"])
    recent = OtpChallenge.objects.filter(phone=phone, created_at__gte=window_start)
    dead = [c for c in recent if c.failed_attempts >= conf["MAX_WRONG_ATTEMPTS"]]
    if not dead:
        return None
    return max(c.created_at for c in dead) + datetime.timedelta(seconds=conf["LOCKOUT_SECONDS"])


class CodeJustSent(RateLimited):
    """Asked again within the resend wait: still a 429, and the code sent just now still works
    (the sign-in page keeps its box open)."""


class SmsUnavailable(DomainError):
    """The SMS provider refused or was unreachable: nothing was sent, and the try is not counted."""

    status = 503
    code = "sms_unavailable"
    default_message = gettext_lazy("The text message could not be sent just now. Please try again in a minute.")


def otp_request(*, phone: str, ip: str | None = None, now: datetime.datetime | None = None) -> OtpChallenge:
    """Send a 6-digit code. At most one a minute and five an hour per phone; none while locked."""
    phone = check_phone(phone)
    now = now or timezone.now()
    conf = _otp_settings()
    if ip and not ratelimit.hit("otp-ip", ip, limit=30, seconds=3600):
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
            raise CodeJustSent(
                _("A code was just sent. You can ask for another in %(seconds)d seconds.")
                % {"seconds": wait},
                retry_after=wait,
            )
        if last_hour.count() >= conf["MAX_PER_HOUR"]:
            raise RateLimited(_("Too many codes asked for this number. Please try again in an hour."))
        code = codes.six_digits()
        challenge = OtpChallenge.objects.create(
            phone=phone, code_hash=_code_hash(phone, code), created_at=now,
            expires_at=now + datetime.timedelta(seconds=conf["TTL_SECONDS"]), ip=ip,
        )
    # Sent after the row is committed, outside the lock: a slow SMS gateway holds nothing.
    text = _("[Nuanxin] Your sign-in code is %(code)s, valid for %(minutes)d minutes. "
             "Never tell anyone this code.") % {"code": code, "minutes": conf["TTL_SECONDS"] // 60}
    try:
        send_sms(phone, text)
    except SmsError:
        challenge.delete()  # never sent: it must not hold back the next try
        raise SmsUnavailable() from None
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


PASSWORD_WINDOW = 900
PASSWORD_TRIES_PER_NAME = 10
PASSWORD_TRIES_PER_ADDRESS = 50


def password_login(*, username: str, password: str, ip: str | None = None) -> User:
    """Staff sign-in, for the site's form, the API and /admin/ alike: ten wrong tries per
    username and fifty per address in 15 minutes, counted in the store all server processes
    share (core/ratelimit.py). A try is counted before the password is checked and given back
    when it was right, so parallel guesses cannot slip past the limit together."""
    name = (username or "").strip().lower()
    name_ok = ratelimit.hit("pw-name", name, limit=PASSWORD_TRIES_PER_NAME, seconds=PASSWORD_WINDOW)
    address_ok = not ip or ratelimit.hit("pw-ip", ip, limit=PASSWORD_TRIES_PER_ADDRESS, seconds=PASSWORD_WINDOW)
    if not (name_ok and address_ok):
        raise RateLimited(_("Too many failed sign-ins. Please try again in 15 minutes."), code="locked",
                          retry_after=PASSWORD_WINDOW)
    user = authenticate(username=username, password=password)
    if user is None:
        raise NotAuthenticated(_("Wrong username or password."), code="wrong_credentials")
    ratelimit.refund("pw-name", name, seconds=PASSWORD_WINDOW)
    if ip:
        ratelimit.refund("pw-ip", ip, seconds=PASSWORD_WINDOW)
    return user


# --- API tokens -------------------------------------------------------------------------


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_issue(*, user: User, days: int | None = None, user_agent: str = "", ip: str | None = None) -> str:
    """A bearer token, valid NUANXIN_TOKEN_TTL_DAYS (30) days, listed under "My devices"."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, key_hash=_token_hash(raw), prefix=raw[:8], user_agent=(user_agent or "")[:200], ip=ip,
        expires_at=timezone.now() + datetime.timedelta(days=days or settings.NUANXIN_TOKEN_TTL_DAYS),
    )
    return raw


def token_user(raw: str) -> User | None:
    token = token_lookup(raw)
    return token.user if token is not None else None


def token_lookup(raw: str) -> ApiToken | None:
    """The live token with this value (its user active), noting when it was last used."""
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
    return token


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


@transaction.atomic
def child_add(*, parent: User, name: str, birth_date: datetime.date, grade: str, id_number: str) -> Child:
    """Register a child by their ID number: one record per real child (issue 16: a parent held
    10 of 40 summer places through invented and repeated children). The same guardian adding
    the same child again gets the record they have; another person with the child's number is
    refused (staff add a second guardian in the admin, after seeing both)."""
    today = timezone.localdate()
    try:
        number = check_id_number(id_number)
    except ValidationError as exc:
        raise InvalidInput(fields={"id_number": exc.messages[0]}) from None
    if id_number_birth_date(number) != birth_date:
        raise InvalidInput(fields={"birth_date": _("The birth date does not match the ID number.")})
    if birth_date > today or (today.year - birth_date.year) > 18:
        raise InvalidInput(fields={"birth_date": _("A child's birth date must be within the last 18 years.")})
    digest = crypto.lookup_hash(number)
    existing = Child.objects.filter(id_number_hash=digest).first()
    if existing is not None:
        if selectors.child_of(parent, existing.pk) is not None:
            return existing
        raise Conflict(_("This child is already registered by another guardian. To book for the child too, come "
                         "to the worker service center with your ID card and the child's household register."),
                       code="child_registered", fields={"id_number": _("Already registered.")})
    try:
        with transaction.atomic():
            child = Child.objects.create(parent=parent, name=name, birth_date=birth_date, grade=grade, id_number=number,
                                         id_number_hash=digest, id_number_masked=mask_id_number(number))
    except IntegrityError:  # the same child registered by two requests at once
        raise Conflict(_("This child was just registered. Look at your children's list."),
                       code="child_registered") from None
    child.guardians.add(parent)
    return child


def _own_child(parent: User, child_id: int) -> Child:
    child = selectors.child_of(parent, child_id)
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


# --- the user agreement and the privacy notice ---------------------------------------------


def agreement_accept(*, user: User, document: str, version: str, channel: str = "web") -> AgreementAcceptance:
    """Record that the person agreed to the wording in force of one document. Agreeing again
    keeps the first record; an old or unknown version is refused, so nobody is recorded as
    agreeing to words they were not shown."""
    if document not in AGREEMENT_VERSIONS:
        raise InvalidInput(fields={"purpose": _("Unknown document.")})
    if version != AGREEMENT_VERSIONS[document]:
        raise Conflict(_("This wording is no longer in force; read version %(v)s and agree to it.")
                       % {"v": AGREEMENT_VERSIONS[document]}, code="stale_version",
                       fields={"version": AGREEMENT_VERSIONS[document]})
    live = AgreementAcceptance.objects.filter(user=user, document=document, version=version,
                                              withdrawn_at__isnull=True).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            accepted = AgreementAcceptance.objects.create(user=user, document=document, version=version,
                                                          channel=channel)
    except IntegrityError:  # the same agreement sent twice at once
        return AgreementAcceptance.objects.get(user=user, document=document, version=version,
                                               withdrawn_at__isnull=True)
    audit_log(actor=user, action="accounts.agreement_accept", obj=accepted,
              detail={"document": document, "version": version, "channel": channel})
    return accepted


def agreements_accept_all(*, user: User, channel: str = "web") -> None:
    """The sign-in page's one tick: both documents, in the wording in force."""
    for document, version in AGREEMENT_VERSIONS.items():
        agreement_accept(user=user, document=document, version=version, channel=channel)


def agreement_withdraw(*, user: User, document: str) -> int:
    """Withdraw an agreement (PIPL art. 15): the site asks again before it is used further."""
    if document not in AGREEMENT_VERSIONS:
        raise InvalidInput(fields={"purpose": _("Unknown document.")})
    n = AgreementAcceptance.objects.filter(user=user, document=document, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now())
    if n:
        audit_log(actor=user, action="accounts.agreement_withdraw", obj=user, detail={"document": document})
    return n


# --- employers and claims on a credit code --------------------------------------------------

# Anyone may claim a credit code, so the claims one account may file are limited: one account
# cannot squat many codes at once nor keep staff busy with claim after claim.
MAX_OPEN_CLAIMS = 3                           # pending claims per account at once
MAX_CLAIMS_PER_WINDOW = 10                    # claims filed per account in the window below
CLAIMS_WINDOW = datetime.timedelta(days=30)


def _uscc_taken() -> Conflict:
    return Conflict(
        _("An employer with this credit code is already registered on Nuanxin. "
          "Ask staff to add you as a contact of that employer."),
        code="uscc_taken", fields={"uscc": _("Already registered.")},
    )


@transaction.atomic
def employer_register(
    *, user: User, name: str, uscc: str, contact_name: str, contact_phone: str,
    now: datetime.datetime | None = None,
) -> Employer:
    """File a claim to be the employer with this credit code; staff verify it (or another)."""
    now = now or timezone.now()
    try:
        uscc = check_uscc(uscc)
    except ValidationError as exc:
        raise InvalidInput(fields={"uscc": " ".join(exc.messages)}) from None
    # One account's claims are counted and filed one at a time.
    User.objects.select_for_update().filter(pk=user.pk).first()
    same_code = Employer.objects.filter(uscc=uscc)
    if same_code.filter(claimed_by=user, status=EmployerStatus.PENDING).exists():
        raise Conflict(
            _("You have already claimed this credit code; staff will check your claim."),
            code="already_claimed", fields={"uscc": _("Already claimed by you.")},
        )
    if same_code.filter(contacts=user, status__in=USCC_HOLDER_STATUSES).exists():
        raise Conflict(
            _("You are already a contact of the employer with this credit code."),
            code="already_claimed", fields={"uscc": _("Already claimed by you.")},
        )
    if Employer.objects.filter(uscc=uscc, status__in=USCC_HOLDER_STATUSES).exists():
        raise _uscc_taken()
    claims = Employer.objects.filter(claimed_by=user)
    if claims.filter(status=EmployerStatus.PENDING).count() >= MAX_OPEN_CLAIMS:
        raise Conflict(
            _("You already have %(n)d claims waiting for staff. "
              "Please wait until they are decided.") % {"n": MAX_OPEN_CLAIMS},
            code="too_many_claims",
        )
    if claims.filter(created_at__gt=now - CLAIMS_WINDOW).count() >= MAX_CLAIMS_PER_WINDOW:
        raise Conflict(
            _("You have filed %(n)d employer claims in the last %(days)d days. "
              "Please ask staff for help.") % {"n": MAX_CLAIMS_PER_WINDOW, "days": CLAIMS_WINDOW.days},
            code="too_many_claims",
        )
    try:
        with transaction.atomic():
            employer = Employer.objects.create(
                name=name, uscc=uscc, contact_name=contact_name, contact_phone=contact_phone,
                claimed_by=user,
            )
    except IntegrityError:  # the same claim, filed twice at once
        raise Conflict(code="already_claimed", fields={"uscc": _("Already claimed by you.")}) from None
    employer.contacts.add(user)
    user_grant_role(user=user, role=Role.EMPLOYER)
    audit_log(actor=user, action="employer.register", obj=employer)
    return employer


def _own_claim(employer_id: int, user: User, *, lock: bool = False) -> Employer:
    """A claim the user is a contact of; anyone else's is simply not found."""
    qs = Employer.objects.filter(pk=employer_id, contacts=user)
    if lock:
        qs = qs.select_for_update()
    employer = qs.first()
    if employer is None:
        raise NotFound()
    return employer


@transaction.atomic
def employer_licence_upload(*, employer_id: int, by: User, data: bytes) -> EmployerLicence:
    """Attach the business licence (JPEG, PNG or PDF, at most 5 MB) to one's own pending claim;
    uploading again replaces it."""
    employer = _own_claim(employer_id, by, lock=True)
    if not employer.can_verify():
        raise Conflict(_("This claim has been decided; its licence can no longer be changed."),
                       code="claim_decided")
    kind = check_upload(data)
    licence, _created = EmployerLicence.objects.update_or_create(
        employer=employer,
        defaults={"uploaded_by": by, "content_type": kind, "size": len(data),
                  "data": crypto.encrypt_bytes(data), "uploaded_at": timezone.now()},
    )
    audit_log(actor=by, action="employer.licence_upload", obj=employer,
              detail={"content_type": kind, "size": len(data)})
    return licence


def employer_licence_read(*, employer_id: int, by: User, ip: str | None = None) -> tuple[str, bytes]:
    """The licence for the claim's contacts, or for staff who decide claims (each staff read is
    written to the audit log). Anyone else finds nothing."""
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    staff = has_role(by, Role.ADVISOR, Role.ADMIN)
    if not staff and not employer.contacts.filter(pk=by.pk).exists():
        raise NotFound()
    licence = EmployerLicence.objects.filter(employer=employer).first()
    if licence is None:
        raise NotFound(_("No business licence has been uploaded for this employer."), code="no_licence")
    if staff:
        audit_log(actor=by, action="employer.licence_read", obj=employer, ip=ip)
    return licence.content_type, crypto.decrypt_bytes(licence.data)


def _reject(employer: Employer, *, by: User, reason: str, now: datetime.datetime, detail: dict) -> None:
    employer.status = EmployerStatus.REJECTED
    employer.rejected_at, employer.rejected_by, employer.rejection_reason = now, by, reason[:500]
    employer.save(update_fields=["status", "rejected_at", "rejected_by", "rejection_reason"])
    audit_log(actor=by, action="employer.reject", obj=employer, detail={"reason": reason[:500], **detail})
    if employer.claimed_by_id:
        notify(employer.claimed_by,
               _("[Nuanxin] Your claim to be the employer %(name)s was not accepted: %(reason)s")
               % {"name": employer.name, "reason": reason[:500]},
               kind="employer.rejected")


@transaction.atomic
def employer_verify(*, employer_id: int, by: User) -> Employer:
    """Verify one claim; every other pending claim on the same credit code is rejected."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    # Every claim on the code is locked, in one order, so two staff deciding between the same
    # claims at once take turns.
    rivals = list(Employer.objects.select_for_update().filter(uscc=employer.uscc).order_by("pk"))
    employer = next((e for e in rivals if e.pk == employer_id), None)
    if employer is None:
        raise NotFound()
    if employer.status == EmployerStatus.VERIFIED:
        return employer  # verifying twice changes nothing
    if any(e.status in USCC_HOLDER_STATUSES for e in rivals if e.pk != employer.pk):
        raise _uscc_taken()
    if not employer.can_verify():
        raise Conflict(_("Only a pending claim can be verified; this one is %(status)s.")
                       % {"status": employer.get_status_display()}, code="claim_decided")
    now = timezone.now()
    employer.status = EmployerStatus.VERIFIED
    employer.verified_at = now
    employer.verified_by = by
    try:
        with transaction.atomic():
            employer.save(update_fields=["status", "verified_at", "verified_by"])
    except IntegrityError:  # another claim on the code verified in between
        raise _uscc_taken() from None
    audit_log(actor=by, action="employer.verify", obj=employer)
    reason = _("Another claim on this credit code was verified.")
    for other in rivals:
        if other.pk != employer.pk and other.status == EmployerStatus.PENDING:
            _reject(other, by=by, reason=reason, now=now, detail={"verified_employer": employer.pk})
    return employer


@transaction.atomic
def employer_reverify(*, employer_id: int, by: User, now: datetime.datetime | None = None) -> Employer:
    """Staff check a verified employer again (the periodic re-check recruiters must pass, e.g.
    jobs' six-monthly one) and record it: `verified_at` becomes now, `verified_by` the checker.
    Only a verified employer can be re-verified; a claim is verified with employer_verify."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    employer = Employer.objects.select_for_update().filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    if employer.status != EmployerStatus.VERIFIED:
        raise Conflict(_("Only a verified employer can be checked again; this one is %(status)s.")
                       % {"status": employer.get_status_display()}, code="not_verified")
    employer.verified_at = now or timezone.now()
    employer.verified_by = by
    employer.save(update_fields=["verified_at", "verified_by"])
    audit_log(actor=by, action="employer.reverify", obj=employer)
    return employer


@transaction.atomic
def employer_reject(*, employer_id: int, by: User, reason: str) -> Employer:
    """Staff turn down a pending claim, saying why (the claimant is told by inbox and SMS)."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(fields={"reason": _("Say why the claim is rejected.")})
    employer = Employer.objects.select_for_update().filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    if not employer.can_reject():
        raise Conflict(_("Only a pending claim can be rejected; this one is %(status)s.")
                       % {"status": employer.get_status_display()}, code="claim_decided")
    _reject(employer, by=by, reason=reason, now=timezone.now(), detail={})
    return employer


def require_verified_employer(employer: Employer) -> None:
    """Refuse money and postings for an employer staff have not verified (or have blocked)."""
    if employer_may_transact(employer):
        return
    if employer.status == EmployerStatus.BLOCKED:
        raise PermissionDenied(_("This employer is blocked. Please contact staff."), code="employer_blocked")
    if employer.status == EmployerStatus.REJECTED:
        raise PermissionDenied(
            _("This employer claim was rejected, so it cannot deposit money or post work."),
            code="employer_not_verified",
        )
    raise PermissionDenied(
        _("Staff are still checking this employer (upload the business licence if you have not). "
          "Once it is verified you can deposit money and post work; this usually takes a working day."),
        code="employer_not_verified",
    )
