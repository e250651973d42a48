"""Pages: the city's dashboard for officials and administrators, a station's own figures for its
managers, the monthly reports, and the public open-data page with its downloads."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.core.dates import month as month_text
from nuanxin.core.errors import InvalidInput
from nuanxin.core.towns import Town
from nuanxin.dashboard import board as boards
from nuanxin.dashboard import exports, open_data, periods, selectors, services
from nuanxin.places import selectors as places


def _period_and_town(request) -> tuple[periods.Period, str | None]:
    """The period and town asked for; a wrong one falls back to this month with a message."""
    town = request.GET.get("town") or None
    if town not in Town.values:
        town = None
    try:
        return periods.parse(request.GET.get("period")), town
    except InvalidInput as exc:
        messages.error(request, " ".join(str(m) for m in exc.fields.values()))
        return periods.parse("month"), town


def _board(request) -> boards.Board:
    period, town = _period_and_town(request)
    snapshot = services.snapshot_for(period, wait=False)
    return boards.present(snapshot.data, snapshot.computed_at, period, town=town,
                          targets=selectors.targets_for(period.first_day.year))


def period_choices(today: datetime.date) -> list[tuple[str, str]]:
    """The periods offered in the picker: the current week, month and year, the months before
    (a year back) and the years before (to the program's first)."""
    out = [("week", _("This week")), ("month", _("This month")), ("year", _("This year"))]
    month = periods.of_day("month", today)
    for _i in range(12):
        month = month.previous()
        out.append((month.key, month_text(month.first_day)))
    out += [(str(y), str(y)) for y in range(today.year - 1, periods.FIRST_YEAR - 1, -1)]
    return out


def _chosen(request, period: periods.Period) -> str:
    """The picker's selected option: what was asked for, or this month."""
    asked = request.GET.get("period") or "month"
    return asked if asked in periods.KINDS else period.key


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
        "period_choices": period_choices(today), "towns": Town.choices,
        "query": request.GET.urlencode(), "reports": selectors.reports()[:12], "chosen": _chosen(request, b.period),
    })


@login_required
def export_csv(request, table: str):
    if not selectors.may_view(request.user):
        raise Http404
    b = _board(request)
    found = next((t for t in boards.tables(b) if t["code"] == table), None)
    if found is None:
        raise Http404
    return exports.attachment(exports.csv_bytes(found), "text/csv; charset=utf-8", f"nuanxin-{table}-{b.period.key}.csv")


@login_required
def export_xlsx(request):
    if not selectors.may_view(request.user):
        raise Http404
    b = _board(request)
    return exports.attachment(exports.xlsx_bytes(boards.tables(b), note=boards.suppression_note()),
                 exports.XLSX_TYPE, f"nuanxin-dashboard-{b.period.key}.xlsx")


@login_required
def report_pdf(request, month: str):
    if not selectors.may_view(request.user):
        raise Http404
    found = selectors.report(month)
    if found is None:
        raise Http404
    return exports.attachment(bytes(found.pdf), "application/pdf", f"nuanxin-report-{month}.pdf")


@login_required
def station(request):
    """A station manager's own figures: person-times by hour at each place they keep."""
    mine = list(places.places_managed_by(request.user).order_by("name"))
    if not mine:
        raise Http404
    period, _town = _period_and_town(request)
    window = period.window(timezone.now())
    by_hour = places.visits_by_hour(window, by="place", place_ids=[p.pk for p in mine])
    rows = []
    for place in mine:
        hours = [by_hour.get((place.pk, h), 0) for h in range(24)]
        rows.append({"place": place, "total": boards.hide_small(sum(hours), sum(hours)),
                     "hours": [boards.hide_small(n, n) for n in hours]})
    return render(request, "dashboard/station.html", {
        "rows": rows, "period": period, "period_choices": period_choices(periods.today()),
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
        return JsonResponse({"name": name, "generated_at": timezone.now().isoformat(), "licence": open_data.LICENCE,
                             "items": [dict(zip(head, row, strict=True)) for row in rows]},
                            json_dumps_params={"ensure_ascii": False})
    response = exports.attachment(exports.csv_bytes({"head": head, "rows": rows}), "text/csv; charset=utf-8",
                     f"nuanxin-{name}.csv")
    response["Access-Control-Allow-Origin"] = "*"
    return response
