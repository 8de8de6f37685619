"""Excel of the smaller lists (inspection plans, supervisions, council questions, drafts for
critique): a header row in bold, dates as dates shown dd/mm/yyyy, typed text kept as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.core.sheets import safe_row

DATE_FORMAT = "dd/mm/yyyy"


def workbook_of(title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    sheet.append([str(name) for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for values in rows:
        sheet.append(safe_row(sheet, list(values)))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
