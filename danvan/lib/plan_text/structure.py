"""Sections and tasks of a plan's body.

Sections start at Roman numerals ("II. NỘI DUNG"). Inside a section whose title says it holds
work ("NỘI DUNG", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"…, anything but purposes and funding), items
("1.", "2.1.", "a)", "-", "+", "•") form a tree: an item with items under it is a heading when
it reads like one (short, no full stop, or ending with ":"), and its units pass to the tasks
under it; every other item is a task. A heading followed by plain paragraphs instead of items
("4. Đối với Mặt trận Tổ quốc …" + two paragraphs) has those paragraphs as its tasks.
Tables of tasks flattened with pipes ("STT | Nội dung | Đơn vị chủ trì | Thời gian") give one
task per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from danvan.lib.plan_text import units as U
from danvan.lib.plan_text.deadlines import find_deadline
from danvan.lib.plan_text.headings import heading
from danvan.lib.plan_text.lines import (
    RANKS,
    cells,
    ends_sentence,
    is_closing,
    is_table_row,
    marker,
    mostly_upper,
    norm,
)
from danvan.lib.plan_text.model import LEAD, SUPPORT, DeadlineDraft, SectionDraft, TaskDraft
from danvan.lib.plan_text.prose import prose_tasks
from danvan.lib.text import fold

_BULLET_KINDS = ("dash", "plus", "dot")
_DESCRIPTIVE_LABELS = (
    "tiêu chí", "tiêu chuẩn", "đối tượng", "hình thức", "thành phần", "địa điểm", "kinh phí",
    "phạm vi", "điều kiện", "khái niệm",
)  # fmt: skip
_LEADIN = re.compile(
    r"^(?P<label>[^:]{3,120}?(?:nội dung|nhiệm vụ|giải pháp|như sau|sau đây)[^:]{0,40}):\s*(?P<body>.*)$",
    re.IGNORECASE,
)


@dataclass
class Node:
    kind: str
    label: str
    text: str
    children: list[Node] = field(default_factory=list)
    paras: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Context:
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    deadline_text: str = ""


# --- sections --------------------------------------------------------------------------------


def split_sections(paras: list[str]) -> tuple[list[str], list[tuple[str, str, list[str], str]]]:
    """(preamble, [(numeral, title, paragraphs, kind)]). Sections start at Roman numerals,
    "Phần" and, in a rule, "Chương" — or "Điều" where a text has no chapters. Without any of
    them, numbered headings in capitals ("1. MỤC ĐÍCH, YÊU CẦU") are the sections; without
    either, one untitled section."""
    found = [(index, h) for index, p in enumerate(paras) if (h := heading(p))]
    for position, (index, h) in enumerate(found):  # "Chương 1:" / "" / "NHỮNG QUY ĐỊNH CHUNG"
        following = paras[index + 1] if index + 1 < len(paras) else ""
        untitled = h.kind in ("chapter", "part") and not h.title
        if untitled and following and not heading(following) and _title_line(following):
            found[position] = (index, replace(h, title=following.strip()))
            paras[index + 1] = ""
    chapters = any(h.kind == "chapter" for _, h in found)
    kinds = ("roman", "part", "chapter") if chapters else ("roman", "part", "article")
    headings = [
        (index, h.numeral, h.title, h.rest, h.kind) for index, h in found if h.kind in kinds
    ]
    if not headings:
        named = 0
        for index, p in enumerate(paras):
            m = marker(p)
            if not m or m.kind != "num1":
                continue
            title = m.text.rstrip(":").strip()
            if fold(title) in _SECTION_NAMES:
                named += 1
            elif not (mostly_upper(title) and len(title) < 120):
                continue
            headings.append((index, m.label.rstrip(".)"), title, "", "numbered"))
        if len(headings) < 2 and not named:
            headings = []
    if not headings:
        return [], [("", "", paras, "")] if paras else []
    sections = []
    for position, (index, numeral, title, rest, kind) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(paras)
        body = [p for p in paras[index + 1 : end] if p]
        sections.append((numeral, title, ([rest] if rest else []) + body, kind))
    return paras[: headings[0][0]], sections


def _title_line(text: str) -> bool:
    return mostly_upper(text) and len(text) < 200


_SECTION_NAMES = {  # "1. Mục đích": a section of a plan even in lower case
    "muc dich", "yeu cau", "muc dich, yeu cau", "muc dich yeu cau", "muc tieu", "noi dung",
    "nhiem vu", "nhiem vu, giai phap", "giai phap", "to chuc thuc hien", "kinh phi",
    "kinh phi thuc hien", "phan cong nhiem vu", "che do bao cao",
}  # fmt: skip
_DUTIES = ("trach nhiem", "to chuc thuc hien", "nhiem vu", "phan cong", "chu tri", "giao ")
_IN_FORCE = ("thi hanh quyet dinh", "thi hanh nghi quyet", "co hieu luc", "quyet dinh thi hanh")


def section_kind(numeral: str, title: str, heading_kind: str = "", text: str = "") -> str:
    if not numeral and not title:
        return "untitled"
    folded = fold(title)
    if heading_kind in ("chapter", "article"):
        said = f"{folded} {fold(text[:300])}" if heading_kind == "article" else folded
        if any(w in said for w in _DUTIES) and not any(w in said for w in _IN_FORCE):
            return "organisation"
        return "rules"  # principles, scope, entry into force: not work to track
    if any(w in folded for w in ("to chuc thuc hien", "phan cong", "trach nhiem")):
        return "organisation"
    if any(w in folded for w in ("nhiem vu", "noi dung", "giai phap", "hoat dong", "bao cao")):
        return "tasks"
    purposes = ("muc dich", "yeu cau", "muc tieu", "quan diem", "can cu", "tinh hinh", "kinh phi")
    if any(w in folded for w in (*purposes, "ket qua", "danh gia", "phan thu nhat")):
        return "purpose"
    return "tasks"


def build_section(
    numeral: str, title: str, paras: list[str], kind: str, year: int | None
) -> SectionDraft:
    section = SectionDraft(numeral=numeral, title=title)
    kind = section_kind(numeral, title, kind, " ".join(paras[:2]))
    if kind in ("purpose", "rules"):
        section.paragraphs = list(paras)
        return section
    run: list[str] = []
    in_table = False
    for p in [*paras, ""]:
        row = is_table_row(p)
        if p and row == in_table:
            run.append(p)
            continue
        if run:
            (_table_tasks if in_table else _text_tasks)(run, section, kind, year)
        run, in_table = [p], row
    return section


# --- items -----------------------------------------------------------------------------------


_ASSIGNS = re.compile(r"^(?:giao|đề nghị|yêu cầu)\s", re.IGNORECASE)


def _heading_like(text: str) -> bool:
    if text.endswith(":"):
        return True
    assigns = bool(_ASSIGNS.match(text)) and not U.heading_units(text)
    return not ends_sentence(text) and len(text) <= 160 and not assigns


def _tree(paras: list[str], section: SectionDraft) -> list[Node | str]:
    tops: list[Node | str] = []
    stack: list[Node] = []
    for p in paras:
        if is_closing(p):
            stack.clear()
            tops.append(p)
            continue
        if m := marker(p):
            node = Node(m.kind, m.label, m.text)
            while stack and RANKS[stack[-1].kind] >= RANKS[node.kind]:
                stack.pop()
            if stack and (attr := U.attribute(m.text)):
                stack[-1].attrs.append(attr)  # "- Cơ quan chủ trì: Sở Nội vụ." under its task
                continue
            (stack[-1].children if stack else tops).append(node)
            stack.append(node)
            continue
        if stack and (attr := U.attribute(p)):
            stack[-1].attrs.append(attr)
            continue
        while stack and stack[-1].kind in _BULLET_KINDS:
            stack.pop()
        if not stack:
            tops.append(p)
        elif _heading_like(stack[-1].text):
            stack[-1].children.append(Node("para", "", p))
        elif not stack[-1].children:
            stack[-1].paras.append(p)
        else:
            stack.clear()
            tops.append(p)
    return tops


_PRINCIPLE = re.compile(
    r"^[^.;:]{0,120}?\s(?:hoạt động|làm việc) theo (?:chế độ|nguyên tắc|quy chế)"
    r"|^[^.;:]{0,120}?\s(?:chịu sự (?:lãnh đạo|chỉ đạo|điều chỉnh|quản lý)|được tổ chức theo)"
    r"|^[^.;:]{0,120}?\sgồm (?:có )?\d+ (?:thành viên|đồng chí|người)"
    r"|^(?:quy chế|quy định|kế hoạch|quyết định) này (?:quy định|áp dụng|có hiệu lực)",
    re.IGNORECASE,
)


def _descriptive(text: str) -> bool:
    """ "Tiêu chí xây dựng: …", "Cá nhân điển hình: Là cán bộ …": a definition, not a task;
    "Ban Chỉ đạo hoạt động theo chế độ kiêm nhiệm …": a principle, not a task."""
    if _PRINCIPLE.match(norm(text)):
        return True
    label, colon, body = text.partition(":")
    if not colon or len(label) > 100:
        return False
    label_norm, body_norm = norm(label.strip()), norm(body.strip())
    return label_norm.startswith(_DESCRIPTIVE_LABELS) or bool(
        re.match(r"^(?:\S+\s+){0,2}là\s", body_norm)
    )


def _clean_content(text: str) -> str:
    text = text.strip()
    return text[:-3] + "." if text.endswith("./.") else text


def _make_task(node: Node, ctx: Context, year: int | None) -> TaskDraft:
    text = node.text
    content = text
    leads: list[str] = []
    supports: list[str] = []
    label, colon, body = text.partition(":")
    if colon and body.strip() and len(label) <= 120 and (found := U.heading_units(label)):
        leads, supports = found
        content = body.strip()
    if not leads:
        leads = U.subject_units(body if colon and body.strip() else text)
    supports += [s for s in U.support_units(content) if s not in supports]
    time_text = output = ""
    for key, value in node.attrs:
        if key in (LEAD, SUPPORT):
            (leads if key == LEAD else supports).extend(U.split_names(value))
        elif key == "time":
            time_text = value
        else:
            output = value
    if node.paras:
        content = "\n".join([content, *node.paras])
    task = TaskDraft(content=_clean_content(content), label=node.label, expected_output=output)
    task.group = " › ".join(ctx.groups)
    for name in leads or ctx.leads:
        task.add_unit(name, LEAD)
    for name in supports if leads else [*ctx.supports, *supports]:
        task.add_unit(name, SUPPORT)
    task.deadline = _deadline(time_text, content, ctx.deadline_text, year)
    return task


def _deadline(time_text: str, content: str, inherited: str, year: int | None) -> DeadlineDraft:
    for source in (time_text, content, inherited):
        if source:
            found = find_deadline(source, year)
            if found.text:
                return found
    return DeadlineDraft()


_REVIEW_HEADINGS = ("khang dinh", "danh gia", "tinh hinh", "ket qua dat duoc", "han che",
                    "nguyen nhan", "bai hoc kinh nghiem")  # fmt: skip


def _walk(node: Node, ctx: Context, section: SectionDraft, year: int | None) -> None:
    untitled = not (section.numeral or section.title)
    short = len(node.text.split()) < 4 and not ends_sentence(node.text)
    if untitled and not node.children and node.kind in _BULLET_KINDS and short:
        section.paragraphs.append(f"{node.label} {node.text}".strip())  # "• Thuộc tính": a menu
        return
    if node.children and any(w in fold(node.text) for w in _REVIEW_HEADINGS):
        # "1. Về kết quả, Đại hội khẳng định:": what was achieved, not work to do
        section.paragraphs.append(f"{node.label} {node.text}".strip())
        section.paragraphs.extend(_flatten(node))
        return
    if not node.children:
        if _descriptive(node.text):
            section.paragraphs.append(f"{node.label} {node.text}".strip())
        elif node.text:
            section.tasks.append(_make_task(node, ctx, year))
        return
    label, colon, body = node.text.partition(":")
    if _heading_like(node.text) and not (colon and body.strip() and not U.heading_units(label)):
        found = U.heading_units(node.text)
        inner = Context(
            leads=found[0] if found else ctx.leads,
            supports=found[1] if found else ctx.supports,
            groups=[*ctx.groups, f"{node.label} {node.text}".strip()],
            deadline_text=" ".join(filter(None, [ctx.deadline_text, node.text])),
        )
        section.paragraphs.extend(node.paras)
    else:
        task = _make_task(node, ctx, year)
        section.tasks.append(task)
        inner = Context(
            leads=task.lead_units or ctx.leads,
            supports=task.support_units if task.lead_units else ctx.supports,
            groups=ctx.groups,
            deadline_text=ctx.deadline_text,
        )
    for child in node.children:
        _walk(child, inner, section, year)


def _flatten(node: Node) -> list[str]:
    found = []
    for child in node.children:
        found.append(f"{child.label} {child.text}".strip())
        found.extend(child.paras)
        found.extend(_flatten(child))
    return found


def _text_tasks(paras: list[str], section: SectionDraft, kind: str, year: int | None) -> None:
    """Tasks from items (or paragraphs after a lead-in), then from the sentences of the other
    paragraphs that name a unit and a dated deadline."""
    written = len(section.paragraphs)
    _item_tasks(paras, section, kind, year)
    for paragraph in section.paragraphs[written:]:
        if not is_closing(paragraph):
            section.tasks.extend(prose_tasks(paragraph, year))


def _item_tasks(paras: list[str], section: SectionDraft, kind: str, year: int | None) -> None:
    tops = _tree(paras, section)
    if any(isinstance(top, Node) for top in tops):
        for top in tops:
            if isinstance(top, Node):
                _walk(top, Context(), section, year)
            else:
                section.paragraphs.append(top)
        return
    # No item markers at all (numbering lost in conversion): paragraphs are the tasks, after a
    # lead-in ("Các nội dung tập trung thực hiện: …") in a text without sections.
    tasks_on = kind != "untitled"
    for p in paras:
        if is_closing(p) or (tasks_on and p.endswith(":")):
            section.paragraphs.append(p)
            tasks_on = tasks_on and not is_closing(p)
            continue
        if tasks_on:
            _walk(Node("para", "", p), Context(), section, year)
            continue
        section.paragraphs.append(p)
        if m := _LEADIN.match(p):
            tasks_on = True
            if m["body"].strip():
                section.paragraphs[-1] = m["label"].strip() + ":"
                _walk(Node("para", "", m["body"].strip()), Context(), section, year)


# --- tables ----------------------------------------------------------------------------------

_COLUMNS = (
    ("content", ("nội dung", "nhiệm vụ", "công việc", "hoạt động")),
    ("support", ("phối hợp",)),
    ("lead", ("chủ trì", "thực hiện", "phụ trách")),
    ("time", ("thời gian", "thời hạn", "tiến độ")),
    ("output", ("sản phẩm", "kết quả")),
)


def _columns(row: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        words = norm(cell)
        for key, options in _COLUMNS:
            if key not in found and any(o in words for o in options):
                found[key] = index
                break
    if "content" in found and len(found) >= 2:
        return found
    return None


def _row_cells(line: str, markdown: bool, width: int) -> list[str]:
    """A row's cells; a flattened row keeps its empty first cell ("| more text | |")."""
    row = [cell.strip() for cell in line.split("|")]
    if markdown and row and not row[0]:
        row = row[1:]
    while len(row) > width and not row[-1]:
        row.pop()
    return row + [""] * (width - len(row))


