"""Excel exports of lists: a write-only openpyxl workbook, streamed from a temporary file.

Rows are written one at a time into openpyxl's write-only sheet (which spools them to disk), the
workbook is zipped into a temporary file and the response streams that file — memory stays flat
whether the list has 100 rows or 100,000. Every export is itself recorded in the access log.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .audit import log_access
from .documents import content_disposition
from .models import AccessAction
from .validators import strip_control_characters

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1D4E89")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center")
_MAX_CELL = 32767  # Excel's limit for one cell's text


def _value(value):
    """A value Excel can hold: local naive datetimes, plain strings, no None."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | datetime.date | datetime.time):
        return value
    # Text stored before control characters were refused at input (or copied from logs that record
    # what was sent) would make openpyxl refuse the whole sheet: drop them, keep the rest.
    return strip_control_characters(str(value))[:_MAX_CELL]


def _cell(ws, value):
    value = _value(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        # A user-typed "=HYPERLINK(…)" must stay text: openpyxl would otherwise store it as a formula.
        cell.data_type = "s"
    elif isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _safe_sheet_title(title: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in strip_control_characters(title)).strip("'")
    return (cleaned or "Sheet1")[:31]


def xlsx_response(
    *,
    request,
    filename: str,
    headers: Sequence[str],
    rows_iterable: Iterable[Sequence],
    model_label: str,
    sheet_title: str = "",
    description: str = "",
    column_widths: Sequence[int] | None = None,
) -> FileResponse:
    """An .xlsx download of `rows_iterable` under Chinese `headers`, logged as an export.

    `rows_iterable` should itself be lazy (a generator over `queryset.iterator()`), so no list of all
    rows is ever built. `model_label` ("app_label.model") names the exported data in the access log.
    """
    if not filename.lower().endswith(".xlsx"):
        filename = f"{filename}.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_safe_sheet_title(sheet_title or filename.rsplit(".", 1)[0]))
    widths = column_widths or [max(10, min(40, len(str(h)) * 2 + 4)) for h in headers]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=strip_control_characters(str(title)))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header_cells.append(cell)
    sheet.append(header_cells)

    count = 0
    for row in rows_iterable:
        sheet.append([_cell(sheet, v) for v in row])
        count += 1

    spool = tempfile.TemporaryFile(prefix="export-", suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(spool)
    spool.seek(0)

    log_access(
        request=request,
        action=AccessAction.EXPORT,
        model_label=model_label,
        description=f"{description or filename}（{count} 行）",
    )
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response.export_row_count = count
    return response


def _column_letter(index: int) -> str:
    return get_column_letter(index)


class XlsxExportMixin:
    """A list page that answers `?export=xlsx` with its Excel file (`export()`) instead of the page."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)
