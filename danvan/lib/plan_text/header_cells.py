"""Reading the header block: issuer(s), number and symbol, place and date.

Copies break the header in every way: tables flattened with pipes or tabs, columns laid out with
runs of spaces, one cell a line with "|" lines between, the motto cut anywhere ("CỘNG" / "HÒA XÃ
HỘI …"), "Số:" with its number on the next line, the place and date over two or three lines
("Sơn" / "La, ngày 11 tháng 3" / "năm 2020"), the issuer's own name cut ("UỶ BAN NHÂN" / "DÂN"),
two bodies over one territory (a joint document). The header is read as a sequence of
fragments (cells in reading order); broken pieces are put back together first, then each field
is read. A field read from pieces put back together is marked "low" confidence; a field the
text does not state stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from danvan.lib.plan_text.lines import cells, is_separator, mostly_upper
from danvan.lib.plan_text.model import PlanHeader
from danvan.lib.text import fold

HIGH, LOW = "high", "low"
_MOTTOS = (  # letters only, folded
    "conghoaxahoichunghiavietnam",
    "doclaptudohanhphuc",
    "dangcongsanvietnam",
    "doantncshochiminh",
    "doanthanhniencongsanhochiminh",
)
NUMBER = re.compile(  # "Số: 19/KH-UBND", "Số 11-CT/TU", "SỐ 34/2007/PL-UBTVQH11", "Số 445-KL/TƯ"
    r"^(?:S[ốô]|SỐ|SÔ)\s*[:.]?\s*(?P<num>\d+[a-zđ]?)?\s*(?P<sep>[/-])\s*"
    r"(?P<sym>(?:\d{4}\s*/\s*)?[^\W\d_][\w&]*(?:\s*[/-]\s*[\w&]+)*)"
)
_NUMBER_ALONE = re.compile(r"^(?:S[ốô]|SỐ)\s*[:.]?$")
_PLACE_DATE = re.compile(r"^(?P<place>[^\W\d_][^,|]{0,60}?)\s*,\s*[Nn]gày\b(?P<rest>.*)$")
_DATE_WORDS = re.compile(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*,?\s*năm\s*(\d{4})", re.IGNORECASE)
_DATE_NUMBERS = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_PIECE = re.compile(r"^(?:\d{1,2}\s+)?(?:tháng\b|năm\b)|^\d{1,2}\s*$", re.IGNORECASE)
_NOT_PLACES = (
    "thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay", "chu nhat", "thu ",
    "ngay", "so ", "ke hoach", "quyet dinh", "chi thi", "nghi quyet", "thong bao", "cap nhat",
    "dang luc", "ban hanh",
)  # fmt: skip
TERRITORY = re.compile(
    r"^(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THÀNH PHỐ|TP\.?|THỊ XÃ|QUẬN|THỊ TRẤN|ĐẶC KHU|VIỆT NAM)\b"
    r"(?!\s+[UỦ][YỶ])"
)
_LOCAL = re.compile(r"\b(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THÀNH PHỐ|THỊ XÃ|QUẬN|THỊ TRẤN|ĐẶC KHU)\b")
_BODIES = (
    "uy ban", "ubnd", "ub mttq", "ubmttq", "hoi dong", "hdnd", "ban ", "so ", "phong ",
    "hoi ", "dang uy", "dang bo", "huyen uy", "tinh uy", "thanh uy", "thi uy", "quan uy",
    "chi bo", "chi uy", "doan ", "tinh doan", "thanh doan", "huyen doan", "mat tran",
    "cong an", "bo ", "cuc ", "chi cuc", "truong ", "trung tam", "van phong", "lien doan",
    "thanh tra", "toa an", "vien kiem sat", "bch ", "ban chap hanh", "cong doan",
    "lien hiep", "bo chi huy", "hoi lien hiep", "hoi nong dan", "hoi cuu chien binh",
)  # fmt: skip
_CHROME = re.compile(r"[>»›]|^(?:TRANG CHỦ|ĐĂNG NHẬP|TIN TỨC|LIÊN HỆ|SƠ ĐỒ)\b", re.IGNORECASE)


@dataclass
class Fragment:
    text: str
    column: int  # 0: first column or a line of its own


def letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def is_motto(text: str) -> bool:
    found = letters(text)
    return any(found.startswith(m) for m in _MOTTOS) if found else False


def body_like(text: str) -> bool:
    """Does an upper-case line begin with the name of a body ("ỦY BAN …", "SỞ …", "HUYỆN ỦY")?"""
    folded = fold(text) + " "
    return folded.startswith(_BODIES)


def parse_date(text: str) -> dt.date | None:
    """ "ngày 06 tháng 4 năm 2020" or "06/4/2020" → a date; None if absent or impossible."""
    m = _DATE_WORDS.search(text) or _DATE_NUMBERS.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def place_ok(place: str) -> bool:
    """A place name: one to six capitalised words, no digits, not a weekday or a document."""
    words = place.replace("-", " ").split()
    if not 1 <= len(words) <= 6 or any(ch.isdigit() for ch in place):
        return False
    if fold(place + " ").startswith(_NOT_PLACES):
        return False
    return all(w[0].isupper() or w.lower() in ("tp.", "tp") for w in words)


def place_date(text: str) -> tuple[str, str] | None:
    """(place, the rest after "ngày") when ``text`` is a place-and-date line."""
    m = _PLACE_DATE.match(text.strip())
    if not m or not place_ok(m["place"].strip()):
        return None
    return m["place"].strip(), m["rest"]


def is_header_line(line: str) -> bool:
    return any(is_motto(cell) or NUMBER.match(cell) or place_date(cell) for cell in cells(line))


def fragments(lines: list[str]) -> list[Fragment]:
    joined: list[str] = []
    for line in (x for x in lines if x):  # "Số: 45/KH-" + "UBND": a code broken across lines
        if joined and re.search(r"\w[-/]$", joined[-1]) and re.match(r"\w", line):
            joined[-1] += line
        else:
            joined.append(line)
    found = []
    for line in joined:
        row = [c for c in cells(line)] if "|" in line else [line.strip()]
        for column, cell in enumerate(row):
            if cell and not is_separator(cell) and cell not in ("*", "***"):
                found.append(Fragment(cell, column if len(row) > 1 else 0))
    return found


def _join_mottos(items: list[Fragment]) -> list[Fragment]:
    """Drop the motto lines, also when cut over several lines ("CỘNG" / "HÒA XÃ HỘI …")."""
    kept: list[Fragment] = []
    index = 0
    while index < len(items):
        span = 0
        joined = ""
        for k in range(index, min(index + 4, len(items))):
            joined += letters(items[k].text)
            if any(joined.startswith(m) for m in _MOTTOS):
                span = k - index + 1
                break
            if not joined or not any(m.startswith(joined) for m in _MOTTOS):
                break
        if span:
            index += span
            continue
        kept.append(items[index])
        index += 1
    return kept


def _place_and_date(items: list[Fragment], index: int) -> tuple[str, dt.date | None, int, bool]:
    """(place, date, fragments used from ``index``, pieces joined) of a place-and-date, with
    the place's first word on the line before and the date's end on the next lines."""
    found = place_date(items[index].text)
    place, rest = found  # the caller checked it
    used, joined = 1, False
    date = parse_date(rest)
    while date is None and index + used < len(items) and used < 3:
        piece = items[index + used].text
        if not _DATE_PIECE.match(piece):
            break
        rest = f"{rest} {piece}"
        used += 1
        joined = True
        date = parse_date(rest)
    return place, date, used, joined


def read_fields(lines: list[str], header: PlanHeader) -> None:
    """Fill issuer(s), number, symbol, place and date from the header's lines."""
    items = _join_mottos(fragments(lines))
    pieces: list[str] = []  # upper-case pieces of the issuers' names, in order
    confidence = header.confidence
    index = 0
    while index < len(items):
        text = items[index].text
        if _NUMBER_ALONE.match(text) and index + 1 < len(items):
            text = f"Số: {items[index + 1].text}"  # "Số:" / "16/2017/QĐ-UBND"
            index += 1
            confidence["number"] = confidence["symbol"] = LOW
        if m := NUMBER.match(text):
            if not header.symbol:
                header.number = m["num"] or ""
                header.symbol = re.sub(r"\s+", "", m["sym"])
                confidence.setdefault("number", HIGH)
                confidence.setdefault("symbol", HIGH)
            index += 1
            continue
        if place_date(text):
            place, date, used, joined = _place_and_date(items, index)
            before = items[index - 1].text if index else ""
            if (
                before
                and not mostly_upper(before)
                and len(before.split()) <= 2
                and place_ok(f"{before} {place}")
            ):
                place, joined = f"{before} {place}", True  # "Sơn" / "La, ngày 11 tháng 3"
            if not header.place:
                header.place, header.issued_on = place, date
                confidence["place"] = LOW if joined else HIGH
                if date:
                    confidence["issued_on"] = LOW if joined else HIGH
            index += used
            continue
        if (
            items[index].column == 0
            and mostly_upper(text)
            and not _CHROME.search(text)
            and len(text) < 120
        ):
            pieces.append(text)
        index += 1
    _issuers(pieces, header)


