"""Cleaning converted text and cutting it into paragraphs: the artefacts of .docx/.pdf/web
conversions ("[bookmark: _GoBack]", "**bold**", non-breaking spaces, decomposed accents),
lines wrapped in the middle of a sentence, item markers ("1.", "2.1.", "a)", "-", "+", "•")
and Roman-numeral section headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from danvan.lib.text import fold

_ARTEFACTS = re.compile(r"\[(?:bookmark|image|anchor)\s*:[^\]\n]*\]|\*\*|__", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_LOOK_ALIKES = {0x00D0: "Đ", 0x0189: "Đ", 0x00F0: "đ"}  # Ð (Icelandic Eth) typed for Đ
_COLUMN_GAP = re.compile(r"(?<=\S)[ \u00a0]{4,}(?=\S)")  # a header laid out with spaces
HEADER_ZONE = 40  # lines at the top where a run of spaces separates two columns
_MARKER_TAB = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ]\)|[-–+•*])\t+")
_SPACES = re.compile(r"[ \u00a0\u2007\u202f\u3000]+")
_TONES = {  # one spelling for the two tone placements of "uỷ/ủy", "hoá/hóa"…
    "uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
}  # fmt: skip
_TONE_RE = re.compile("(?:" + "|".join(_TONES) + r")(?!\w)")


def clean(text: str) -> list[str]:
    """The text as lines: NFC, artefacts gone, spaces collapsed; tabs become " | " (columns)."""
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).translate(_LOOK_ALIKES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _ARTEFACTS.sub("", text)
    lines = []
    for index, line in enumerate(text.split("\n")):
        line = _MARKER_TAB.sub(r"\1 ", line.strip(" \t\u00a0"))  # "1.<tab>Text": no column
        line = re.sub(r"\t+", " | ", line)
        if index < HEADER_ZONE:
            line = _COLUMN_GAP.sub(" | ", line)
        lines.append(_SPACES.sub(" ", line).strip())
    return lines


def norm(text: str) -> str:
    """Lower case with accents and one tone placement, for matching words (not for display)."""
    return _TONE_RE.sub(lambda m: _TONES[m.group()], text.lower())


def is_separator(line: str) -> bool:
    """ "-----", "___", "*", "|---|---|": decoration between header parts."""
    return bool(line) and re.fullmatch(r"[\s\-–—_=*~.·•|:+]+", line) is not None


def cells(line: str) -> list[str]:
    """A line of a flattened table as its cells ("A | B" → ["A", "B"])."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2 and not is_separator(line)


def ends_sentence(text: str) -> bool:
    return text.rstrip(" ”\"’'»)").endswith((".", ":", ";", "!", "?", "…"))


def mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


# --- item markers ----------------------------------------------------------------------------

BULLETS = "-–—+•·*▪●○◦■□➢➤✓✔⁃"
RANKS = {"num1": 1, "num2": 2, "num3": 3, "alpha": 4, "dash": 5, "plus": 6, "dot": 7}
_NUMBERED = re.compile(
    r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3}(?:[.)]|(?<=\d\.\d)\s|(?<=\d\.\d\d)\s))\s*(?=[^\d\s.])"
)
_ALPHA = re.compile(r"^(?P<label>[a-zđ][)]|[a-zđ]\.(?=\s))\s*(?=\S)")
_BULLET = re.compile(rf"^(?P<label>[{re.escape(BULLETS)}])(?![{re.escape(BULLETS)}])\s*(?=\S)")


@dataclass(frozen=True)
class Marker:
    kind: str  # a key of RANKS
    label: str  # as written: "2.1.", "a)", "-"
    text: str  # the item's text after the marker


def marker(line: str) -> Marker | None:
    if m := _NUMBERED.match(line):
        label = m["label"].strip()
        depth = min(label.rstrip(".)").count(".") + 1, 3)
        return Marker(f"num{depth}", label, line[m.end() :].strip())
    if m := _ALPHA.match(line):
        return Marker("alpha", m["label"], line[m.end() :].strip())
    if m := _BULLET.match(line):
        symbol = m["label"]
        kind = "dash" if symbol in "-–—" else "plus" if symbol == "+" else "dot"
        return Marker(kind, symbol, line[m.end() :].strip())
    return None


