"""Exports of a consolidated round: the report as a DOCX in the state format (Nghị định 30/2020)
with the recipient as issuer, and an Excel workbook of every figure.

The DOCX holds the consolidated figures (I.), then each narrative section compiled unit by unit
(II.…); with thousands of units the narrative lists the first ``DOCX_UNITS_PER_SECTION`` reports
and says how many more wrote in that section (all of them are in the Excel workbook, sheet
"Narrative"). The Excel workbook is written in constant memory (write-only sheets).
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.core.sheets import safe_row
from danvan.documents.rendering import render_docx
from danvan.documents.structure import (
    Document,
    DocumentFormat,
    Item,
    Marker,
    Paragraph,
    Section,
    Signature,
)
from danvan.reports import selectors
from danvan.reports.models import ReportRound

DOC_TYPE = "BÁO CÁO"
DOCX_UNITS_PER_SECTION = 300


def number_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    whole, _sep, fraction = f"{value:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction.rstrip("0")


def _place(unit) -> str:
    territory = unit if unit.unit_type.is_territory else (unit.parent or unit)
    return territory.short_name or territory.name


def round_to_document(report_round: ReportRound) -> Document:
    recipient = report_round.recipient
    state = selectors.completeness(report_round).total
    figures = selectors.consolidated_figures(report_round)
    opening = Paragraph(
        f"Thực hiện chế độ báo cáo “{report_round.title}”, số liệu từ ngày "
        f"{report_round.data_from:%d/%m/%Y} đến ngày {report_round.data_to:%d/%m/%Y}, "
        f"{recipient.name} tổng hợp báo cáo của {state.accepted}/{state.expected} đơn vị "
        f"(tỷ lệ báo cáo {state.reporting_rate:g}%, đúng hạn {state.on_time_rate:g}%) như sau:"
    )
    figure_items = tuple(
        Item(
            text=f"{row.indicator.label}: {number_text(row.total)}"
            + (f" {row.indicator.unit_label}" if row.indicator.unit_label else "")
            + (" (bình quân)" if row.indicator.aggregation == "avg" else ""),
            marker=Marker.DASH,
        )
        for row in figures
    )
    sections = [Section(title="SỐ LIỆU TỔNG HỢP", blocks=figure_items)]
    counts = selectors.narrative_counts(report_round)
    for section in selectors.compiled_narrative(report_round, limit=DOCX_UNITS_PER_SECTION):
        entries = section["entries"]
        blocks = [
            Item(title=f"{name}:", text=" ".join(text.split()), marker=Marker.DASH)
            for name, text in entries
        ]
        more = counts.get(section["key"], 0) - len(entries)
        if more > 0:
            blocks.append(
                Paragraph(f"(Và {more} đơn vị khác: xem bảng tổng hợp Excel, trang “Narrative”.)")
            )
        if not blocks:
            blocks = [Paragraph("(Chưa có nội dung.)")]
        sections.append(Section(title=section["title"].upper(), blocks=tuple(blocks)))
    return Document(
        issuer=recipient.name,
        parent_issuer="",
        symbol="BC",
        place=_place(recipient),
        issued_on=timezone.localdate(),
        doc_type=DOC_TYPE,
        summary=report_round.title,
        preamble=(opening,),
        sections=tuple(sections),
        signature=Signature(position="", name=""),
        recipients=("Lưu: VT.",),
    )


def consolidated_docx(report_round: ReportRound) -> bytes:
    return render_docx(round_to_document(report_round), DocumentFormat.STATE)


def filename(report_round: ReportRound, extension: str) -> str:
    base = " ".join(f"Tổng hợp {report_round.title}".replace("/", "-").split())[:120]
    return f"{base}.{extension}"


def _sheet(workbook, title: str, header: list[tuple[str, int]], rows):
    """A write-only sheet (constant memory: a national round has ~2 million figures)."""
    sheet = workbook.create_sheet(title[:31])
    for index, (_name, width) in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name, _width in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append(safe_row(sheet, row))
    return sheet


def figures_xlsx(report_round: ReportRound) -> bytes:
    """Sheet 1: the consolidated figures; sheet 2: every accepted report's figures, one row per
    unit; sheet 3: the narrative sections unit by unit."""
    workbook = Workbook(write_only=True)
    totals = selectors.consolidated_figures(report_round)
    _sheet(
        workbook,
        _("Consolidated"),
        [
            (_("Code"), 16),
            (_("Indicator"), 50),
            (_("Unit of measure"), 14),
            (_("Consolidated as"), 14),
            (_("Value"), 14),
            (_("Reports"), 10),
        ],
        [
            [
                r.indicator.code,
                r.indicator.label,
                r.indicator.unit_label,
                r.indicator.get_aggregation_display(),
                r.total,
                r.count,
            ]
            for r in totals
        ],
    )
    indicators, rows = selectors.figure_matrix(report_round)
    _sheet(
        workbook,
        _("By unit"),
        [(_("Unit"), 36), (_("Area"), 28)] + [(i.code, 12) for i in indicators],
        rows,
    )
    narrative_rows = [
        [name, section["title"], text]
        for section in selectors.compiled_narrative(report_round)
        for name, text in section["entries"]
    ]
    _sheet(
        workbook,
        "Narrative",
        [(_("Unit"), 36), (_("Section"), 30), (_("Text"), 100)],
        narrative_rows,
    )
    workbook.properties.title = report_round.title[:255]
    workbook.properties.creator = report_round.recipient.name[:255]
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
