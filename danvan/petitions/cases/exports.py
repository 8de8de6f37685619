"""Excel exports of cases: the filtered list and the statistics table. A list export holds no
petitioner's name or contact, and a denunciation's content only as the kind and field."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.core.sheets import safe_row

EXPORT_MAX = 10_000


def _sheet(title: str, headers: list[str]):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return book, sheet


def _save(book, widths: list[int]) -> bytes:
    sheet = book.active
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def cases_workbook(rows) -> bytes:
    book, sheet = _sheet(
        _("Cases"),
        [
            _("Number"),
            _("Received on"),
            _("Kind"),
            _("Field"),
            _("Unit"),
            _("Status"),
            _("Due on"),
            _("Overdue"),
            _("Content"),
        ],
    )
    for case in rows:
        content = "" if case.is_confidential or case.is_hidden else case.content[:2000]
        sheet.append(
            safe_row(
                sheet,
                [
                    case.reference,
                    case.received_on,
                    case.get_kind_display(),
                    case.field.name,
                    case.unit.name,
                    case.get_status_display(),
                    case.due_on,
                    _("Yes") if case.is_overdue else "",
                    content,
                ],
            )
        )
    return _save(book, [12, 12, 14, 24, 30, 24, 12, 8, 80])


def stats_workbook(rows, totals, *, start: dt.date, end: dt.date, by: str) -> bytes:
    book, sheet = _sheet(
        _("Statistics"),
        [_("Group"), _("Received"), _("Resolved"), _("On time"), _("Open"), _("Overdue")],
    )
    for row in rows:
        sheet.append(
            safe_row(
                sheet,
                [
                    row["label"],
                    row["received"],
                    row["resolved"],
                    row["on_time"],
                    row["open"],
                    row["overdue"],
                ],
            )
        )
    sheet.append(
        [
            _("Total"),
            totals["received"],
            totals["resolved"],
            totals["on_time"],
            totals["open"],
            totals["overdue"],
        ]
    )
    sheet.append([])
    sheet.append(
        [
            _("Cases received from %(start)s to %(end)s")
            % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
        ]
    )
    return _save(book, [40, 12, 12, 12, 12, 12])
