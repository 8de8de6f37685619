"""The parts around the body: the header (issuer, number and symbol, place and date, document
type, title) and the footer (recipients, signature). Header tables flattened with pipes or tabs
("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") read like their cells one by one."""

from __future__ import annotations

import re

from danvan.lib.plan_text.header_cells import body_like, is_header_line, letters, read_fields
from danvan.lib.plan_text.headings import heading
from danvan.lib.plan_text.lines import cells, ends_sentence, is_separator, marker, mostly_upper
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
    "QUYẾT ĐỊNH",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "THÔNG BÁO",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "BÁO CÁO",
    "PHÁP LỆNH",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "THÔNG TRI",
    "CÔNG ĐIỆN",
    "TỜ TRÌNH",
)
RULE_TYPES = ("QUYẾT ĐỊNH", "QUY CHẾ", "QUY ĐỊNH", "NGHỊ QUYẾT")  # articles, not tasks
_FOLDED_TYPES = [(fold(t), t) for t in DOC_TYPES]
_TYPE_LETTERS = {letters(t): t for t in DOC_TYPES}  # "K ÉT LUẬN" (an OCR's space) is KẾT LUẬN
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|đến)\s*((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!đến )(?<!tới )(?<!ĐẾN )(?<!TỚI )\b(?:năm|NĂM|Năm)\s+((?:19|20)\d\d)(?!\d)")
_SIGN = re.compile(
    r"^(?P<mode>T\s*/\s*M|T\.\s*M\.?|TM\.?|K\.?\s*T\.|KT\.?|TUQ\.?|T\.?\s*L\.|TL\.?|Q\.)\s+"
    r"(?P<body>[A-ZĐÀ-Ỹ].*)$"
)
_SIGN_MODES = {"tm": "TM.", "t/m": "T/M", "kt": "KT.", "tuq": "TUQ.", "tl": "TL.", "q": "Q."}
_PREAMBLE_START = ("Thực hiện", "Theo đề nghị", "Xét đề nghị", "Căn cứ", "- Căn cứ")
_AUTHORITY_HEADS = ("chu tich ", "bo truong ", "giam doc ", "truong ban ", "thu tuong ")
_TYPE_SCAN = 60  # non-empty lines where the document type may stand


def doc_type_line(lines: list[str]) -> tuple[int, str, str] | None:
    """(index, "KẾ HOẠCH", text after it on the same line) of the document-type heading.

    A web copy may name the document in a page title before its header ("KẾ HOẠCH Thông tin,
    tuyên truyền …"): the type line that follows the header (motto, number, place and date)
    wins, and a line that is the type alone beats one that goes on.
    """
    candidates: list[tuple[int, str, str]] = []
    last_header, seen = -1, 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _TYPE_SCAN or (heading(line) and index and candidates):
            break
        if fold(line[:8]).startswith("can cu") and last_header >= 0:
            break  # the preamble has started: a "QUYẾT ĐỊNH" below it is the decision's formula
        if is_header_line(line):
            last_header = index
        folded = fold(line)
        if len(line) < 30 and line.isupper() and letters(line) in _TYPE_LETTERS:
            candidates.append((index, _TYPE_LETTERS[letters(line)], ""))
            continue
        for folded_type, doc_type in _FOLDED_TYPES:
            if folded == folded_type:
                candidates.append((index, doc_type, ""))
                break
            head = line[: len(doc_type)]
            if folded.startswith(folded_type + " ") and head.isupper() and len(line) < 300:
                candidates.append((index, doc_type, line[len(doc_type) :].strip(" :-–")))
                break
    if not candidates:
        return None
    after = [c for c in candidates if c[0] > last_header] or candidates
    alone = [c for c in after if not c[2]]
    inline_upper = [c for c in after if c[2] and mostly_upper(c[2])]
    return (alone or inline_upper or after)[0]


def formula_type(lines: list[str]) -> str:
    """ "QUYẾT ĐỊNH" / "QUYẾT ĐỊNH:" standing alone before "Điều 1": a decision whose type line
    the copy lost still says what it is."""
    for line in lines[: _TYPE_SCAN * 2]:
        if fold(line).rstrip(":").strip() in ("quyet dinh", "quyet nghi"):
            return "QUYẾT ĐỊNH" if fold(line).startswith("quyet dinh") else "NGHỊ QUYẾT"
    return ""


def title_below_header(lines: list[str], start: int) -> tuple[str, int, str]:
    """Without a type line: upper-case title lines right under the header, before the
    preamble, and the authority line under them ("ỦY BAN NHÂN DÂN TỈNH …")."""
    block: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        following = next((x for x in lines[index + 1 : index + 4] if x), "")
        if not line:
            index += 1
            if block:
                break
            continue
        if block and _authority(line, following):
            return " ".join(block), index + 1, line
        if not mostly_upper(line) or heading(line) or marker(line) or is_header_line(line):
            break
        block.append(line)
        index += 1
    return "", start, ""


def header_end(lines: list[str]) -> int:
    """Without a document-type line: the lines before the body that look like a header."""
    end, seen = 0, 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > 20:
            break
        if is_header_line(line):
            end = index + 1
    return end


def read_header(lines: list[str], header: PlanHeader) -> None:
    """Fill issuer, number, symbol, place and date from the header's lines."""
    read_fields(lines, header)


def _authority(line: str, following: str) -> bool:
    """ "ỦY BAN NHÂN DÂN TỈNH KON TUM" / "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG" between a
    decision's title and its "Căn cứ …": who decides, not part of the title."""
    if not mostly_upper(line):
        return False
    folded = fold(line) + " "
    if not (body_like(line) or folded.startswith(_AUTHORITY_HEADS)):
        return False
    return fold(following).startswith(("can cu", "theo ", "xet ", "quyet dinh", "- can cu"))


def _new_sentence(previous: str, line: str) -> bool:
    """A title's lower-case continuation line, then a line that starts a sentence."""
    return (
        previous[:1].islower()
        and not previous.rstrip().endswith((",", "-", "–"))
        and line[:1].isupper()
        and line[1:2].islower()
        and not mostly_upper(line)
    )


def _goes_on(block: list[str], lines: list[str], end: int) -> bool:
    """A title line cut by a blank line: the next line starts in lower case and the title so
    far does not end like a sentence."""
    following = next((x for x in lines[end + 1 : end + 3] if x), "")
    return (
        bool(following)
        and following[:1].islower()
        and not ends_sentence(block[-1])
        and not marker(following)
        and len(" ".join(block)) < 250
    )


def read_title(lines: list[str], start: int, inline: str) -> tuple[str, int, str]:
    """The title lines after the document type, the index where the body starts, and the
    authority line of a decision ("ỦY BAN NHÂN DÂN TỈNH …") when there is one.

    The title runs to the first blank line, separator, section heading or item; a block that
    ends like a sentence (":" or ".") or is very long is the preamble, not a title; so is a
    line that opens a preamble ("Căn cứ …", "Thực hiện …", "Theo đề nghị …").
    """
    index = start
    while index < len(lines) and not lines[index] and not inline:
        index += 1
    block: list[str] = [inline] if inline else []
    end = index
    authority = ""
    while end < len(lines):
        line = lines[end]
        if not line and block and _goes_on(block, lines, end):
            end += 1  # "Hoạt động toàn khóa của …" / (blank) / "khóa VIII, nhiệm kỳ 2019 - 2024"
            continue
        if not line or is_separator(line) or heading(line) or marker(line):
            break
        if block and (
            ends_sentence(line)
            or fold(line[:8]).startswith("can cu")
            or (line.startswith(_PREAMBLE_START) and not mostly_upper(line))
            or (line.startswith("(") and mostly_upper(" ".join(block)))
        ):
            break  # the preamble starts right under the title
        if len(block) > 1 and _new_sentence(block[-1], line):
            break  # "… định hướng đến năm 2030" / "Hội nghị lần thứ bảy … họp ngày …"
        following = next((x for x in lines[end + 1 : end + 4] if x), "")
        if block and _authority(line, following):
            authority = line
            end += 1
            break
        block.append(line)
        end += 1
        if line.endswith((":", ";")):
            break
    title = " ".join(block).strip()
    if not title or ends_sentence(title) or len(title) > 400 or fold(title).startswith("can cu"):
        return (inline, start, "") if inline else ("", start, "")
    if not authority:
        rest = [x for x in lines[end : end + 3] if x]
        if len(rest) >= 2 and _authority(rest[0], rest[1]):
            authority = rest[0]
    return title.strip(" -–"), end, authority


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
