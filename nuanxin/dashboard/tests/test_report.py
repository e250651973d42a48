"""The monthly report: a PDF made from the stored figures holds the page's numbers (read back
with pypdf), "<5" cells as they are; the worker makes last month's once it has settled, once;
the refresh job keeps to one worker; the management commands run."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException
from pypdf import PdfReader

from nuanxin.core.timed import LOCK_TTL_SECONDS
from nuanxin.dashboard import board, periods, report, selectors, services, tasks
from nuanxin.dashboard.models import MonthlyReport, Snapshot, Target
from nuanxin.places import services as places

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
OCTOBER = periods.of_day("month", datetime.date(2026, 10, 1))
SETTLED = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=CST)  # October's figures are final a day after it


@pytest.fixture
def october(make_place, make_user):
    """Eight warm stations (6 in Yushan, 2 in Bacheng); in October 7 visits in Yushan and 3 in
    Bacheng (shown as "<5"); Yushan's own target of 10 stations for 2026, which it misses."""
    yushan = [make_place(town="yushan") for _ in range(6)]
    bacheng = [make_place(town="bacheng") for _ in range(2)]
    worker = make_user()
    for day, place in [(d, yushan[d % 6]) for d in range(1, 8)] + [(d, bacheng[0]) for d in (10, 20, 30)]:
        _visit, counted = places.visit_record(place_id=place.id, user=worker,
                                              now=datetime.datetime(2026, 10, day, 19, 30, tzinfo=CST))
        assert counted
    Target.objects.create(measure="warm_stations", town="yushan", year=2026, value=10)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() for page in reader.pages)


def _cells(row: list) -> str:
    """A table row's cells as the page shows them, read left to right: whole yuan without ".0",
    "<5" as it is, an empty cell as nothing."""
    shown = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in row]
    return " ".join(v for v in shown if v not in ("", "None"))


def test_the_report_holds_the_pages_numbers_and_hides_small_ones(october):
    made = services.make_monthly_report(OCTOBER, now=SETTLED)
    pdf = bytes(made.pdf)
    assert made.month == "2026-10" and pdf.startswith(b"%PDF-")
    text = _text(pdf)
    flat = " ".join(text.split())

    snapshot = Snapshot.objects.get(period="2026-10")
    with translation.override("zh-hans"):  # the report's language (services.make_monthly_report)
        b = board.present(snapshot.data, snapshot.computed_at, OCTOBER, targets=selectors.targets_for(2026))
        tables = board.tables(b)
        title, note = report.month_text(OCTOBER), report.suppression_note()

    items = {i["code"]: i for i in b.items}
    assert items["warm_stations"]["actual"] == 8 and items["warm_stations"]["target"] == 100
    visits = next(f for f in items["warm_stations"]["figures"] if f["code"] == "station_visits")
    assert visits["actual"] == 10
    assert visits["by_town"]["bacheng"] == "<5"
    assert visits["by_town"]["yushan"] == "x"  # 10 − 7 would give bacheng's 3 away
    assert b.below_target == [{**b.below_target[0], "town": "yushan", "actual": 6, "target": 10}]

    assert title in text
    # The bar chart: every measure with a target, its count and share, and the target.
    for item in (i for i in b.items if i["target"]):
        assert f"{item['actual']} ({round(100 * item['actual'] / item['target'])}%)" in flat, item["code"]
        assert str(item["target"]) in flat
    assert "8 (8%)" in flat
    # Every table, row by row: the target, the city and each town (or each hour, each month),
    # "<5" where the page has it.
    for table in tables:
        numbers_from = 1 if table["code"] in ("heat", "series") else 2  # after the names and units
        for row in table["rows"]:
            assert _cells(row[numbers_from:]) in flat, (table["code"], row)
    visits = next(r for r in tables[0]["rows"] if r[3] == 10 and "<5" in r)
    assert _cells(visits[3:]) == "10 x <5 " + " ".join(["0"] * 11)
    assert _cells(visits[3:]) in flat
    # The footnote that says what "<5" means, in full.
    assert "".join(note.split()) in "".join(text.split())


def test_last_months_report_is_made_once_it_has_settled_and_only_once():
    first_night = datetime.datetime(2026, 11, 1, 0, 30, tzinfo=CST)
    assert services.report_due(first_night) is None  # a roll may still be marked in the morning
    assert not MonthlyReport.objects.exists()

    made = services.report_due(datetime.datetime(2026, 11, 2, 0, 5, tzinfo=CST))
    assert made is not None and made.month == "2026-10"
    assert _text(bytes(made.pdf))
    assert services.report_due(datetime.datetime(2026, 11, 2, 1, 5, tzinfo=CST)) is None
    assert services.report_due(datetime.datetime(2026, 11, 30, 23, 5, tzinfo=CST)) is None
    assert list(MonthlyReport.objects.values_list("month", flat=True)) == ["2026-10"]
    assert Snapshot.objects.get(period="2026-10").computed_at >= datetime.datetime(2026, 11, 2, tzinfo=CST)


def test_the_last_12_months_are_computed_once_each():
    services.refresh(periods.of_day("month", datetime.date(2026, 5, 1)), now=SETTLED)
    assert services.ensure_months(SETTLED) == 11  # December 2025 to November 2026, but May
    assert sorted(Snapshot.objects.values_list("period", flat=True)) == [
        "2025-12", *[f"2026-{m:02d}" for m in range(1, 12)]]
    assert services.ensure_months(SETTLED) == 0
    # November is current: computed again once its figures are older than FRESH_FOR.
    assert services.ensure_months(SETTLED + services.FRESH_FOR + datetime.timedelta(seconds=1)) == 1


def test_the_refresh_is_skipped_while_another_worker_runs_it():
    with HUEY.lock_task("dashboard.refresh", ttl=LOCK_TTL_SECONDS):  # another worker is in it
        with pytest.raises(TaskLockedException):
            tasks.refresh.call_local()
    assert not Snapshot.objects.exists()


def test_the_commands_make_a_report_and_refresh_the_figures(october):
    out = io.StringIO()
    call_command("dashboard_report", "--month", "2026-10", stdout=out)
    assert out.getvalue().startswith("Report for 2026-10: ")
    with translation.override("zh-hans"):
        assert report.month_text(OCTOBER) in _text(bytes(MonthlyReport.objects.get(month="2026-10").pdf))
    with pytest.raises(CommandError, match="2026-10"):
        call_command("dashboard_report", "--month", "2026")

    out = io.StringIO()
    call_command("dashboard_refresh", stdout=out)
    assert "week" in out.getvalue() and "past months computed" in out.getvalue()
    today = periods.today()
    keys = set(Snapshot.objects.values_list("period", flat=True))
    assert {periods.of_day(kind, today).key for kind in periods.KINDS} <= keys
    assert len({k for k in keys if len(k) == 7}) >= 12
