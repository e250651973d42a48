"""Pages: the city's dashboard for officials and administrators, a station's own figures for its
managers, the monthly reports, and the public open-data page with its downloads."""

import datetime
import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.core.dates import day as day_text
from nuanxin.core.dates import month as month_text
from nuanxin.core.errors import InvalidInput
from nuanxin.core.towns import Town
from nuanxin.dashboard import board as boards
from nuanxin.dashboard import exports, open_data, periods, selectors, services
from nuanxin.places import selectors as places
from nuanxin.places.choices import PlaceKind


def _period_and_town(request, *, strict: bool = False) -> tuple[periods.Period, str | None]:
    """The period and town asked for. On a page, a wrong one falls back to this month (or the
    whole city) with a message saying so; a file (strict) is never made of what was not asked."""
    town = request.GET.get("town") or None
    problems = []
    if town not in (None, *Town.values):
        problems.append(_("There is no town “%(town)s”: showing all of Kunshan.") % {"town": town[:20]})
        town = None
    try:
        period = periods.parse(request.GET.get("period"))
    except InvalidInput as exc:
        problems.extend(str(m) for m in exc.fields.values())
        problems.append(_("Showing this month."))
        period = periods.parse("month")
    if problems and strict:
        raise BadRequest(" ".join(problems))
    if problems:
        # Shown on this page only (the message store would carry it to the next page).
        request.dashboard_problems = problems
    return period, town


def _board(request, *, strict: bool = False) -> boards.Board:
    period, town = _period_and_town(request, strict=strict)
    snapshot = services.snapshot_for(period, wait=False)
    return boards.present(snapshot.data, snapshot.computed_at, period, town=town,
                          targets=selectors.targets_for(period.first_day.year))


def period_label(period: periods.Period) -> str:
    """A period in words: 2026年11月 / Nov 2026, 2026年, or a week with its first and last day."""
    if period.kind == "month":
        return month_text(period.first_day)
    if period.kind == "year":
        return _("%(year)s (the year)") % {"year": period.key}
    return _("week %(week)s, %(first)s–%(last)s") % {
        "week": period.key, "first": day_text(period.first_day),
        "last": day_text(period.end_day - datetime.timedelta(days=1))}


def period_choices(today: datetime.date, asked: periods.Period | None = None) -> list[tuple[str, str]]:
    """The periods offered in the picker: the current week, month and year, the months before
    (a year back) and the years before (to the program's first); and the one asked for by the
    address if it is none of these, so that the picker always says what is shown."""
    out = [("week", _("This week")), ("month", _("This month")), ("year", _("This year"))]
    month = periods.of_day("month", today)
    for _i in range(12):
        month = month.previous()
        out.append((month.key, month_text(month.first_day)))
    out += [(str(y), str(y)) for y in range(today.year - 1, periods.FIRST_YEAR - 1, -1)]
    current = {periods.of_day(kind, today).key for kind in periods.KINDS}
    if asked is not None and asked.key not in current and asked.key not in dict(out):
        out.insert(3, (asked.key, period_label(asked)))
    return out


def _chosen(request, period: periods.Period) -> str:
    """The picker's selected option: the period shown, by its name if it is the current one."""
    for kind in periods.KINDS:
        if periods.of_day(kind, periods.today()) == period:
            return kind
    return period.key


def _charts(b: boards.Board) -> dict:
    """What the charts draw, from the same board as the tables; a hidden cell ("<5") is a gap."""
    def num(value):
        return value if isinstance(value, int | float) else None

    return {
        "targets": [{"name": i["name"], "actual": num(i["actual"]), "target": i["target"]}
                    for i in b.items if i["target"]],
        "series": [{"code": i["code"], "name": i["name"], "points": [[s["period"], num(s["value"])] for s in i["series"]]}
                   for i in b.items],
    }


@login_required
def board(request):
    if not selectors.may_view(request.user):
        if places.places_managed_by(request.user).exists():
            return redirect("dashboard:station")
        raise Http404
    b = _board(request)
    today = periods.today()
    return render(request, "dashboard/board.html", {
        "b": b, "tables": boards.tables(b), "charts": _charts(b),
        "period_choices": period_choices(today, b.period), "towns": Town.choices,
        "period_text": period_label(b.period), "problems": getattr(request, "dashboard_problems", []),
        "query": request.GET.urlencode(), "reports": selectors.reports()[:12], "chosen": _chosen(request, b.period),
    })


def _officials_file(view):
    """A file of the city's figures: officials and admins only (404 for anyone else, as the
    page), and a wrong question answered with a plain 400 saying why, never a file."""
    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.may_view(request.user):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")

    return wrapped


@_officials_file
def export_csv(request, table: str):
    b = _board(request, strict=True)
    found = next((t for t in boards.tables(b) if t["code"] == table), None)
    if found is None:
        raise Http404
    return exports.attachment(exports.csv_bytes(found), "text/csv; charset=utf-8", f"nuanxin-{table}-{b.period.key}.csv")


@_officials_file
def export_xlsx(request):
    b = _board(request, strict=True)
    return exports.attachment(exports.xlsx_bytes(boards.tables(b), note=boards.suppression_note()),
                 exports.XLSX_TYPE, f"nuanxin-dashboard-{b.period.key}.xlsx")


@_officials_file
def report_pdf(request, month: str):
    found = selectors.report(month)
    if found is None:
        raise Http404
    return exports.attachment(bytes(found.pdf), "application/pdf", f"nuanxin-report-{month}.pdf")


@login_required
def station(request):
    """A station manager's own figures: person-times by hour at each place they keep."""
    # Where visits are recorded: a residence's figures are its own pages' (beds, nights).
    mine = list(places.places_managed_by(request.user).exclude(kind=PlaceKind.RESIDENCE).order_by("name"))
    if not mine:
        raise Http404
    period, _town = _period_and_town(request)
    window = period.window(timezone.now())
    by_hour = places.visits_by_hour(window, by="place", place_ids=[p.pk for p in mine])
    rows = []
    for place in mine:
        hours = [by_hour.get((place.pk, h), 0) for h in range(24)]
        total = boards.hide_small(sum(hours), sum(hours))
        # Hours that with the total would pin down what "<5" hides are hidden too ("x"); when
        # that is not enough (five visits, one an hour), the hours go and the total stays.
        protected, shown = boards.protect(total, {h: boards.hide_small(n, n) for h, n in enumerate(hours)})
        rows.append({"place": place, "total": total,
                     "hours": None if protected in boards.HIDDEN else [shown[h] for h in range(24)]})
    return render(request, "dashboard/station.html", {
        "rows": rows, "period": period, "period_choices": period_choices(periods.today(), period),
        "period_text": period_label(period), "problems": getattr(request, "dashboard_problems", []),
        "chosen": _chosen(request, period),
    })


def open_data_page(request):
    return render(request, "dashboard/open_data.html", {"datasets": open_data.DATASETS})


def open_data_file(request, name: str, fmt: str):
    dataset = open_data.DATASETS.get(name)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404
    head, rows = dataset["build"]()
    if fmt == "json":
        response = JsonResponse({"name": name, "generated_at": timezone.now().isoformat(), "licence": open_data.LICENCE,
                             "items": [dict(zip(head, row, strict=True)) for row in rows]},
                            json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response
    response = exports.attachment(exports.csv_bytes({"head": head, "rows": rows}), "text/csv; charset=utf-8",
                     f"nuanxin-{name}.csv")
    response["Access-Control-Allow-Origin"] = "*"
    return response
