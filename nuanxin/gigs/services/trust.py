"""After the shift: ratings, reliability records and appeals, reports about a gig and their review."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound
from nuanxin.core.permissions import require_role
from nuanxin.gigs.choices import AppealStatus, ApplicationStatus, GigStatus, ReportStatus, Side
from nuanxin.gigs.models import Application, Gig, GigReport, Rating, ReliabilityRecord

if TYPE_CHECKING:
    from nuanxin.accounts.models import User


@transaction.atomic
def rating_create(*, application_id: int, by: User, score: int, comment: str = "") -> Rating:
    app = Application.objects.select_related("shift__gig").filter(pk=application_id).first()
    if app is None:
        raise NotFound()
    if app.worker_id == by.pk:
        side = Side.WORKER
    elif app.shift.gig.employer.contacts.filter(pk=by.pk).exists():
        side = Side.EMPLOYER
    else:
        raise NotFound()
    if app.status != ApplicationStatus.COMPLETED:
        raise Conflict(_("Ratings open once the shift is confirmed."), code="not_completed")
    if not 1 <= score <= 5:
        raise InvalidInput(fields={"score": _("A score is 1 to 5.")})
    try:
        with transaction.atomic():
            return Rating.objects.create(application=app, side=side, score=score, comment=comment[:300])
    except IntegrityError:
        raise Conflict(_("You have already rated this shift."), code="already_rated") from None


@transaction.atomic
def reliability_appeal(*, record_id: int, worker: User, text: str) -> ReliabilityRecord:
    record = ReliabilityRecord.objects.select_for_update().filter(pk=record_id, worker=worker).first()
    if record is None:
        raise NotFound()
    if record.appeal_status:
        raise Conflict(_("This record was already appealed."), code="already_appealed")
    if not text.strip():
        raise InvalidInput(fields={"text": _("Say what happened.")})
    record.appeal_text, record.appeal_status = text.strip()[:500], AppealStatus.PENDING
    record.save(update_fields=["appeal_text", "appeal_status"])
    return record


@transaction.atomic
def reliability_decide(*, record_id: int, by: User, uphold: bool) -> ReliabilityRecord:
    require_role(by, Role.ADVISOR, Role.ADMIN)
    record = ReliabilityRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None:
        raise NotFound()
    if record.appeal_status != AppealStatus.PENDING:
        raise Conflict(_("There is no pending appeal."), code="no_appeal")
    record.appeal_status = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
    record.appeal_decided_by = by
    record.save(update_fields=["appeal_status", "appeal_decided_by"])
    audit_log(actor=by, action="gig.appeal_decide", obj=record, detail={"upheld": uphold})
    return record


@transaction.atomic
def gig_report(*, gig_id: int, by: User, reason: str, detail: str = "") -> GigReport:
    gig = Gig.objects.filter(pk=gig_id).exclude(status=GigStatus.DRAFT).first()
    if gig is None:
        raise NotFound()
    try:
        with transaction.atomic():
            return GigReport.objects.create(gig=gig, reporter=by, reason=reason, detail=detail[:500])
    except IntegrityError:
        raise Conflict(_("You have already reported this gig."), code="already_reported") from None


@transaction.atomic
def report_review(*, report_id: int, by: User, block: bool, now: datetime.datetime | None = None) -> GigReport:
    """Staff review: dismiss, or block the employer, which closes every gig of theirs."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    report = GigReport.objects.select_for_update().select_related("gig__employer").filter(pk=report_id).first()
    if report is None:
        raise NotFound()
    report.status = ReportStatus.ACTIONED if block else ReportStatus.DISMISSED
    report.reviewed_by, report.reviewed_at = by, now or timezone.now()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    if block:
        employer = report.gig.employer
        accounts.employer_block(employer_id=employer.pk, by=by, reason=f"gig report {report.pk}")
        Gig.objects.filter(employer=employer, status__in=[GigStatus.OPEN, GigStatus.DRAFT]).update(
            status=GigStatus.CLOSED)
        GigReport.objects.filter(gig__employer=employer, status=ReportStatus.OPEN).update(
            status=ReportStatus.ACTIONED, reviewed_by=by, reviewed_at=report.reviewed_at)
    audit_log(actor=by, action="gig.report_review", obj=report, detail={"blocked": block})
    return report