def _issuers(pieces: list[str], header: PlanHeader) -> None:
    """Put the upper-case pieces together into names: a territory line ends the name above it
    ("ỦY BAN NHÂN DÂN" + "TỈNH TRÀ VINH"), a piece that names no body goes on the name above
    ("BAN CHỈ ĐẠO …" + "QUẦN CHÚNG", "UỶ BAN NHÂN" + "DÂN"), and two bodies without territory
    over one territory line are a joint issuer ("ỦY BAN NHÂN DÂN" / "ỦY BAN MTTQ VIỆT NAM" /
    "TỈNH ĐẮK LẮK"). A piece before any body's name (a page title, a menu) is left out."""
    names: list[str] = []
    bare: list[int] = []  # names that have no territory yet
    joint: list[int] = []
    pieced = False
    for piece in pieces:
        if TERRITORY.match(piece) and names:
            targets = bare if len(bare) >= 2 else [len(names) - 1]
            for position in targets:
                names[position] = f"{names[position]} {piece}"
            if len(targets) > 1:
                joint = targets
            bare = []
        elif body_like(piece):
            names.append(piece)
            bare = [*bare, len(names) - 1] if not _LOCAL.search(piece) else []
        elif names:
            names[-1] = f"{names[-1]} {piece}"
            pieced = True
    if not names:
        return
    if joint:
        header.issuer = names[joint[0]]
        header.co_issuers = [names[p] for p in joint[1:]]
        header.issuer_parent = names[joint[0] - 1] if joint[0] else ""
    else:
        header.issuer = names[-1]
        header.issuer_parent = names[-2] if len(names) > 1 else ""
    header.confidence["issuer"] = LOW if pieced or joint or len(names) > 2 else HIGH
