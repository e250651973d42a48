"""The monthly report as a PDF, drawn with reportlab (charts by reportlab.graphics, so no browser
is needed): the measures against their targets, each measure month by month, then every table of
the page. It is built from `board.present` and `board.tables` like the page and the exports, so
it holds the page's numbers, small numbers hidden as "<5" the same way. Written in the active
language; `services.make_monthly_report` makes it in Chinese.

All text is set in STSong-Light, one of the CID fonts every PDF reader knows (Adobe's Chinese
font pack): nothing is embedded, so the file stays small and no font file ships with the code.
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from nuanxin.dashboard import board as boards
from nuanxin.dashboard import selectors
from nuanxin.dashboard.models import Snapshot
from nuanxin.dashboard.periods import Period

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# Landscape, so that the tables by town (a column for each of the 13 towns) fit the width.
PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN

ACTUAL_COLOUR = colors.HexColor("#c0392b")   # the warm red of the site
TARGET_COLOUR = colors.HexColor("#bbbbbb")
GRID_COLOUR = colors.HexColor("#999999")
STRIPE_COLOUR = colors.HexColor("#f4f4f4")

STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, spaceAfter=4),
    "h2": ParagraphStyle("h2", fontName=FONT, fontSize=12, leading=16, spaceBefore=6, spaceAfter=4),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK"),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=7.5, leading=10.5, wordWrap="CJK",
                           textColor=colors.HexColor("#444444")),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=6.5, leading=8, wordWrap="CJK"),
    "cell_right": ParagraphStyle("cell_right", fontName=FONT, fontSize=6.5, leading=8, wordWrap="CJK", alignment=TA_RIGHT),
    "chart_title": ParagraphStyle("chart_title", fontName=FONT, fontSize=7.5, leading=9.5, wordWrap="CJK"),
}


def monthly_pdf(snapshot: Snapshot, month: Period) -> bytes:
    """The report for `month` from its stored figures."""
    b = boards.present(snapshot.data, snapshot.computed_at, month,
                       targets=selectors.targets_for(month.first_day.year))
    title = f"{_('City dashboard: monthly report')} {month_text(month)}"
    tables = boards.tables(b)
    story = [
        Paragraph(escape(title), STYLES["title"]),
        Paragraph(escape(_("Figures as of %(time)s. Every number here is the dashboard's own for this month.")
                         % {"time": f"{timezone.localtime(b.as_of):%Y-%m-%d %H:%M}"}), STYLES["body"]),
        *_targets_section(b),
        *_glance_section(b, tables),
        *_below_target_section(b),
        PageBreak(),
        *_series_section(b),
    ]
    for table in tables:
        story.extend(_table_section(table, b))
    story += [Spacer(1, 4 * mm), Paragraph(escape(pgettext("monthly report", "Notes")), STYLES["h2"]),
              Paragraph(escape(suppression_note()), STYLES["note"])]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 6 * mm, title=title, author="暖新 Nuanxin",
                            subject=title, creator="Nuanxin")
    footer = _footer(title)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def month_text(month: Period) -> str:
    return pgettext("month", "%(year)d-%(month)02d") % {"year": month.first_day.year, "month": month.first_day.month}


def suppression_note() -> str:
    return _('"<5": between 1 and 4 people (or records) lie behind this figure. The exact number is not '
             "shown, so that no one in a town can be singled out; zero is shown, as it names no one. A sum "
             "of money, a median or a rate with fewer than 5 records behind it is hidden the same way. "
             "Money is in yuan; an empty cell has nothing to measure. \"x\": hidden as well, because with the "
             "total and the cells beside it a \"<5\" could otherwise be worked out.")


def _footer(title: str):
    short_note = _('"<5": 1 to 4 people, hidden to protect their privacy (see the notes at the end).')

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        y = MARGIN
        canvas.drawString(MARGIN, y, f"暖新 Nuanxin | {title}")
        canvas.drawRightString(PAGE[0] - MARGIN, y, pgettext("monthly report", "Page %(n)d") % {"n": doc.page})
        canvas.drawString(MARGIN, y - 9, short_note)
        canvas.restoreState()

    return draw


def _number(value) -> float | None:
    """A value a chart can draw: "<5" and "nothing to measure" are not drawn."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value) -> str:
    """A table cell as printed: whole numbers without ".0", "<5" as it is, nothing as empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Measures against their targets: one bar chart -----------------------------------------

def _targets_section(b: boards.Board) -> list:
    rows = [i for i in b.items if i["target"]]
    out = [Paragraph(escape(_("Measures against their targets")), STYLES["h2"])]
    if not rows:
        return [*out, Paragraph(escape(_("No measure has a target this year.")), STYLES["body"])]
    out.append(Paragraph(escape(_("Each bar is the share of the target reached; its label is the count.")),
                         STYLES["note"]))
    out.append(_targets_chart(rows))
    return out


def _targets_chart(rows: list[dict]) -> Drawing:
    """Actual against target for each measure that has one. The targets differ a hundredfold (30
    employment stations, 1,100 volunteer teachers), so both bars are drawn as a share of the
    target (the target's bar is 100%) and labelled with the counts themselves."""
    band = 30  # points per measure: two bars and a gap
    chart = HorizontalBarChart()
    chart.x, chart.y = 190, 24
    chart.width, chart.height = WIDTH - chart.x - 70, band * len(rows)
    actual = [_number(i["actual"]) for i in rows]
    share = [100 * a / i["target"] if a is not None else 0 for a, i in zip(actual, rows, strict=True)]
    # The target's bar first: with the categories read top down (reverseDirection) each
    # measure's bars are too, and the actual's bar stands on top.
    chart.data = [[100] * len(rows), share]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [_text(i["target"]) for i in rows],
        [f"{_text(i['actual'])} ({round(s)}%)" if a is not None else _text(i["actual"])
         for i, a, s in zip(rows, actual, share, strict=True)],
    ]
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    chart.bars[0].fillColor, chart.bars[1].fillColor = TARGET_COLOUR, ACTUAL_COLOUR
    chart.bars.strokeColor = None
    chart.barWidth, chart.groupSpacing, chart.barSpacing = 8, 10, 1
    chart.categoryAxis.categoryNames = [f"{i['name']} ({i['unit_text']})" for i in rows]
    chart.categoryAxis.reverseDirection = 1  # the first measure on top, as in the tables
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 8
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -4
    top = max(120, *share)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 20 * (int(top * 1.1) // 20 + 1)
    chart.valueAxis.valueStep = 20 if chart.valueAxis.valueMax <= 200 else 50
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, colors.HexColor("#e5e5e5")

    drawing = Drawing(WIDTH, chart.height + 44)
    drawing.add(chart)
    hundred = chart.x + chart.width * 100 / chart.valueAxis.valueMax
    drawing.add(Line(hundred, chart.y, hundred, chart.y + chart.height, strokeColor=colors.black,
                     strokeWidth=0.6, strokeDashArray=[2, 2]))
    legend = Legend()
    legend.x, legend.y = chart.x, chart.y + chart.height + 16
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 90
    legend.colorNamePairs = [(ACTUAL_COLOUR, pgettext("monthly report", "Actual")), (TARGET_COLOUR, _("Target"))]
    drawing.add(legend)
    return drawing


def _glance_section(b: boards.Board, tables: list[dict]) -> list:
    """Each measure's headline this month and the month before, with its target: the page's
    headline cards. The values are the series table's (money in yuan, as in every table)."""
    series = next(t for t in tables if t["code"] == "series")
    head = [pgettext("monthly report", "Measure"), pgettext("monthly report", "What is counted"),
            month_text(b.period), pgettext("monthly report", "Month before"), _("Target"), _("Unit")]
    rows = [[i["name"], i["headline"], row[-1], row[-2] if len(row) > 2 else "", i["target"], i["unit_text"]]
            for i, row in zip(b.items, series["rows"], strict=True)]
    return [KeepTogether([Paragraph(escape(_("The measures at a glance")), STYLES["h2"]),
                          _grid([head, *rows], [150, 260, 70, 70, 70, 80], numeric_from=2, last_text=True)])]


def _below_target_section(b: boards.Board) -> list:
    if not b.below_target:
        return []
    head = [_("Town"), pgettext("monthly report", "Measure"),
            pgettext("monthly report", "Actual"), _("Target"), _("Unit")]
    rows = [[r["town_text"], r["name"], r["actual"], r["target"], r["unit_text"]] for r in b.below_target]
    return [KeepTogether([Paragraph(escape(_("Towns below their own target")), STYLES["h2"]),
                          _grid([head, *rows], [100, 200, 70, 70, 80], numeric_from=2, last_text=True)])]


# --- Each measure month by month: small line charts -----------------------------------------

def _series_section(b: boards.Board) -> list:
    if not b.items or not b.items[0]["series"]:
        return []
    months = [s["period"] for s in b.items[0]["series"]]
    heading = _("Each measure month by month, %(first)s to %(last)s") % {"first": months[0], "last": months[-1]}
    columns = 4
    width = WIDTH / columns
    note = _('A gap in a line is a month shown as "<5" (fewer than 5).')
    titles = [Paragraph(escape(f"{i['name']}: {i['headline']} ({i['unit_text']})"), STYLES["chart_title"])
              for i in b.items]
    charts = [_line_chart(i["series"], width - 12) for i in b.items]
    grid = []  # a row of titles above each row of charts, so that the charts line up
    for n in range(0, len(charts), columns):
        blank = [""] * (columns - len(charts[n:n + columns]))
        grid += [titles[n:n + columns] + blank, charts[n:n + columns] + blank]
    table = Table(grid, colWidths=[width] * columns)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               *[("BOTTOMPADDING", (0, r), (-1, r), 10) for r in range(1, len(grid), 2)]]))
    return [Paragraph(escape(heading), STYLES["h2"]), Paragraph(escape(note), STYLES["note"]), Spacer(1, 2 * mm),
            table]