_ROMAN = re.compile(
    r"^(?:(?:PHẦN|Phần)\s+)?(?P<num>X{0,3}(?:IX|IV|V?I{0,3}))\s*[.:)\-–](?P<gap>\s*)(?P<title>\S.*)$"
)


def roman_heading(line: str) -> tuple[str, str, str] | None:
    """ "II. NỘI DUNG" → ("II", "NỘI DUNG", ""); "I. MỤC ĐÍCH: Nhằm …" → (…, "MỤC ĐÍCH", "Nhằm …")."""
    m = _ROMAN.match(line)
    if not m or not m["num"]:
        return None
    title, rest = m["title"].strip(), ""
    if not m["gap"] and not mostly_upper(title):
        return None  # "V.Mạnh": an author's initial, not section V
    head, colon, tail = title.partition(":")
    if colon and tail.strip() and mostly_upper(head):
        title, rest = head.strip(), tail.strip()
    if len(title) > 200 or (not mostly_upper(title) and ends_sentence(title)):
        return None
    return m["num"], title.rstrip(":").strip(), rest


# --- paragraphs ------------------------------------------------------------------------------

_JOINING_WORDS = {
    "và", "của", "về", "với", "các", "những", "cho", "tại", "trong", "theo", "để", "hoặc",
    "là", "số", "ngày", "tháng", "năm", "từ", "đến", "do", "bằng", "nhằm", "đối", "trước",
}  # fmt: skip


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text (from a PDF, an e-mail) was wrapped at, else None."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 130:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if near >= 0.4 * len(lengths) else None


def _starts_block(line: str) -> bool:
    from danvan.lib.plan_text.headings import heading

    return bool(marker(line) or heading(line) or is_table_row(line) or is_separator(line))


def _joins(prev: str, nxt: str, width: int | None) -> bool:
    if re.search(r"\w[-/]$", prev) and re.match(r"\w", nxt):
        return True  # "Số: 19/KH-" + "UBND", "tuyên tru-" + "yền"
    if _starts_block(nxt) or is_table_row(prev) or ends_sentence(prev):
        return False
    if nxt[0].islower() or nxt[0] in '(“"' or (nxt[0].isdigit() and not marker(nxt)):
        return True
    if _heading_goes_on(prev) and mostly_upper(nxt) and len(nxt) < 120:
        return True  # "III. TỔ CHỨC" + "THỰC HIỆN", "Chương I" + "NHỮNG QUY ĐỊNH CHUNG"
    if prev.endswith((",", "-", "–")) or prev.rsplit(" ", 1)[-1].lower() in _JOINING_WORDS:
        return True
    return bool(width and len(prev) >= 0.8 * width)


def _heading_goes_on(prev: str) -> bool:
    from danvan.lib.plan_text.headings import heading

    found = heading(prev)
    return bool(found) and found.kind in ("roman", "part", "chapter")


def paragraphs(lines: list[str]) -> list[str]:
    """Join the lines of one paragraph; a blank line always ends a paragraph."""
    width = _wrap_width(lines)
    result: list[str] = []
    open_paragraph = False
    for line in lines:
        if not line:
            open_paragraph = False
            continue
        if open_paragraph and _joins(result[-1], line, width):
            prev = result[-1]
            glue = "" if re.search(r"\w[-/]$", prev) else " "
            result[-1] = prev + glue + line
        else:
            result.append(line)
            open_paragraph = True
    return [p for p in result if not is_separator(p)]


def is_closing(paragraph: str) -> bool:
    """ "Trên đây là kế hoạch …", "Nơi nhận:": the text after the last task."""
    return fold(paragraph[:20]).startswith(
        ("tren day la", "tren day ", "noi nhan", "voi noi dung tren", "dinh kem", "file dinh kem")
    )
