"""The fixed texts of official documents: dates, numbers, labels. Pure functions.

These are document content, written in Vietnamese whatever the user's interface language:
an official document reads the same for every reader, so nothing here is translated.
"""

from __future__ import annotations

import datetime as dt

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


def number_line(number: str, symbol: str, fmt: DocumentFormat) -> str:
    """ "Số: 19/KH-UBND" (state) or "Số 11-KH/HU" (Party); a blank number awaits registration."""
    number = number.strip() or _BLANK
    if fmt is DocumentFormat.PARTY:
        return f"Số {number}-{symbol.strip()}"
    return f"Số: {number}/{symbol.strip()}"


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


def letter(number: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa" (the Vietnamese alphabet order is not needed here)."""
    if number < 1:
        raise ValueError(f"no letter for {number}")
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
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
