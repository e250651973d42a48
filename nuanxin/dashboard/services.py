"""The dashboard's state changes: computing and storing a period's figures (the worker does it
every few minutes for the current week, month and year; a page asking for another period
computes it once), and making the monthly report."""

import datetime
import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from nuanxin.dashboard import compute, periods
from nuanxin.dashboard.models import MonthlyReport, Snapshot
from nuanxin.dashboard.periods import Period

# Figures of the current period are recomputed when older than this (the worker refreshes
# them every few minutes, so a page rarely waits); a past period is final once computed a day
# after its end (late corrections, such as a roll marked the next morning, are in by then).
FRESH_FOR = datetime.timedelta(minutes=15)
SETTLED_AFTER = datetime.timedelta(days=1)
REFRESH_ASKED_FOR = 5 * 60  # seconds: one request for a refresh per period in this time


def refresh(period: Period, *, now: datetime.datetime | None = None) -> Snapshot:
    now = now or timezone.now()
    began = time.perf_counter()
    data = compute.snapshot_data(period, now)
    values = {"data": data, "computed_at": now, "seconds": round(time.perf_counter() - began, 3)}
    try:
        with transaction.atomic():
            snapshot, _created = Snapshot.objects.update_or_create(period=period.key, defaults=values)
    except IntegrityError:  # two servers computed the same period at once: the other's row stands
        snapshot = Snapshot.objects.get(period=period.key)
    return snapshot


def _stale(snapshot: Snapshot, period: Period, now: datetime.datetime) -> bool:
    end = period.window(now).end
    if snapshot.computed_at >= end + SETTLED_AFTER:
        return False
    return now - snapshot.computed_at > FRESH_FOR


def snapshot_for(period: Period, *, now: datetime.datetime | None = None, wait: bool = True) -> Snapshot:
    """The stored figures for `period`, computed now if there are none or they are stale.

    A page or the API passes wait=False: stale figures are shown at once (their "as of" says
    how old) and the worker is asked to compute them again, once however many ask; on a city's
    database computing takes far longer than a page may. Only a period never computed waits."""
    now = now or timezone.now()
    snapshot = Snapshot.objects.filter(period=period.key).first()
    if snapshot is None or (wait and _stale(snapshot, period, now)):
        return refresh(period, now=now)
    if _stale(snapshot, period, now) and cache.add(f"dashboard:refreshing:{period.key}", 1, REFRESH_ASKED_FOR):
        from nuanxin.dashboard import tasks  # the task module imports this one

        tasks.refresh_period(period.key)
        snapshot.refresh_from_db()  # computed already where tasks run at once (tests, no worker)
    return snapshot


def refresh_current(now: datetime.datetime | None = None) -> dict:
    """The worker's job: the current week, month and year, so that pages never wait."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    done = {}
    for kind in periods.KINDS:
        snapshot = refresh(periods.of_day(kind, day), now=now)
        done[kind] = snapshot.seconds
    return done


def ensure_months(now: datetime.datetime | None = None) -> int:
    """The last 12 months (this one and the 11 before it) each with a snapshot, so that a page
    asking for one never waits: computes the missing ones, and the month just ended until its
    figures settle (as snapshot_for would on a page). Returns how many were computed."""
    now = now or timezone.now()
    computed = 0
    for month in periods.of_day("month", timezone.localtime(now).date()).series():
        snapshot = Snapshot.objects.filter(period=month.key).only("computed_at").first()
        if snapshot is None or _stale(snapshot, month, now):
            refresh(month, now=now)
            computed += 1
    return computed


def make_monthly_report(month: Period, *, now: datetime.datetime | None = None) -> MonthlyReport:
    """The PDF for `month` (made again if asked again: the figures may have been corrected)."""
    from nuanxin.dashboard import report  # reportlab is loaded only by the worker and this page

    now = now or timezone.now()
    snapshot = snapshot_for(month, now=now)
    with translation.override("zh-hans"):  # the city's report, in Chinese whoever asks for it
        pdf = report.monthly_pdf(snapshot, month)
    report_row, _created = MonthlyReport.objects.update_or_create(month=month.key, defaults={"pdf": pdf})
    return report_row


def report_due(now: datetime.datetime | None = None) -> MonthlyReport | None:
    """Once the month before has settled (a day after its end), its report, once. Not at
    midnight: a roll marked the next morning would be missing from a report made only once, and
    the report would then disagree with the page, which shows the settled figures ever after."""
    now = now or timezone.now()
    last_month = periods.of_day("month", timezone.localtime(now).date().replace(day=1) - datetime.timedelta(days=1))
    if now < last_month.window(now).end + SETTLED_AFTER:
        return None
    if MonthlyReport.objects.filter(month=last_month.key).exists():
        return None
    return make_monthly_report(last_month, now=now)