def _table_tasks(rows_text: list[str], section: SectionDraft, kind: str, year) -> None:
    markdown = rows_text[0].startswith("|")
    width = len(cells(rows_text[0]))
    rows = [_row_cells(r, markdown, width) for r in rows_text]
    columns = None
    group = ""
    last: TaskDraft | None = None
    for row in rows:
        if columns is None:
            columns = _columns(row)
            if columns is None:
                section.paragraphs.append(" | ".join(c for c in row if c))
            continue

        def cell(key: str, row=row, columns=columns) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        filled = [c for c in row if c]
        content = cell("content")
        if last is not None and not row[0] and content and columns.get("content", 0) > 0:
            last.content = f"{last.content}\n{content}"  # the cell's next paragraph
            continue
        numbered_group = re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", row[0]) is not None
        if len(filled) == 1 or (
            numbered_group and not any(cell(k) for k in ("lead", "support", "time"))
        ):
            group = " ".join(filled)
            continue
        if not content:
            continue
        task = TaskDraft(content=_clean_content(content), label=row[0], group=group)
        for name in U.split_names(cell("lead")) if cell("lead") else []:
            task.add_unit(name, LEAD)
        for name in U.split_names(cell("support")) if cell("support") else []:
            task.add_unit(name, SUPPORT)
        task.expected_output = cell("output")
        task.deadline = _deadline(cell("time"), content, "", year)
        if not task.deadline.text and cell("time"):
            task.deadline = find_deadline("trong " + cell("time"), year)
        section.tasks.append(task)
        last = task
