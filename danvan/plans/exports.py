"""Exports of a plan: the document itself (DOCX, state or Party format) and its task list
(Excel, one row per task and assignee unit).

Both read what :func:`danvan.plans.selectors.plan_detail` reads, in a fixed number of queries;
the caller has already checked that the actor may see the plan (``selectors.get_plan_for``).

How a plan maps onto a :class:`~danvan.documents.structure.Document`:
- issuing body and the body above it: ``documents.issuers.issuer_lines`` (a Sở under its
  UBND, a Ban under its Party committee, a commune's Đảng ủy under the provincial Đảng bộ),
  with the names the units carried on the plan's date;
- number and date only once issued: a draft leaves room for them, as a paper draft does;
- place: the plan's place, or the short name of the nearest territory;
- the legal bases make the opening paragraph: laws, decrees, circulars and decisions are
  "Căn cứ …", everything else (directives, resolutions, programmes, plans…) "thực hiện …";
- each section prints its text, then its tasks, numbered, each followed by one line
  "- Đơn vị chủ trì: …; phối hợp: …; thời hạn: …";
- signature: "TM."/"T/M" signs for the collective (the unit type's name; a Party committee's
  standing committee, "Ban Thường vụ"); "KT.", "Q.", "TL.", "TUQ." sign for the position written
  before a "/" in the signer's position ("Chủ tịch / Phó Chủ tịch"), or for the whole position.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.documents.issuers import issuer_lines
from danvan.documents.structure import (
    Authority,
    Document,
    DocumentFormat,
    Item,
    Marker,
    Paragraph,
    Section,
    Signature,
    SigningFor,
)
from danvan.lib.text import fold
from danvan.plans import selectors
from danvan.plans.models import AssignmentRole, DeadlineKind, Plan, Task
from danvan.units.selectors import name_on

DOC_TYPE = "KẾ HOẠCH"
LOOSE_TASKS_TITLE = "CÁC NHIỆM VỤ KHÁC"
PARTY_COLLECTIVE = "Ban Thường vụ"
DEFAULT_RECIPIENTS = ("Lưu: VT.",)
# Documents a plan is based on in law ("Căn cứ"); the others it implements ("Thực hiện").
LEGAL_BASIS_TYPES = {
    fold(name) for name in ("Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư", "Quyết định")
}
_AUTHORITIES = {
    "TM.": Authority.ON_BEHALF,
    "T/M": Authority.ON_BEHALF,
    "KT.": Authority.DEPUTY,
    "Q.": Authority.ACTING,
    "TL.": Authority.BY_ORDER,
    "TUQ.": Authority.BY_AUTHORISATION,
}
XLSX_DATE_FORMAT = "dd/mm/yyyy"


# --- Shared ---------------------------------------------------------------------------------


def document_format(plan: Plan) -> DocumentFormat:
    return DocumentFormat(plan.unit.unit_type.document_format or DocumentFormat.STATE)


def deadline_text(task: Task) -> str:
    """ "15/03/2026" for a date, "10/6, 01/11" for a recurring deadline, "" without one."""
    if task.deadline_kind == DeadlineKind.DATE and task.due_date:
        return f"{task.due_date:%d/%m/%Y}"
    if task.deadline_kind == DeadlineKind.RECURRING and task.recurrence:
        return ", ".join(f"{day:02d}/{month}" for day, month in task.recurrence)
    return ""


def export_filename(plan: Plan, extension: str, *, suffix: str = "") -> str:
    """The file's name, from the number and symbol ("Kế hoạch 45-KH-UBND") or the title."""
    base = f"Kế hoạch {plan.code}" if plan.code else plan.title
    base = " ".join(base.replace("/", "-").split())[:120]
    if suffix:
        base = f"{base} - {suffix}"
    return f"{base}.{extension}"


def _ordered_tasks(detail: dict) -> list[tuple[str, Task]]:
    """(section label, task) in the order of the plan: by section, then the loose tasks."""
    rows = []
    for section in detail["sections"]:
        label = f"{section.numeral}. {section.title}" if section.numeral else section.title
        rows.extend((label, task) for task in section.task_list)
    rows.extend(("", task) for task in detail["loose_tasks"])
    return rows


# --- DOCX -----------------------------------------------------------------------------------


def _place(plan: Plan) -> str:
    if plan.place.strip():
        return plan.place.strip()
    unit = plan.unit
    territory = unit if unit.unit_type.is_territory else unit.parent
    territory = territory or unit
    return territory.short_name or territory.name


def _basis_text(document) -> str:
    text = str(document)
    return f"{text} {document.title}" if document.title else text


def _preamble(plan: Plan, legal_bases) -> tuple[Paragraph, ...]:
    if not legal_bases:
        return ()
    grounds = [d for d in legal_bases if fold(d.doc_type) in LEGAL_BASIS_TYPES]
    implements = [d for d in legal_bases if fold(d.doc_type) not in LEGAL_BASIS_TYPES]
    parts = []
    if grounds:
        parts.append("Căn cứ " + "; ".join(_basis_text(d) for d in grounds))
    if implements:
        verb = "thực hiện " if parts else "Thực hiện "
        parts.append(verb + "; ".join(_basis_text(d) for d in implements))
    unit_name = name_on(plan.unit, plan.issued_on if not plan.is_draft else None)
    return (Paragraph(f"{'; '.join(parts)}, {unit_name} xây dựng Kế hoạch như sau:"),)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _assignees_line(task: Task) -> str:
    parts = []
    leads = ", ".join(a.unit.name for a in task.leads)
    if leads:
        parts.append(f"Đơn vị chủ trì: {leads}")
    supports = ", ".join(a.unit.name for a in task.supports)
    if supports:
        parts.append(f"phối hợp: {supports}")
    deadline = deadline_text(task)
    if deadline:
        if task.deadline_kind == DeadlineKind.RECURRING:
            deadline = f"{deadline} hằng năm"
        parts.append(f"thời hạn: {deadline}")
    if not parts:
        return ""
    line = "; ".join(parts)
    return line[0].upper() + line[1:] + "."


