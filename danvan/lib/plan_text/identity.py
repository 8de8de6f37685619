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

from dataclasses import replace

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
