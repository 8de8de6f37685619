"""The fixed texts of official documents: dates, numbers, labels. Pure functions.

These are document content, written in Vietnamese whatever the user's interface language:
an official document reads the same for every reader, so nothing here is translated.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from danvan.documents.structure import Authority, DocumentFormat, Marker

# Printed in capitals by both formats.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
RECIPIENTS_HEADING = "Nơi nhận:"

_AUTHORITY_LABELS = {
    DocumentFormat.STATE: {
        Authority.ON_BEHALF: "TM.",
        Authority.DEPUTY: "KT.",
        Authority.ACTING: "Q.",
        Authority.BY_ORDER: "TL.",
        Authority.BY_AUTHORISATION: "TUQ.",
    },
    DocumentFormat.PARTY: {
        Authority.ON_BEHALF: "T/M",
        Authority.DEPUTY: "K/T",
        Authority.ACTING: "Q.",
        Authority.BY_ORDER: "T/L",
        Authority.BY_AUTHORISATION: "T/UQ",
    },
}

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_BLANK = "\u00a0" * 6  # room to write a number or a date by hand


def vietnamese_date(day: dt.date | None) -> str:
    """ "ngày 06 tháng 4 năm 2020": day 1–9 and months 1–2 get a leading zero.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, II.4.b: "Đối với những số thể hiện ngày nhỏ hơn 10 và
    tháng 1, 2 phải ghi thêm số 0 phía trước". Without a date (a draft awaiting signature) the
    day, month and year are left blank.
    """
    if day is None:
        return f"ngày{_BLANK}tháng{_BLANK}năm{_BLANK}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: dt.date | None) -> str:
    """ "Trà Vinh, ngày 06 tháng 4 năm 2020"."""
    return f"{place.strip()}, {vietnamese_date(day)}"


def document_number(number: str) -> str:
    """ "1" → "01": a number below 10 takes a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục
    I, II.3.b: "Đối với những số nhỏ hơn 10 phải ghi thêm số 0 phía trước"; Party documents
    are numbered from 01 too, Hướng dẫn 36-HD/VPTW)."""
    number = number.strip()
    if number.isdigit() and int(number) < 10:
        return f"{int(number):02d}"
    return number


def number_line(number: str, symbol: str, fmt: DocumentFormat) -> str:
    """ "Số: 19/KH-UBND" (state) or "Số 11-KH/HU" (Party, no colon); a blank number awaits
    registration."""
    number = document_number(number) or _BLANK
    if fmt is DocumentFormat.PARTY:
        return f"Số {number}-{symbol.strip()}"
    return f"Số: {number}/{symbol.strip()}"


# A symbol is words of letters and digits: state "KH-UBND", "UBND-VP" (hyphens, no slash,
# Nghị định 30/2020, Phụ lục I, II.3.b); Party "KH/HU", "KH/BDVTW-BCSĐCP" (the type, one
# slash, the issuer, Hướng dẫn 36-HD/VPTW).
_STATE_SYMBOL = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_PARTY_SYMBOL = re.compile(r"[^\W_]+/[^\W_]+(?:-[^\W_]+)*")


def symbol_fits(symbol: str, fmt: DocumentFormat) -> bool:
    """Whether ``symbol`` is written the way its format writes symbols: a Party document never
    prints a state symbol ("KH-ĐT") and a state document never a Party one ("KH/HU")."""
    pattern = _PARTY_SYMBOL if DocumentFormat(fmt) is DocumentFormat.PARTY else _STATE_SYMBOL
    return bool(pattern.fullmatch(symbol.strip()))


def authority_label(authority: Authority, fmt: DocumentFormat) -> str:
    return _AUTHORITY_LABELS[DocumentFormat(fmt)][authority]


def roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


# Points are lettered in the Vietnamese alphabet, which has đ and no f, j, w, z
# (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.6; Luật Ban hành văn bản quy phạm pháp luật).
VIETNAMESE_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


def letter(number: int) -> str:
    """1 → "a", 5 → "đ", 7 → "g", 23 → "y", 24 → "aa"."""
    if number < 1:
        raise ValueError(f"no letter for {number}")
    out = ""
    base = len(VIETNAMESE_LETTERS)
    while number:
        number, rest = divmod(number - 1, base)
        out = VIETNAMESE_LETTERS[rest] + out
    return out


def item_label(marker: Marker, position: int, parent_number: str | None) -> str:
    """The printed label of the ``position``-th (from 1) item with this marker among siblings.

    A numbered item under a numbered item extends its number: under "2." the first is "2.1.".
    """
    if marker is Marker.NUMBER:
        return f"{parent_number}{position}." if parent_number else f"{position}."
    if marker is Marker.LETTER:
        return f"{letter(position)})"
    if marker is Marker.DASH:
        return "-"
    if marker is Marker.PLUS:
        return "+"
    return ""


# -- Nơi nhận ------------------------------------------------------------------------------

_FILING_STATE = re.compile(r"^lưu\s*:", re.IGNORECASE)
_FILING_PARTY = re.compile(r"^lưu\s+(văn phòng|vp)\b", re.IGNORECASE)
_COMMITTEE = re.compile(r"\b(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG)\s+ỦY\b", re.IGNORECASE)


def _recipient(text: str) -> str:
    return text.strip().lstrip("-–").strip().rstrip(";,.").strip()


def party_office(issuer: str, parent_issuer: str = "") -> str:
    """The office that files a Party document: "Văn phòng Tỉnh ủy" for the committee's own
    documents, "Văn phòng Ban" for a Ban's."""
    first = issuer.strip().splitlines()[0].strip() if issuer.strip() else ""
    if first.upper().startswith("BAN "):
        return "Văn phòng Ban"
    found = _COMMITTEE.search(first) or _COMMITTEE.search(parent_issuer)
    if found:
        return f"Văn phòng {found.group(1).capitalize()} ủy"
    return "Văn phòng"


