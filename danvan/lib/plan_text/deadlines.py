"""Deadlines in a task's text: "trước ngày 01/11/2015", "Định kỳ 6 tháng (10/6), một năm
(01/11)", "hằng năm", "trong quý II", "trong 6 tháng cuối năm 2015", "trong tháng 6/2024".

Only phrases that state a limit count: a bare date ("Chỉ thị số 33/CT-TTg ngày 26/11/2021")
is a citation, not a deadline. A phrase that names no usable date (a quarter of an unknown
year, "hằng năm" alone) is kept as text with kind "none" for the reviewer to complete.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from danvan.lib.plan_text.lines import norm
from danvan.lib.plan_text.model import DeadlineDraft

_I = re.IGNORECASE
_FULL = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
_WORDS = r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d\d)"
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d|\d)")
_BEFORE = r"(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót|hoàn thành(?:\s+trước)?|xong trước|không quá)"
_DATE_CUE = re.compile(rf"{_BEFORE}\s*(?:ngày\s*)?(?:{_FULL}|{_WORDS.replace('?P<', '?P<w')})", _I)
_SHORT_CUE = re.compile(
    rf"{_BEFORE}\s*(?:ngày\s*)?(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?!\s*/|\d)", _I
)
_RECUR = re.compile(
    r"(?:định kỳ|hằng năm|hàng năm|hằng quý|hàng quý|hằng tháng|hàng tháng|mỗi năm)"
    r"(?:[\s,]+(?:\d+\s*tháng|một năm|hằng năm|hàng năm|năm|quý|tháng|hoặc|và|đột xuất)\b)*",
    _I,
)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(
    r"(?:(?P<cue>trong|trước|vào|hoàn thành trong|hoàn thành|thời gian(?: thực hiện)?:?)\s+)?"
    r"quý\s+(?P<q>IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d\d))?",
    _I,
)
_HALF = re.compile(r"trong\s+6 tháng\s+(?P<h>đầu|cuối)\s+năm(?:\s+(?P<y>(?:19|20)\d\d))?", _I)
_MONTH = re.compile(
    r"(?P<cue>trong|trước|vào|hoàn thành trong)\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s*(?:/|\.|-|năm)\s*(?P<y>(?:19|20)\d\d))?",
    _I,
)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _pair(day: int, month: int) -> tuple[int, int] | None:
    return (day, month) if _day(2000, month, day) else None  # 2000: 29/2 is a real day


def _recurring(text: str) -> DeadlineDraft | None:
    found_phrase: DeadlineDraft | None = None
    for m in _RECUR.finditer(text):
        window = re.split(r"[;.](?!\d)", text[m.start() : m.start() + 160], maxsplit=1)[0]
        pairs: list[tuple[int, int]] = []
        last_end = len(m.group())
        for dm in _DAY_MONTH.finditer(window):
            pair = _pair(int(dm[1]), int(dm[2]))
            if pair and pair not in pairs:
                pairs.append(pair)
                last_end = dm.end()
        if pairs:
            closing = window[last_end : last_end + 1] == ")"
            phrase = window[: last_end + (1 if closing else 0)]
            return DeadlineDraft("recurring", None, pairs, phrase.strip())
        phrase = m.group().strip(" ,")
        if norm(phrase) != "định kỳ":  # "theo định kỳ" alone says nothing about when
            found_phrase = found_phrase or DeadlineDraft("none", None, [], phrase)
    return found_phrase


def _explicit(text: str, year: int | None) -> DeadlineDraft | None:
    if m := _DATE_CUE.search(text):
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["wd"], m["wm"], m["wy"])
        day = _day(int(y), int(mo), int(d))
        if day:
            return DeadlineDraft("date", day, [], m.group().strip())
    if m := _SHORT_CUE.search(text):
        day = _day(year, int(m["m"]), int(m["d"])) if year else None
        return DeadlineDraft("date" if day else "none", day, [], m.group().strip())
    return None


def _period(text: str, year: int | None) -> DeadlineDraft | None:
    candidates: list[tuple[int, DeadlineDraft]] = []
    for m in _QUARTER.finditer(text):
        if not (m["cue"] or m["y"]) or text[: m.start()].rstrip().lower().endswith("từ"):
            continue  # "từ quý IV/2013": when the work starts, not its deadline
        y = int(m["y"]) if m["y"] else year
        day = _end_of_month(y, _QUARTERS[m["q"].lower()] * 3) if y else None
        candidates.append((m.start(), DeadlineDraft("date" if day else "none", day, [], m.group())))
    for m in _HALF.finditer(text):
        y = int(m["y"]) if m["y"] else year
        day = (dt.date(y, 6, 30) if m["h"].lower() == "đầu" else dt.date(y, 12, 31)) if y else None
        candidates.append((m.start(), DeadlineDraft("date" if day else "none", day, [], m.group())))
    for m in _MONTH.finditer(text):
        y, month = (int(m["y"]) if m["y"] else year), int(m["m"])
        if not 1 <= month <= 12:
            continue
        day = None
        if y and m["cue"].lower() == "trước":
            day = _end_of_month(y - (month == 1), (month - 2) % 12 + 1)
        elif y:
            day = _end_of_month(y, month)
        candidates.append((m.start(), DeadlineDraft("date" if day else "none", day, [], m.group())))
    if not candidates:
        return None
    dated = [c for c in candidates if c[1].kind == "date"]
    limits = [c for c in dated if norm(c[1].text).startswith(("trước", "hoàn thành"))]
    return min(limits or dated or candidates, key=lambda c: c[0])[1]


def find_deadline(text: str, year: int | None = None) -> DeadlineDraft:
    """The deadline a task's text states; ``year`` completes dates written without one."""
    recurring = _recurring(text)
    if recurring and recurring.kind == "recurring":
        return recurring
    for found in (_explicit(text, year), _period(text, year)):
        if found and found.kind != "none":
            return found
    for found in (_explicit(text, year), _period(text, year), recurring):
        if found:
            return found
    return DeadlineDraft()
