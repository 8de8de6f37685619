"""What a sentence says of a cited document before naming it.

- The date and the issuer before the number: "Ngày 03/4/2021, Ban Thường vụ Tỉnh ủy đã ban
  hành Chỉ thị số 22-CT/TU …", "Ngày 24-10, UBND tỉnh có văn bản số 4912/UBND-NC …" (a date
  without its year gives the issuer only).
- The issuer before the document: "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …",
  "chỉ đạo của UBND tỉnh tại văn bản số …".

Pure Python, used by ``danvan.lib.citations`` for a citation that says neither after its number.
"""

import datetime as dt
import re

_WINDOW = 260  # characters before a citation that may belong to its sentence
_SENTENCE_END = re.compile(r"[.;!?]\s|\n\s*\n|:\s")
_NAME = r"(?P<who>[A-ZĐÀ-Ỹ][^,;:()]{1,150}?)"
_DATE_FIRST = re.compile(
    r"(?:^|\s)(?i:ngày)\s+(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*(?P<y>\d{4}))?"
    rf"\s*,\s*{_NAME}\s+(?:(?:đã|vừa|cũng|chính thức|đã chính thức)\s+)?"
    r"(?:ban hành|ký kết|ký|có|thông qua|phê duyệt|ra)\s+$"
)
_WHO_ISSUED = re.compile(  # "UBND thành phố vừa ban hành Chỉ thị số …", "Theo đó, X đã ban hành …"
    rf"(?:^\s*|,\s+|:\s+){_NAME}\s+(?:đã|vừa|mới|đã chính thức)\s+(?:ký\s+)?(?:ban hành|ra)\s+$"
)
_OF_AT = re.compile(rf"(?:^|\s)(?i:của)\s+{_NAME}\s*(?:\([^()\n]{{0,150}}\)\s*)?(?i:tại)\s+$")
_BY = re.compile(rf"\s(?i:do)\s+{_NAME}\s+(?:ký\s+)?ban hành(?!\w)")  # "… do X ban hành"
_MAX_WORDS = 20


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - _WINDOW) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _name(value: str) -> str:
    name = " ".join(value.split())
    return name if len(name.split()) <= _MAX_WORDS else ""


def context_before(text: str, start: int) -> tuple[dt.date | None, str]:
    """(date, issuer) that the words before ``start`` give the document cited there."""
    before = _sentence_before(text, start)
    if m := _DATE_FIRST.search(before):
        date = None
        if m["y"]:
            try:
                date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                date = None
        return date, _name(m["who"])
    if m := _OF_AT.search(before):
        return None, _name(m["who"])
    if m := _WHO_ISSUED.search(before):
        return None, _name(m["who"])
    return None, ""


def issuer_after(text: str, end: int, limit: int) -> str:
    """ "Thông tư liên tịch 01/… hướng dẫn … do Ban Thường trực … và Bộ Nội vụ ban hành": the
    issuer named after the document's subject, before ``limit`` (the next citation) and within
    the sentence."""
    window = text[end : min(limit, end + _WINDOW)]
    stop = _SENTENCE_END.search(window)
    m = _BY.search(window[: stop.start() if stop else len(window)] + " ")
    return _name(m["who"]) if m else ""
