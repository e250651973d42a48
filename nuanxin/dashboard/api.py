"""/dashboard/measures (+ .csv, .xlsx): the eight measures for officials and administrators."""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import PermissionDenied
from nuanxin.dashboard import board as boards
from nuanxin.dashboard import exports, periods, selectors, services
from nuanxin.dashboard.schemas import MeasuresOut, PeriodQuery

router = Router(tags=["dashboard"])
ERR = {codes_4xx: ErrorOut}


def _board(request, query: PeriodQuery) -> boards.Board:
    if not selectors.may_view(request.auth):
        raise PermissionDenied(_("The city's dashboard is for officials and administrators."), code="forbidden")
    period = periods.parse(query.period)
    snapshot = services.snapshot_for(period, wait=False)
    return boards.present(snapshot.data, snapshot.computed_at, period, town=query.town,
                          targets=selectors.targets_for(period.first_day.year))


@router.get("/dashboard/measures", response={200: MeasuresOut, **ERR}, auth=bearer)
def measures(request, query: Query[PeriodQuery]):
    """The eight measures (and the gig market, and people served at stations) against their
    targets, by town, with service quality and unmet demand. Counts of people under 5 are "<5"."""
    b = _board(request, query)
    return {"as_of": b.as_of, "period": b.period.key, "town": b.town, "items": b.items,
            "quality": b.quality, "unmet": b.unmet}


@router.get("/dashboard/measures.csv", response={200: None, **ERR}, auth=bearer)
def measures_csv(request, query: Query[PeriodQuery]):
    """The measures table as CSV (UTF-8 with a byte-order mark, for Excel)."""
    b = _board(request, query)
    return exports.attachment(exports.csv_bytes(boards.tables(b)[0]), "text/csv; charset=utf-8",
                 f"nuanxin-measures-{b.period.key}.csv")


@router.get("/dashboard/measures.xlsx", response={200: None, **ERR}, auth=bearer)
def measures_xlsx(request, query: Query[PeriodQuery]):
    """Every table of the dashboard as an Excel workbook, a sheet each."""
    b = _board(request, query)
    return exports.attachment(exports.xlsx_bytes(boards.tables(b), note=boards.suppression_note()), exports.XLSX_TYPE, f"nuanxin-dashboard-{b.period.key}.xlsx")