def _task_item(task: Task) -> Item:
    lines = _lines(task.content) or [""]
    children: list = [Paragraph(line) for line in lines[1:]]
    if task.expected_output.strip():
        output = " ".join(task.expected_output.split())
        children.append(Item(text=f"Sản phẩm: {output}", marker=Marker.DASH))
    assignees = _assignees_line(task)
    if assignees:
        children.append(Item(text=assignees, marker=Marker.DASH))
    return Item(text=lines[0], children=tuple(children), marker=Marker.NUMBER)


def _sections(detail: dict) -> tuple[Section, ...]:
    sections = []
    for section in detail["sections"]:
        blocks = [Paragraph(line) for line in _lines(section.body)]
        blocks.extend(_task_item(task) for task in section.task_list)
        label = f"{section.numeral}." if section.numeral else None
        sections.append(Section(title=section.title, blocks=tuple(blocks), label=label))
    if detail["loose_tasks"]:
        items = tuple(_task_item(task) for task in detail["loose_tasks"])
        sections.append(Section(title=LOOSE_TASKS_TITLE, blocks=items))
    return tuple(sections)


def _signature(plan: Plan, fmt: DocumentFormat) -> Signature:
    position = plan.signer_position.strip()
    authority = _AUTHORITIES.get(plan.signature_mode)
    if authority is None:
        return Signature(position=position, name=plan.signer_name.strip())
    if authority is Authority.ON_BEHALF:
        collective = PARTY_COLLECTIVE if fmt is DocumentFormat.PARTY else plan.unit.unit_type.name
        on_behalf = (SigningFor(authority, collective),)
    else:
        head, slash, own = position.partition("/")
        if slash:
            on_behalf, position = (SigningFor(authority, head.strip()),), own.strip()
        else:
            on_behalf, position = (SigningFor(authority, position),), ""
    return Signature(position=position, name=plan.signer_name.strip(), on_behalf=on_behalf)


def plan_to_document(plan: Plan, detail: dict | None = None) -> Document:
    """The plan as an official document; ``detail`` is ``selectors.plan_detail(plan)``."""
    detail = detail if detail is not None else selectors.plan_detail(plan)
    fmt = document_format(plan)
    issued = not plan.is_draft
    parent_issuer, issuer = issuer_lines(plan.unit, fmt, plan.issued_on if issued else None)
    return Document(
        issuer=issuer,
        parent_issuer=parent_issuer,
        number=plan.number if issued else "",
        symbol=plan.symbol or "KH",
        place=_place(plan),
        issued_on=plan.issued_on if issued else None,
        doc_type=DOC_TYPE,
        summary=plan.title,
        preamble=_preamble(plan, detail["legal_bases"]),
        sections=_sections(detail),
        signature=_signature(plan, fmt),
        recipients=tuple(plan.recipient_lines()) or DEFAULT_RECIPIENTS,
    )


# --- Excel ----------------------------------------------------------------------------------


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Section"), 28),
        (_("Task no."), 9),
        (_("Task"), 60),
        (_("Unit"), 32),
        (_("Role"), 12),
        (_("Deadline"), 14),
        (_("Status"), 16),
        (_("Progress (%)"), 12),
        (_("Overdue"), 10),
    ]


def _deadline_cell(task: Task) -> dt.date | str | None:
    if task.deadline_kind == DeadlineKind.DATE and task.due_date:
        return task.due_date
    return deadline_text(task) or None


def task_rows(detail: dict) -> list[list]:
    """One row per task and assignee unit, leads first, in the plan's order."""
    rows = []
    for section_label, task in _ordered_tasks(detail):
        for assignment in [*task.leads, *task.supports]:
            rows.append(
                [
                    section_label,
                    task.number,
                    task.content.strip(),
                    assignment.unit.name,
                    _("Lead") if assignment.role == AssignmentRole.LEAD else _("Support"),
                    _deadline_cell(task),
                    assignment.get_status_display(),
                    assignment.progress,
                    _("Yes") if getattr(assignment, "is_overdue", False) else _("No"),
                ]
            )
    return rows


def tasks_xlsx(plan: Plan, detail: dict | None = None) -> bytes:
    """The task list of a plan as an Excel workbook."""
    detail = detail if detail is not None else selectors.plan_detail(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tasks")[:31]
    columns = _columns()
    sheet.append([title for title, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in task_rows(detail):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if cell.data_type == "f":  # text typed as "=…" stays text, never a formula
                cell.data_type = "s"
            if isinstance(cell.value, dt.date):
                cell.number_format = XLSX_DATE_FORMAT
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    workbook.properties.title = plan.title[:255]
    workbook.properties.creator = plan.unit.name[:255]
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
