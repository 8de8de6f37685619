"""Excel exports of the reception-session and voter-petition lists (the rows the user sees)."""

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.core.sheets import safe_row


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _book(title: str, headers: list[str], rows: list[list], widths: list[int]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(safe_row(sheet, row))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def sessions_xlsx(sessions) -> bytes:
    headers = [
        _("Date"),
        _("Unit"),
        _("Kind"),
        _("Who received"),
        _("Place"),
        _("Individuals"),
        _("Groups"),
        _("People in the groups"),
        _("Citizens received"),
        _("Matters raised"),
        _("What was done"),
    ]
    rows = [
        [
            _day(s.held_on),
            s.unit.name,
            s.get_kind_display(),
            s.receiver,
            s.place,
            s.individuals,
            s.groups,
            s.group_members,
            s.citizens,
            getattr(s, "matter_count", 0),
            s.summary,
        ]
        for s in sessions
    ]
    widths = [12, 30, 14, 28, 28, 10, 10, 12, 12, 10, 50]
    return _book(_("Reception sessions"), headers, rows, widths)


def petitions_xlsx(petitions, today: dt.date) -> bytes:
    headers = [
        _("Meeting date"),
        _("Organising unit"),
        _("Petition"),
        _("Raised by"),
        _("Competent agency"),
        _("Forwarded on"),
        _("Answer due by"),
        _("Answered on"),
        _("Answer"),
        _("Status"),
    ]
    rows = []
    for p in petitions:
        if p.is_answered:
            status = _("Answered")
        elif p.is_overdue_on(today):
            status = _("Overdue")
        elif p.forwarded_on:
            status = _("Waiting for an answer")
        else:
            status = _("Not forwarded yet")
        rows.append(
            [
                _day(p.meeting.held_on),
                p.meeting.unit.name,
                p.content,
                p.raised_by,
                p.agency.name if p.agency else "",
                _day(p.forwarded_on),
                _day(p.answer_due),
                _day(p.answered_on),
                p.answer,
                status,
            ]
        )
    widths = [12, 28, 50, 20, 28, 12, 12, 12, 50, 18]
    return _book(_("Voter petitions"), headers, rows, widths)
