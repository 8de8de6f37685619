"""Excel exports: any list of models (with the filters of its page), the most replicated
models, and the yearly summary table per unit of a subtree. Written row by row
(openpyxl's write-only mode), so a national export does not hold the workbook in memory."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from danvan.core.downloads import attachment
from danvan.core.sheets import safe_row

EXPORT_MAX = 100_000


def workbook_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    header_cells = []
    from openpyxl.cell import WriteOnlyCell

    for text in headers:
        cell = WriteOnlyCell(sheet, value=str(text))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(safe_row(sheet, row))
    buffer = BytesIO()
    book.save(buffer)
    return attachment(buffer.getvalue(), filename)


def exemplar_rows(queryset):
    for e in queryset.iterator(chunk_size=2000):
        yield [
            e.pk,
            e.title,
            e.get_kind_display(),
            e.get_field_display(),
            e.unit.name,
            e.year,
            e.get_origin_display(),
            e.replicates_id or "",
            e.person_name,
            e.get_status_display(),
            e.replica_count,
            e.decision_number,
            e.decision_date.strftime("%d/%m/%Y") if e.decision_date else "",
        ]


def exemplar_headers() -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Kind"),
        _("Field"),
        _("Owning unit"),
        _("Year"),
        _("New or replicated"),
        _("Replicates No."),
        _("Person"),
        _("Status"),
        _("Replications"),
        _("Recognition decision"),
        _("Decision date"),
    ]


def exemplars_xlsx(queryset, filename="mo-hinh-dan-van-kheo.xlsx") -> HttpResponse:
    qs = queryset.select_related("unit").order_by("-id")[:EXPORT_MAX]
    return workbook_response(filename, _("Models"), exemplar_headers(), exemplar_rows(qs))


def summary_xlsx(unit, year: int, quota_min: int, queryset) -> HttpResponse:
    headers = [
        _("Unit"),
        _("Registered"),
        _("New"),
        _("Replicated"),
        _("Recognised"),
        _("Commended"),
        _("Below the quota"),
    ]

    def rows():
        for u in queryset:
            yield [
                u.name,
                u.registered,
                u.new,
                u.replicated,
                u.recognised,
                u.commended,
                _("yes") if u.registered < quota_min else "",
            ]

    return workbook_response(f"tong-hop-dan-van-kheo-{year}.xlsx", f"{year}", headers, rows())
