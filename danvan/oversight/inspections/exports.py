"""Exports of inspections: the conclusion (DOCX in the organising unit's format), the plan's
results report to the unit it reports to (DOCX), the list of inspections (Excel).

The conclusion: "THÔNG BÁO / Kết luận kiểm tra … tại …" (a symbol beginning with KL makes it a
"KẾT LUẬN"), opening with the plan, the dates and the team; I. the results (the conclusion's
text, then strengths, shortcomings and violations found); II. the recommendations, each with
the unit that carries it out and its deadline; the signer and the recipients.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from danvan.core.sheets import safe_row
from danvan.documents.structure import Document, Item, Marker, Paragraph, Section, Signature
from danvan.oversight import docx
from danvan.oversight.models import (
    FindingKind,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    TeamRole,
)
from danvan.oversight.recommendations.services import show_date

FINDING_TITLES = {
    FindingKind.STRENGTH: "Ưu điểm",
    FindingKind.SHORTCOMING: "Hạn chế, thiếu sót",
    FindingKind.VIOLATION: "Vi phạm",
}


def _doc_type(symbol: str) -> str:
    return "KẾT LUẬN" if symbol.upper().startswith("KL") else "THÔNG BÁO"


def _topics(plan: InspectionPlan) -> str:
    names = [topic.name.lower() for topic in plan.topics.all()]
    return ", ".join(names) if names else "công tác dân vận"


def conclusion_document(inspection: Inspection, findings, recommendations) -> Document:
    plan = inspection.plan
    organiser = plan.unit
    head = next((m for m in inspection.members.all() if m.role == TeamRole.HEAD), None)
    opening = (
        f"Thực hiện Kế hoạch {plan.number + ' ' if plan.number else ''}về {plan.title[0].lower()}"
        f"{plan.title[1:]}, từ ngày {show_date(inspection.starts_on)} đến ngày "
        f"{show_date(inspection.ends_on)}, Đoàn kiểm tra của {organiser.name}"
        + (f" do {head.user.full_name} làm Trưởng đoàn" if head else "")
        + f" đã kiểm tra tại {inspection.unit.name}. Trên cơ sở báo cáo tự kiểm tra của đơn vị, "
        f"biên bản làm việc và kết quả kiểm tra, {organiser.name} thông báo kết luận như sau:"
    )
    results: list = list(docx.paragraphs(inspection.conclusion_text))
    for kind, title in FINDING_TITLES.items():
        rows = [f for f in findings if f.kind == kind]
        if rows:
            results.append(
                Item(
                    title=f"{title}:",
                    children=tuple(Item(text=f.text.strip(), marker=Marker.DASH) for f in rows),
                    marker=Marker.NUMBER,
                )
            )
    items = []
    for rec in recommendations:
        lines = [f"Đơn vị thực hiện: {rec.addressee.name}; thời hạn: {show_date(rec.due_date)}."]
        if rec.required_action.strip():
            lines.insert(0, f"Yêu cầu: {' '.join(rec.required_action.split())}")
        items.append(
            Item(
                text=" ".join(rec.text.split()),
                children=tuple(Item(text=line, marker=Marker.DASH) for line in lines),
                marker=Marker.NUMBER,
            )
        )
    sections = [Section(title="KẾT QUẢ KIỂM TRA", blocks=tuple(results))]
    if items:
        sections.append(Section(title="KIẾN NGHỊ", blocks=tuple(items)))
    closing = (
        (
            Paragraph(
                f"Đề nghị {inspection.unit.name} tổ chức thực hiện các kiến nghị nêu trên và báo cáo "
                f"kết quả về {organiser.name} đúng thời hạn./."
            ),
        )
        if items
        else ()
    )
    return Document(
        issuer=organiser.name,
        parent_issuer=docx.parent_issuer(organiser),
        number=inspection.conclusion_number,
        symbol=inspection.conclusion_symbol or "TB",
        place=docx.place_of(organiser),
        issued_on=inspection.conclusion_date,
        doc_type=_doc_type(inspection.conclusion_symbol),
        summary=f"Kết luận kiểm tra {_topics(plan)} tại {inspection.unit.name}",
        preamble=(Paragraph(opening),),
        sections=tuple(sections),
        closing=closing,
        signature=Signature(
            position=inspection.signer_position.strip(), name=inspection.signer_name.strip()
        ),
        recipients=tuple(inspection.recipient_lines()) or (inspection.unit.name, "Lưu: VT."),
    )


def conclusion_docx(inspection: Inspection, findings, recommendations) -> bytes:
    fmt = docx.document_format(inspection.plan.unit)
    return docx.render(conclusion_document(inspection, findings, recommendations), fmt)


def conclusion_filename(inspection: Inspection) -> str:
    code = inspection.conclusion_code.replace("/", "-") or str(inspection.pk)
    return f"Ket-luan-kiem-tra-{code}.docx"


# --- The plan's results report ------------------------------------------------------------------


def plan_report_document(plan: InspectionPlan, inspections, counts: dict) -> Document:
    concluded = [i for i in inspections if i.status == InspectionStatus.CONCLUDED]
    summary = (
        f"Theo Kế hoạch, {plan.unit.name} kiểm tra {len(inspections)} đơn vị từ ngày "
        f"{show_date(plan.period_start)} đến ngày {show_date(plan.period_end)}; đến nay đã ban "
        f"hành kết luận đối với {len(concluded)} đơn vị."
    )
    rows = []
    for inspection in inspections:
        if inspection.status == InspectionStatus.CONCLUDED:
            state = (
                f"đã kết luận (số {inspection.conclusion_code} ngày "
                f"{show_date(inspection.conclusion_date)})"
            )
        else:
            state = "chưa kết luận"
        rows.append(
            Item(
                text=f"{inspection.unit.name}: kiểm tra từ {show_date(inspection.starts_on)} đến "
                f"{show_date(inspection.ends_on)}, {state}.",
                marker=Marker.DASH,
            )
        )
    follow = (
        f"Tổng số kiến nghị đã ban hành: {counts['total']}; đã thực hiện: {counts['done']}; "
        f"không tiếp thu: {counts['not_accepted']}; đang thực hiện: {counts['unclosed']}, trong "
        f"đó quá hạn: {counts['overdue']}."
    )
    return Document(
        issuer=plan.unit.name,
        parent_issuer=docx.parent_issuer(plan.unit),
        symbol="BC",
        place=docx.place_of(plan.unit),
        issued_on=None,
        doc_type="BÁO CÁO",
        summary=f"Kết quả thực hiện {plan.title[0].lower()}{plan.title[1:]}",
        sections=(
            Section(title="TÌNH HÌNH TRIỂN KHAI", blocks=(Paragraph(summary), *rows)),
            Section(title="KẾT QUẢ THỰC HIỆN KIẾN NGHỊ", blocks=(Paragraph(follow),)),
        ),
        signature=Signature(position="", name=""),
        recipients=tuple(
            filter(None, [plan.report_to.name if plan.report_to_id else "", "Lưu: VT."])
        ),
    )


def plan_report_docx(plan: InspectionPlan, inspections, counts: dict) -> bytes:
    return docx.render(
        plan_report_document(plan, inspections, counts), docx.document_format(plan.unit)
    )


# --- Excel -------------------------------------------------------------------------------------------


def inspections_xlsx(inspections) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Inspections")[:31]
    headers = [
        _("Organising unit"),
        _("Plan"),
        _("Inspected unit"),
        _("First day"),
        _("Last day"),
        _("Status"),
        _("Conclusion"),
        _("Date of the conclusion"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for width, letter in zip((32, 50, 32, 12, 12, 18, 16, 14), "ABCDEFGH", strict=True):
        sheet.column_dimensions[letter].width = width
    for inspection in inspections:
        sheet.append(
            safe_row(
                sheet,
                [
                    inspection.plan.unit.name,
                    inspection.plan.title,
                    inspection.unit.name,
                    inspection.starts_on,
                    inspection.ends_on,
                    inspection.get_status_display(),
                    inspection.conclusion_code,
                    inspection.conclusion_date,
                ],
            )
        )
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    workbook.properties.created = timezone.now().replace(tzinfo=None)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
