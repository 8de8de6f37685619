"""The headings that cut a text into sections, in every common layout.

- Roman numerals: "II. NỘI DUNG", "I- MỤC ĐÍCH, YÊU CẦU", "III. TỔ CHỨC" + "THỰC HIỆN";
- parts: "Phần I", "PHẦN THỨ HAI: …", the title often on the next line;
- chapters of a rule (quy chế, quy định): "Chương I" + "NHỮNG QUY ĐỊNH CHUNG";
- articles: "Điều 1. Phạm vi điều chỉnh" (a title) or "Điều 2. Quyết định này có hiệu lực …"
  (a sentence: no title, the sentence is the article's first paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.lib.plan_text.lines import ends_sentence, mostly_upper, roman_heading

_ORDINALS = {
    "nhất": "I", "nhứt": "I", "hai": "II", "ba": "III", "tư": "IV", "bốn": "IV", "năm": "V",
    "sáu": "VI", "bảy": "VII", "tám": "VIII", "chín": "IX", "mười": "X",
}  # fmt: skip
_ROMAN = r"X{0,3}(?:IX|IV|V?I{0,3})"
_PART = re.compile(
    rf"^(?:PHẦN|Phần)\s+(?:(?P<num>{_ROMAN}|\d{{1,2}})|(?:THỨ|thứ|Thứ)\s+(?P<word>\w+))"
    r"(?![\w/])\s*[.:\-–]?\s*(?P<title>.*)$"
)
_CHAPTER = re.compile(
    rf"^(?:CHƯƠNG|Chương)\s+(?P<num>{_ROMAN}|\d{{1,2}})(?![\w/])\s*[.:\-–]?\s*(?P<title>.*)$"
)
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<num>\d{1,3}[a-zđ]?)\s*[.:]\s*(?P<rest>.*)$")
_ARTICLE_TITLE_MAX = 90
_ARTICLE_SENTENCE = re.compile(
    r"^(?:ban hành|phê duyệt|giao|quyết định này|quy chế này|quy định này|nghị quyết này"
    r"|kế hoạch này|thành lập|bãi bỏ|chánh văn phòng|các ông|các bà)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Heading:
    kind: str  # "roman" | "part" | "chapter" | "article"
    numeral: str  # "II", "Phần I", "Chương II", "Điều 3"
    title: str  # "" when the line gives none
    rest: str = ""  # text after the heading on the same line (an article's first sentence)


def _titled(title: str) -> bool:
    return not title or (mostly_upper(title) and len(title) <= 250)


def heading(line: str) -> Heading | None:
    """The heading ``line`` starts with, or None."""
    line = line.strip()
    if m := _CHAPTER.match(line):
        if m["num"] and _titled(m["title"].strip()):
            return Heading("chapter", f"Chương {m['num'].upper()}", m["title"].strip())
        return None
    if m := _PART.match(line):
        number = m["num"] or _ORDINALS.get((m["word"] or "").lower(), "")
        title = m["title"].strip()
        if number and _titled(title):
            return Heading("part", f"Phần {number.upper()}", title)
        return None
    if m := _ARTICLE.match(line):
        rest = m["rest"].strip()
        numeral = f"Điều {m['num']}"
        sentence = ends_sentence(rest) or _ARTICLE_SENTENCE.match(rest)
        if rest and not sentence and len(rest) <= _ARTICLE_TITLE_MAX:
            return Heading("article", numeral, rest.rstrip(":").strip())
        return Heading("article", numeral, "", rest)
    if found := roman_heading(line):
        return Heading("roman", *found)
    return None
