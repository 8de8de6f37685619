"""Who issued the document and what it cites, beyond its header block.

- An incomplete header issuer ("ỦY BAN NHÂN DÂN" whose territory line was lost) is completed
  from the decision's authority line ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG").
- A page that names its document only in a title line ("Quyết định số 290-QĐ/TW, ngày
  25/02/2010 của Bộ Chính trị về việc …") gets its type, number, date, issuer and title from
  that line, and the line is not a citation of itself.
- Each document cited is listed once: its mentions are merged, so a date or an issuer given by a
  later mention is kept, and a properly written issuer beats an upper-case title's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from danvan.lib.plan_text.header_cells import parse_date
from danvan.lib.plan_text.headings import heading
from danvan.lib.plan_text.lines import marker, mostly_upper
from danvan.lib.plan_text.model import PlanHeader
from danvan.lib.text import fold

LOW = "low"
_AUTHORITY_HEADS = ("CHỦ TỊCH ", "BỘ TRƯỞNG ", "GIÁM ĐỐC ", "TRƯỞNG BAN ", "THỦ TƯỚNG ")
_TITLE_LINES = 4  # non-empty lines at the top where a title line may name the document


def complete_issuer(header: PlanHeader, authority: str) -> None:
    if not authority:
        return
    name = authority
    for head in _AUTHORITY_HEADS:
        if name.upper().startswith(head):
            name = name[len(head) :]
    if not header.issuer:
        header.issuer = name
    elif fold(name).startswith(fold(header.issuer) + " ") and not header.co_issuers:
        header.issuer = name  # "ỦY BAN NHÂN DÂN" + its territory from the authority line
    else:
        return
    header.confidence["issuer"] = LOW


def title_line(lines: list[str], start: int, header: PlanHeader) -> int:
    """Read the document's identity from a title line at the top; the body's new start."""
    from danvan.lib.citations import find_citations

    seen = 0
    for index in range(start, len(lines)):
        line = lines[index].strip().strip("“”\"'")
        if not line:
            continue
        seen += 1
        if seen > _TITLE_LINES or heading(line) or marker(line):
            break
        found = find_citations(line)
        if not found or line.rstrip().endswith((";", ",")):
            continue
        first = found[0]
        if first.start or first.date is None or first.end < len(line.rstrip()) - 2:
            continue
        header.doc_type = first.doc_type.upper()
        header.number, header.symbol = first.number, first.symbol
        header.issued_on, header.issuer = first.date, first.issuer
        header.title = f"về {first.title}" if first.title else ""
        for name in ("doc_type", "number", "symbol", "issued_on", "issuer", "title"):
            header.confidence[name] = LOW
        return index + 1
    return start


_LABELS = (
    "Số hiệu", "Số ký hiệu", "Loại văn bản", "Nơi ban hành", "Cơ quan ban hành", "Người ký",
    "Ngày ban hành", "Ngày hiệu lực", "Ngày đăng công báo", "Ngày công báo", "Số công báo",
    "Tình trạng", "Lĩnh vực", "Ngày hết hiệu lực", "Áp dụng",
)  # fmt: skip
_LABEL = re.compile("(" + "|".join(re.escape(x) for x in _LABELS) + r")\s*:\s*")
_METADATA_LINES = 80


def _metadata(lines: list[str]) -> dict[str, str]:
    """ "Số hiệu: 146/2025/NQ-HĐND", "Loại văn bản: Nghị quyết", "Ngày ban hành: 18/04/2025",
    "Cơ quan ban hành: …" — a legal library's block about the document, values glued or not."""
    found: dict[str, str] = {}
    for line in lines[:_METADATA_LINES]:
        marks = list(_LABEL.finditer(line))
        for position, m in enumerate(marks):
            end = marks[position + 1].start() if position + 1 < len(marks) else len(line)
            found.setdefault(m[1], line[m.end() : end].strip())
    return found


def read_metadata(lines: list[str], header: PlanHeader) -> bool:
    """Fill type, number, symbol, issuer and date from a legal library's metadata block when
    the copy lost the document's own header. True if it did."""
    from danvan.lib.citations import parse_code

    found = _metadata(lines)
    code = parse_code(found.get("Số hiệu") or found.get("Số ký hiệu") or "")
    if not code:
        return False
    header.number, header.symbol = code[0], code[1]
    kind = found.get("Loại văn bản", "")
    if kind and len(kind) < 40:
        header.doc_type = kind.upper()
    if issuer := found.get("Cơ quan ban hành", ""):
        header.issuer = issuer
    header.issued_on = parse_date(found.get("Ngày ban hành", ""))
    for name in ("doc_type", "number", "symbol", "issuer", "issued_on"):
        header.confidence[name] = LOW
    _title_from_mentions(lines, header)
    return True


def _title_from_mentions(lines: list[str], header: PlanHeader) -> None:
    """ "Nghị quyết 146/2025/NQ-HĐND của HĐND tỉnh Hà Tĩnh quy định …": the title after the
    document's own mention in a line of the page."""
    from danvan.lib.citations import find_citations

    for line in lines[:_METADATA_LINES]:
        for citation in find_citations(line)[:1]:
            if citation.start or citation.number != header.number:
                continue
            rest = line[citation.end :].strip()
            title = f"về {citation.title}" if citation.title else rest
            if title[:1].islower() and len(title) < 400:
                header.title = title
                header.confidence["title"] = LOW
                return


def _key(citation) -> tuple[str, str]:
    return citation.number.lower(), "".join(citation.symbol.split()).upper()


def _better_issuer(old: str, new: str) -> bool:
    if not new:
        return False
    if not old:
        return True
    return mostly_upper(old) and not mostly_upper(new) and fold(old) == fold(new)


def _merge(old, new):
    changes = {}
    if old.date is None and new.date is not None:
        changes["date"] = new.date
    if _better_issuer(old.issuer, new.issuer):
        changes["issuer"] = new.issuer
    if not old.title and new.title:
        changes["title"] = new.title
    return replace(old, **changes) if changes else old


def _is_self(citation, header: PlanHeader) -> bool:
    if not header.number:
        return False
    if _key(citation) == (header.number.lower(), "".join(header.symbol.split()).upper()):
        return True
    same_type = fold(citation.doc_type) == fold(header.doc_type)
    return citation.number.lower() == header.number.lower() and same_type


def merge_citations(
    header: PlanHeader, title: str, preamble: list[str], body: list[str]
) -> tuple[list, list[str]]:
    """Every document cited, once, with what its mentions say together, and the codes cited
    in the title or the preamble: the plan's legal bases."""
    try:
        from danvan.lib.citations import find_citations
    except ImportError:  # pragma: no cover - the citation parser ships with this package
        return [], []
    chosen: dict[tuple[str, str], object] = {}
    for citation in find_citations(title + "\n\n" + "\n".join(body)):
        if _is_self(citation, header):
            continue
        key = _key(citation)
        chosen[key] = _merge(chosen[key], citation) if key in chosen else citation
    basis_keys = {_key(c) for c in find_citations("\n".join([title, *preamble]))}
    return list(chosen.values()), [c.code for k, c in chosen.items() if k in basis_keys]
