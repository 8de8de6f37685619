"""The parts around the body: the header (issuer, number and symbol, place and date, document
type, title) and the footer (recipients, signature). Header tables flattened with pipes or tabs
("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") read like their cells one by one."""

from __future__ import annotations

import datetime as dt
import re

from danvan.lib.plan_text.lines import (
    cells,
    ends_sentence,
    is_separator,
    marker,
    mostly_upper,
    roman_heading,
)
from danvan.lib.plan_text.model import PlanHeader
from danvan.lib.text import fold

DOC_TYPES = (
    "KẾ HOẠCH LIÊN TỊCH",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH PHỐI HỢP",
    "CHƯƠNG TRÌNH",
    "HƯỚNG DẪN",
    "ĐỀ ÁN",
)
_FOLDED_TYPES = [(fold(t), t) for t in DOC_TYPES]
_MOTTOS = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do", "dang cong san viet nam")
_NUMBER = re.compile(
    r"^S[ốô]\s*[:.]?\s*(?P<num>\d+[a-zđ]?)?\s*(?P<sep>[/-])\s*"
    r"(?P<sym>(?:\d{4}\s*/\s*)?[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:\s*[/-]\s*[A-Za-zĐđ0-9]+)*)"
)
_PLACE_DATE = re.compile(r"^(?P<place>[^\W\d_][^,|]{0,60}?)\s*,\s*[Nn]gày\b(?P<rest>.*)$")
_DATE_WORDS = re.compile(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_DATE_NUMBERS = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_TERRITORY_START = re.compile(
    r"^(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THÀNH PHỐ|THỊ XÃ|QUẬN|THỊ TRẤN|ĐẶC KHU|VIỆT NAM)\b(?!\s+[UỦ][YỶ])"
)
_SIGN = re.compile(
    r"^(?P<mode>T\s*/\s*M|T\.\s*M\.?|TM\.?|K\.?\s*T\.|KT\.?|TUQ\.?|T\.?\s*L\.|TL\.?|Q\.)\s+"
    r"(?P<body>[A-ZĐÀ-Ỹ].*)$"
)
_SIGN_MODES = {"tm": "TM.", "t/m": "T/M", "kt": "KT.", "tuq": "TUQ.", "tl": "TL.", "q": "Q."}
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|đến)\s*((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """ "ngày 06 tháng 4 năm 2020" or "06/4/2020" → a date; None if absent or impossible."""
    m = _DATE_WORDS.search(text) or _DATE_NUMBERS.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def doc_type_line(lines: list[str], limit: int = 40) -> tuple[int, str, str] | None:
    """(index, "KẾ HOẠCH", text after it on the same line) of the document-type heading."""
    for index, line in enumerate(lines[:limit]):
        if roman_heading(line) and index:
            return None
        folded = fold(line)
        for folded_type, doc_type in _FOLDED_TYPES:
            if folded == folded_type:
                return index, doc_type, ""
            head = line[: len(doc_type)]
            if folded.startswith(folded_type + " ") and head.isupper() and len(line) < 300:
                return index, doc_type, line[len(doc_type) :].strip(" :-–")
    return None


def _is_header_line(line: str) -> bool:
    for cell in cells(line):
        folded = fold(cell)
        if folded.startswith(_MOTTOS) or _NUMBER.match(cell) or _PLACE_DATE.match(cell):
            return True
    return False


def header_end(lines: list[str]) -> int:
    """Without a document-type line: the lines before the body that look like a header."""
    end, seen = 0, 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > 15:
            break
        if _is_header_line(line):
            end = index + 1
    return end


def read_header(lines: list[str], header: PlanHeader) -> None:
    """Fill issuer, number, symbol, place and date from the header's lines."""
    issuer_lines: list[str] = []
    joined: list[str] = []
    for line in lines:  # "Số: 45/KH-" + "UBND": a code broken across lines
        if joined and re.search(r"\w[-/]$", joined[-1]) and re.match(r"\w", line):
            joined[-1] += line
        else:
            joined.append(line)
    for line in joined:
        row = cells(line)
        for column, cell in enumerate(row):
            if not cell or is_separator(cell) or fold(cell).startswith(_MOTTOS):
                continue
            if m := _NUMBER.match(cell):
                if not header.symbol:
                    header.number = m["num"] or ""
                    header.symbol = re.sub(r"\s+", "", m["sym"])
                continue
            if m := _PLACE_DATE.match(cell):
                if not header.place:
                    header.place = m["place"].strip()
                    header.issued_on = parse_date(m["rest"])
                continue
            if (column == 0 or len(row) == 1) and mostly_upper(cell) and len(cell) < 120:
                issuer_lines.append(cell)
    names: list[str] = []
    for line in issuer_lines:
        if names and _TERRITORY_START.match(line):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    if names:
        header.issuer = names[-1]
        header.issuer_parent = names[-2] if len(names) > 1 else ""


def read_title(lines: list[str], start: int, inline: str) -> tuple[str, int]:
    """The title lines after the document type, and the index where the body starts.

    The title runs to the first blank line, separator, section heading or item; a block that
    ends like a sentence (":" or ".") or is very long is the preamble, not a title.
    """
    index = start
    while index < len(lines) and not lines[index] and not inline:
        index += 1
    block: list[str] = [inline] if inline else []
    end = index
    while end < len(lines):
        line = lines[end]
        if not line or is_separator(line) or roman_heading(line) or marker(line):
            break
        if block and (fold(line[:8]).startswith("can cu") or ends_sentence(line)):
            break  # the preamble starts right under the title
        block.append(line)
        end += 1
        if line.endswith((":", ";")):
            break
    title = " ".join(block).strip()
    if not title or ends_sentence(title) or len(title) > 300 or fold(title).startswith("can cu"):
        return (inline, start) if inline else ("", start)
    return title.strip(" -–"), end


def read_period(title: str) -> tuple[int | None, int | None]:
    if m := _YEAR_SPAN.search(title):
        return int(m[1]), int(m[2])
    years = {int(y) for y in _YEAR.findall(title)}
    if len(years) == 1:
        year = years.pop()
        return year, year
    return None, None


def footer_start(lines: list[str], start: int) -> int:
    """Index of "Nơi nhận:" or of the signature ("TM. ỦY BAN NHÂN DÂN"), else len(lines)."""
    last_third = start + (len(lines) - start) * 2 // 3
    for index in range(start, len(lines)):
        for cell in cells(lines[index]):
            if fold(cell[:10]).startswith("noi nhan"):
                return index
            if index >= last_third and _SIGN.match(cell) and mostly_upper(cell):
                return index
    return len(lines)


def read_footer(lines: list[str], header: PlanHeader) -> None:
    recipients: list[str] = []
    signature: list[str] = []
    in_recipients = False
    for line in lines:
        for column, cell in enumerate(cells(line)):
            if not cell or is_separator(cell):
                continue
            folded = fold(cell)
            if folded.startswith("noi nhan"):
                in_recipients = True
                rest = cell.split(":", 1)[1].strip() if ":" in cell else ""
                if rest:
                    recipients.append(rest.lstrip("-+• ").rstrip(",;."))
            elif in_recipients and cell[0] in "-+•" and (column == 0 or not signature):
                recipients.append(cell.lstrip("-+• ").rstrip(",;.").strip())
            elif _SIGN.match(cell) or signature:
                signature.append(cell)
    _read_signature(signature, header)
    header.recipients = "\n".join(r for r in recipients if r)


def _read_signature(lines: list[str], header: PlanHeader) -> None:
    positions: list[str] = []
    for line in lines:
        if fold(line).strip("()") in ("da ky", "ky", "da ky va dong dau"):
            continue
        if m := _SIGN.match(line):
            if not header.signature_mode:
                key = re.sub(r"[\s.]", "", m["mode"]).lower()
                header.signature_mode = _SIGN_MODES.get(key, "")
            continue
        if mostly_upper(line) and not header.signer_name:
            positions.append(line)
        elif re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*){2,6}", line) or mostly_upper(line):
            header.signer_name = line
    if positions:
        if not header.signer_name and len(positions) > 1:
            header.signer_name = positions.pop()
        header.signer_position = positions[-1]