def _line_chart(series: list[dict], width: float) -> Drawing:
    """One headline over the months; each measure keeps its own scale (stations in tens, visits
    in thousands), so one chart each, not one chart for all."""
    values = [_number(s["value"]) for s in series]
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 14
    chart.width, chart.height = width - chart.x - 4, 80
    chart.data = [values]
    chart.joinedLines = 1
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = ACTUAL_COLOUR, 1.2
    chart.lines[0].symbol = makeMarker("FilledCircle", size=2.5, fillColor=ACTUAL_COLOUR)
    chart.categoryAxis.categoryNames = [s["period"][-2:] for s in series]  # the month; the heading says the years
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 6
    chart.valueAxis.valueMin = 0
    if not any(values):
        chart.valueAxis.valueMax = 5  # all zero or hidden: a flat line on a small scale
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 6
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, colors.HexColor("#e5e5e5")
    drawing = Drawing(width, chart.height + chart.y + 6)
    drawing.add(chart)
    return drawing


# --- The page's tables --------------------------------------------------------------------------

def _table_section(table: dict, b: boards.Board) -> list:
    head = list(table["head"])
    n = len(head)
    if table["code"] in ("heat", "series"):  # a town or a figure, then hours or months
        first = 62 if table["code"] == "heat" else 230
        widths = [first] + [(WIDTH - first) / (n - 1)] * (n - 1)
        numeric_from = 1
    else:  # figure, unit, target, the city, the towns
        first, unit, target = 150, 44, 36
        widths = [first, unit, target] + [(WIDTH - first - unit - target) / (n - 3)] * (n - 3)
        numeric_from = 2
    groups = []
    if table["code"] == "measures":  # a line above each measure's headline row, its figures below it
        start = 1
        for item in b.items:
            groups.append(start)
            start += 1 + len(item["figures"])
    return [CondPageBreak(60 * mm), Paragraph(escape(str(table["title"])), STYLES["h2"]),
            _grid([head, *table["rows"]], widths, numeric_from=numeric_from, groups=groups)]


def _grid(rows: list[list], widths: list[float], *, numeric_from: int, groups: list[int] = (),
          last_text: bool = False) -> Table:
    """A table with a header row repeated on each page; words wrap, numbers stand right-aligned
    as they are (a "<5" stays "<5"). `groups`: rows with a line above; `last_text`: the last
    column is words (a unit), not numbers."""
    last = len(rows[0]) - (1 if last_text else 0)

    def words(k):
        return k < numeric_from or k >= last

    data = [[Paragraph(escape(_text(v)), STYLES["cell"] if words(k) else STYLES["cell_right"])
             for k, v in enumerate(rows[0])]]
    for row in rows[1:]:
        data.append([Paragraph(escape(_text(v)), STYLES["cell"]) if words(k) else _text(v)
                     for k, v in enumerate(row)])
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("LEADING", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, 1), (last - 1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, GRID_COLOUR), ("LINEBELOW", (0, -1), (-1, -1), 0.6, GRID_COLOUR),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), STRIPE_COLOUR) for r in range(2, len(data), 2)]
    style += [("LINEABOVE", (0, r), (-1, r), 0.4, GRID_COLOUR) for r in groups if r > 1]
    table.setStyle(TableStyle(style))
    return table