def recipient_lines(
    recipients, fmt: DocumentFormat, *, issuer: str = "", parent_issuer: str = ""
) -> list[str]:
    """The "Nơi nhận" list as printed, each line starting with "- ".

    State (Nghị định 30/2020, Phụ lục I, II.9.b): each line ends with ";", the last, "Lưu:
    VT, …", with "." (added when missing). Party (Hướng dẫn 36-HD/VPTW): lines end with ",",
    the last is "Lưu Văn phòng …" with "."; a state-style "Lưu: VT" line is replaced by it.
    """
    fmt = DocumentFormat(fmt)
    items = [_recipient(line) for line in recipients]
    items = [item for item in items if item]
    if not items:
        return []
    if fmt is DocumentFormat.PARTY:
        filing = next((i for i in items if _FILING_PARTY.match(i)), None)
        others = [i for i in items if not (_FILING_PARTY.match(i) or _FILING_STATE.match(i))]
        filing = filing or f"Lưu {party_office(issuer, parent_issuer)}"
        return [f"- {item}," for item in others] + [f"- {filing}."]
    filing = next((i for i in items if _FILING_STATE.match(i)), None)
    others = [i for i in items if not (_FILING_STATE.match(i) or _FILING_PARTY.match(i))]
    return [f"- {item};" for item in others] + [f"- {filing or 'Lưu: VT'}."]


# -- widths (for the rules under the issuer and the summary) ----------------------------------

# Advance widths of Times Bold in 1/1000 em (Adobe's Times-Bold AFM; Times New Roman Bold has
# the same metrics). Vietnamese letters take the width of their base letter.
_BOLD_WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            500,
            556,
            444,
            556,
            444,
            333,
            500,
            556,
            278,
            333,
            556,
            278,
            833,
            556,
            500,
            556,
            556,
            444,
            389,
            333,
            556,
            500,
            722,
            500,
            500,
            444,
            722,
            667,
            722,
            722,
            667,
            611,
            778,
            778,
            389,
            500,
            778,
            667,
            944,
            722,
            778,
            611,
            778,
            722,
            556,
            667,
            722,
            722,
            1000,
            722,
            722,
            667,
        ],
        strict=True,
    )
)
_OTHER_WIDTHS = {" ": 250, ",": 250, ".": 250, ";": 333, ":": 333, "-": 333, "–": 500}


def _base_letter(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


def text_width_pt(text: str, size: float) -> float:
    """The width in points of one line of ``text`` in Times New Roman Bold at ``size`` pt."""
    total = 0
    for char in text:
        base = _base_letter(char)
        total += _BOLD_WIDTHS.get(base, _OTHER_WIDTHS.get(char, 500))
    return total * size / 1000
