"""The dashboard's tables as files: CSV (one table) and Excel (every table, a sheet each)."""

import csv
import io

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    """A file to save, named for what it holds (nuanxin-measures-2026-11.csv)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_bytes(table: dict) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel in China opens UTF-8 CSV correctly
    writer = csv.writer(out)
    writer.writerow(table["head"])
    writer.writerows(table["rows"])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(tables: list[dict], *, note: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=str(table["title"])[:31])  # Excel's limit for a sheet name
        sheet.append(list(table["head"]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(list(row))
        sheet.column_dimensions["A"].width = 40
        if note:
            sheet.append([])
            sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
