"""Citations of legal documents in Vietnamese text: "Chỉ thị số 11-CT/TU, ngày 08/8/2022 của Ban
Thường vụ Tỉnh ủy về …".

Pure Python, no Django: the plan importer, the registry's "paste a citation" field and the
tests all use ``find_citations``.

The grammar, as real plans write it:

    <type> [số] <number><sep><symbol> [,] [ngày <date>] [,] [của <issuer>] [,] [về <title>]

- type: "Chỉ thị", "Nghị quyết", "Quyết định", "Chương trình phối hợp"… in any case;
- number: digits with an optional letter ("30c"); the separator is "-" (Party documents,
  "11-CT/TU") or "/" (state documents, "30c/NQ-CP");
- symbol: upper-case segments joined by "-" or "/" ("CTPH/UBND-BDVTU", "2000/CT-TTg"); a
  segment may end with one lower-case letter ("TTg", "CTr", "QĐi"). A space or a line break
  next to a separator is tolerated ("04/CT- UBND");
- date: "08/8/2022", "08/8/ 2022", "08.8.2022" or "12 tháng 12 năm 2013";
- issuer: the words after "của" up to their natural end (a comma, "về", a verb such as "ban
  hành" or "thực hiện", "và" followed by anything but another body's name, the end of the
  sentence);
- title: the words after "về" up to the end of the clause (";", ".", "(", the next document
  in a list, the end of a quoted name).

"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12 tháng 12 năm 2013 của Bộ Chính
trị": a document listed with nothing of its own before another shares that one's date and
issuer. Line breaks may fall anywhere between words, and "[bookmark: …]" artefacts of
converted files are ignored. Only numbered documents are citations: "Luật Tiếp cận thông tin"
or "các chỉ thị của Trung ương" name no document that a registry could hold.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from danvan.lib.citation_context import context_before, issuer_after

__all__ = ["Citation", "DOC_TYPES", "find_citations", "parse_code"]


@dataclass(frozen=True)
class Citation:
    doc_type: str  # "Chỉ thị", "Nghị quyết", "Chương trình phối hợp"…
    number: str  # "11", "30c", "1573"
    symbol: str  # "CT/TU", "NQ-CP", "CTPH/UBND-BDVTU", "2000/CT-TTg" (no spaces)
    code: str  # number and symbol as normally written: "11-CT/TU", "30c/NQ-CP"
    date: dt.date | None
    issuer: str  # "Ban Thường vụ Tỉnh ủy", or ""
    title: str  # the "về …" phrase without "về", or ""
    raw: str  # the citation as it stands in the text (line breaks and all)
    start: int  # offsets of ``raw`` in the text given to find_citations
    end: int

    def to_dict(self) -> dict:
        """JSON-ready: the date as ISO text (or None)."""
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "symbol": self.symbol,
            "code": self.code,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "title": self.title,
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
        }


# Longest first: "Chương trình phối hợp" before "Chương trình".
DOC_TYPES = (
    "Chương trình phối hợp",
    "Chương trình hành động",
    "Chương trình liên tịch",
    "Thông báo kết luận",
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Kế hoạch liên tịch",
    "Hướng dẫn liên tịch",
    "Quy chế phối hợp",
    "Chương trình",
    "Chỉ thị",
    "Nghị quyết",
    "Quyết định",
    "Kết luận",
    "Kế hoạch",
    "Thông báo",
    "Hướng dẫn",
    "Quy định",
    "Quy chế",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư",
    "Thông tri",
    "Công văn",
    "Công điện",
    "Văn bản",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
)
_CANONICAL = {t.lower(): t for t in DOC_TYPES}
# Words that start another document in a list ("và các văn bản…", ", Chương trình số…").
_LIST_WORDS = sorted({*_CANONICAL, "văn bản", "hiến pháp", "điều lệ"}, key=len, reverse=True)


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


_TYPE = "|".join(_words(t) for t in _CANONICAL)
# A document type, "số" or not, then the number (parsed by _read_code).
_ANCHOR = re.compile(
    rf"(?<!\w)(?P<type>(?i:{_TYPE}))(?P<gap>\s*[,:]?\s*(?i:số)\s*[:.]?\s*|\s+)(?=\d)"
)
# "Luật Tiếp công dân số 42/2013/QH13": a law named before its number.
_NAMED_LAW = re.compile(
    r"(?<!\w)(?P<type>Luật|Bộ luật|Pháp lệnh)(?P<name>(?:\s+[^\W\d_]+(?:,)?){1,12}?)"
    r"(?P<gap>\s+(?i:số)\s*[:.]?\s*)(?=\d)"
)
# "Báo cáo thẩm định số 18/BCTĐ-STP": a type with a qualifier before its number.
_QUALIFIED = re.compile(
    r"(?<!\w)(?P<type>(?i:báo cáo|tờ trình|công văn|thông báo))(?P<name>\s+(?i:thẩm định|kết luận"
    r"|hỏa tốc|tổng kết|sơ kết|giám sát|kiểm tra|đề nghị))(?P<gap>\s+(?i:số)\s*[:.]?\s*)(?=\d)"
)
_LIST_START = re.compile(
    rf"(?i:(?:các|những)\s+)(?i:{'|'.join(_words(w) for w in _LIST_WORDS)})(?!\w)"
    rf"|(?:{'|'.join(_words(w[0].upper() + w[1:]) for w in _LIST_WORDS)})(?!\w)"
)
_NUMBER = re.compile(r"\d+[^\W_]*")
_NUMBER_OK = re.compile(r"\d+[a-zđA-ZĐ]?")
_SEGMENT = re.compile(r"(\s*)([-/–‐‑])(\s*)([^\W_]+(?:&[^\W_]+)*)")
# "298 KH/TWĐTN" (a space for the dash), "…/BCSĐ UBND-BDVTU" (a space inside a segment)
_SPACED = re.compile(r"[^\S\n]+([A-ZĐ][A-ZĐ0-9]*)(?=[-/–‐‑][^\W_])")
_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"
    r"|(?P<d2>\d{1,2})\s*(?i:tháng)\s+(?P<m2>\d{1,2})\s*,?\s+(?i:năm)\s+(?P<y2>\d{4})(?!\d)"
)
_DATE_INTRO = re.compile(r"\s*,?\s*(?i:ngày)\s+")
_ISSUER_INTRO = re.compile(r"\s*,?\s*(?i:(?P<word>của|giữa))\s+")
_TITLE_INTRO = re.compile(r"\s*,?\s*(?i:về)\s+")
_LIST_GAP = re.compile(r"\s*(?:,|(?i:và)|,\s*(?i:và))\s*")
_TOKEN = re.compile(r"\s+|[^\W_]+|.", re.DOTALL)
_LOOK_ALIKES = {"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ"}  # Ð (Eth) typed for Đ
_ARTEFACTS = re.compile(r"\[bookmark:[^\]\n]*\]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# "(khóa XI)" after an issuer belongs to it.
_TERM = re.compile(r"\((?i:khóa|khoá)\s+[^()\n]{1,20}\)")
# A single line break ends a phrase when the next line starts a new item or heading.
_ITEM_START = re.compile(r"[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[-+•*–—]\s")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")

# Lower-case words that end an issuer's name: verbs, prepositions, time words.
_ISSUER_STOP_WORDS = """
    về đã đang sẽ vừa nhằm trong với theo tại để đến cho là được bị giai năm
    tháng ngày sau thì này đó trên dưới hoặc nay kèm đối gắn số các những
    giao mà như khi nêu có không cũng từ qua vào ra ký do
    bởi vì nên hay còn đều cùng
"""
_ISSUER_STOPS = frozenset(_ISSUER_STOP_WORDS.split())
# A verb's first syllable ends an issuer only with its second: "Phát triển nông thôn" and "Ban
# chỉ đạo …" are names, "triển khai" and "chỉ đạo" (after a name) are verbs.
_VERB_PAIRS = {
    "thực": ("hiện",), "tiếp": ("tục", "nhận"), "triển": ("khai",), "phê": ("duyệt", "chuẩn"),
    "sửa": ("đổi",), "bổ": ("sung",), "quy": ("định",), "hướng": ("dẫn",), "chỉ": ("đạo", "thị"),
    "yêu": ("cầu",), "lãnh": ("đạo",), "tổ": ("chức",), "đề": ("nghị", "ra", "xuất"),
    "xác": ("định",), "thông": ("qua", "báo"), "công": ("bố",), "chủ": ("trì", "động"),
}  # fmt: skip
_NOUNS_BEFORE_VERB = {"ban", "tiểu"}  # "Ban chỉ đạo …", "Tiểu ban chỉ đạo …"
# "của tỉnh", "của huyện Gio Linh": an issuer named by its level.
_PLACE_WORDS = frozenset({"tỉnh", "huyện", "xã", "phường", "thị", "thành", "quận"})
_ANY_CASE_STOPS = frozenset({"về", "ngày", "số"})
_TITLE_STOPS_AFTER_COMMA = re.compile(
    r"\s*(?:căn\s+cứ|gắn\s+với|trên\s+cơ\s+sở|đồng\s+thời|nhằm|theo\s+đó|trong\s+đó|để)(?!\w)"
)
_ENDS_QUOTED_NAME = re.compile(r",|(?i:và)(?!\w)")
_OPEN_QUOTES = '“"‘«'
_CLOSE_QUOTES = '”"’»'
_ISSUER_MAX_WORDS = 20
_TITLE_MAX = 500


def find_citations(text: str) -> list[Citation]:
    """Every numbered legal document cited in ``text``, in order of appearance."""
    if not text:
        return []
    clean, starts, ends = _clean(text)
    found: list[tuple[Citation, int, int]] = []
    anchors = sorted(
        [*_ANCHOR.finditer(clean), *_NAMED_LAW.finditer(clean), *_QUALIFIED.finditer(clean)],
        key=lambda m: m.end(),
    )
    taken: set[int] = set()
    for match in anchors:
        if match.end() in taken:
            continue
        taken.add(match.end())
        if match["type"].isupper() and "\n" in match["gap"]:
            continue  # "KẾ HOẠCH\nSố: 45/KH-UBND": the heading of the plan itself
        code = _read_code(clean, match.end())
        if code is None:
            continue
        number, symbol, written, code_end = code
        date, issuer, title, end = _read_tail(clean, code_end)
        if date is None or not issuer:
            before_date, before_issuer = context_before(clean, match.start())
            date = date or before_date
            issuer = issuer or before_issuer
        if not issuer:
            following = [m.start() for m in anchors if m.start() > match.start()]
            issuer = issuer_after(clean, end, following[0] if following else len(clean))
        start = starts[match.start()]
        stop = ends[end - 1]
        citation = Citation(
            doc_type=_CANONICAL[" ".join(match["type"].split()).lower()],
            number=number,
            symbol=symbol,
            code=written,
            date=date,
            issuer=issuer,
            title=title,
            raw=text[start:stop],
            start=start,
            end=stop,
        )
        found.append((citation, code_end, match.start()))
    return _share_dates(found, clean)


def parse_code(text: str) -> tuple[str, str, str] | None:
    """(number, symbol, code) of a typed number and symbol: ("11", "CT/TU", "11-CT/TU") from
    "11-CT/TU" or "Số: 11-CT/TU", ("04", "CT-UBND", "04/CT-UBND") from "04/CT- UBND"; None if
    the text is not a number and symbol."""
    text = " ".join((text or "").split())
    text = re.sub(r"^(?i:số)\s*[:.]?\s*", "", text)
    code = _read_code(text, 0) if text[:1].isdigit() else None
    if code is None or text[code[3] :].strip():
        return None
    return code[0], code[1], code[2]


# --- Reading the parts -------------------------------------------------------------------


def _clean(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` without converter artefacts, in composed Unicode (NFC); and for each character
    of the result its start and end in ``text``."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for artefact in [*_ARTEFACTS.finditer(text), None]:
        stop = artefact.start() if artefact else len(text)
        i = pos
        while i < stop:
            j = i + 1
            while j < stop and unicodedata.combining(text[j]):
                j += 1
            for ch in unicodedata.normalize("NFC", text[i:j]):
                out.append(_LOOK_ALIKES.get(ch, ch))
                starts.append(i)
                ends.append(j)
            i = j
        if artefact:
            pos = artefact.end()
    return "".join(out), starts, ends


def _symbol_like(segment: str) -> bool:
    """Upper-case letters and digits, maybe ending in one lower-case letter ("TTg", "QĐi")."""
    body = segment
    if len(segment) >= 3 and segment[-1].islower():
        body = segment[:-1]
    return all(ch.isdigit() or ch.isupper() or ch == "&" for ch in body)


def _read_code(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """(number, symbol, code, end) of the code at ``pos``, or None."""
    number = _NUMBER.match(text, pos)
    if not number or not _NUMBER_OK.fullmatch(number.group()):
        return None
    end = number.end()
    separators: list[str] = []
    segments: list[str] = []
    while True:
        part = _SEGMENT.match(text, end)
        if not part:
            glued = _SPACED.match(text, end)
            if glued is None:
                break
            if segments:
                segments[-1] += glued[1]  # "BCSĐ UBND" → "BCSĐUBND"
            else:
                separators.append("-")
                segments.append(glued[1])
            end = glued.end()
            continue
        before, sep, after, segment = part.groups()
        spaced_first = not segments and segment.isupper() and _symbol_like(segment)
        if before and after and not spaced_first:
            break  # " - " is a dash between words, not inside a symbol ("215 - KH/TU" is one)
        if not _symbol_like(segment):
            if not before and not after:
                return None  # "11-CT/TUabc": glued to a longer word, not a citation
            break
        separators.append("-" if sep in "–‐‑-" else "/")
        segments.append(segment)
        end = part.end()
    if not any(any(ch.isalpha() for ch in s) for s in segments):
        return None  # "2021-2025", "08/8/2022": no symbol
    symbol = segments[0] + "".join(
        s + seg for s, seg in zip(separators[1:], segments[1:], strict=True)
    )
    return number.group(), symbol, number.group() + separators[0] + symbol, end


def _read_date(text: str, pos: int) -> tuple[dt.date | None, int] | None:
    intro = _DATE_INTRO.match(text, pos)
    if not intro:
        return None
    match = _DATE.match(text, intro.end())
    if not match:
        return None
    if match["d"]:
        day, month, year = match["d"], match["m"], match["y"]
    else:
        day, month, year = match["d2"], match["m2"], match["y2"]
    try:
        return dt.date(int(year), int(month), int(day)), match.end()
    except ValueError:
        return None, match.end()  # "31/02/2020": read past it, but no date


def _read_tail(text: str, pos: int) -> tuple[dt.date | None, str, str, int]:
    """The date, issuer and title after a code ending at ``pos``, and where they end."""
    date = None
    end = pos
    dated = _read_date(text, end)
    if dated:
        date, end = dated
    issuer = ""
    intro = _ISSUER_INTRO.match(text, end)
    if intro:
        issuer, issuer_end = _read_issuer(text, intro.end(), joint=intro["word"] == "giữa")
        if issuer:
            end = issuer_end
            if date is None and (dated := _read_date(text, end)):
                date, end = dated
    title = ""
    intro = _TITLE_INTRO.match(text, end)
    if intro:
        title, title_end = _read_title(text, intro.end())
        if title:
            end = title_end
    return date, issuer, title, end


def _breaks_line(space: str, text: str, pos: int) -> bool:
    """Whether the white space ``space`` ending at ``pos`` ends a phrase."""
    if "\n" not in space:
        return False
    return bool(_PARAGRAPH_BREAK.search(space) or _ITEM_START.match(text, pos))


def _starts_citation(text: str, pos: int) -> bool:
    anchor = _ANCHOR.match(text, pos)
    return bool(anchor and _read_code(text, anchor.end()))


def _read_issuer(text: str, pos: int, *, joint: bool = False) -> tuple[str, int]:
    """The issuing body's name starting at ``pos`` (capitalised, or nothing) and its end.
    ``joint``: after "giữa", "A với B" names two bodies as "A và B" does."""
    end = pos
    words = 0
    previous = ""
    for token in _TOKEN.finditer(text, pos):
        value = token.group()
        if value.isspace():
            if _breaks_line(value, text, token.end()):
                break
            continue
        if value.isdigit() and previous.lower() == "thứ":
            words += 1  # "Hội nghị lần thứ 4 Ban Chấp hành Trung ương khóa XII"
            previous = value
            end = token.end()
            continue
        if value.isdigit() or not value[0].isalnum():
            if value in "-–" and words and _capitalised_next(text, token.end()):
                continue  # "Bộ Lao động - Thương binh và Xã hội"
            if value == "." and previous in {"TP", "Tp"}:
                continue  # "UBND TP. Huế"
            term = _TERM.match(text, token.start()) if value == "(" and words else None
            if term:
                end = term.end()  # "Ban Chấp hành Trung ương Đảng (khóa XI)"
            break
        lower = value.lower()
        if words == 0 and not (value[0].isupper() or lower in _PLACE_WORDS):
            break
        stop = lower in _ANY_CASE_STOPS or (value.islower() and lower in _ISSUER_STOPS)
        if stop and not (joint and lower == "với" and _capitalised_next(text, token.end())):
            break
        verb = value.islower() and _next_word(text, token.end()) in _VERB_PAIRS.get(lower, ())
        if verb and previous.lower() not in _NOUNS_BEFORE_VERB:
            break  # "… triển khai", but "Ban chỉ đạo …"
        if lower == "ban" and value.islower() and _next_word(text, token.end()) == "hành":
            break  # "của Chính phủ ban hành …"
        if lower == "và":
            following = _next_word(text, token.end())
            if following == "công" and _next_words(text, token.end(), 2) == "công tác":
                continue  # "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng"
            if not following[:1].isupper() or _LIST_START.match(
                text, _skip_space(text, token.end())
            ):
                break
            continue
        if _starts_citation(text, token.start()):
            break
        words += 1
        if words > _ISSUER_MAX_WORDS:
            break
        previous = value
        end = token.end()
    return _squash(text[pos:end]), end


def _read_title(text: str, pos: int) -> tuple[str, int]:
    """The subject after "về" starting at ``pos``, and its end."""
    end = i = pos
    while i < len(text) and i - pos <= _TITLE_MAX:
        token = _TOKEN.match(text, i)
        value, i = token.group(), token.end()
        if value.isspace():
            if _breaks_line(value, text, i):
                break
            continue
        if value in _OPEN_QUOTES:
            close = _closing_quote(text, i)
            if close is None:
                break  # a stray quote: the quoted name it closed is over
            end = i = close
            after = _skip_space(text, close)
            if token.start() == pos or _ENDS_QUOTED_NAME.match(text, after):
                break  # "về “Tên văn bản”", "… “Dân vận khéo”, gắn với …"
            continue
        if value in ";:(!?" or value in _CLOSE_QUOTES:
            break
        if value == "." and not text[i : i + 1].isalnum():
            break
        if value == "," or value.lower() == "và":
            after = _skip_space(text, i)
            if _LIST_START.match(text, after) or _starts_citation(text, after):
                break
            if value == "," and _TITLE_STOPS_AFTER_COMMA.match(text, i):
                break
            continue
        end = i
    return _title_text(text[pos:end]), end


def _closing_quote(text: str, pos: int) -> int | None:
    """The end of the quote closing the one opened before ``pos``, within the paragraph."""
    limit = min(len(text), pos + _TITLE_MAX)
    paragraph = _PARAGRAPH_BREAK.search(text, pos, limit)
    limit = paragraph.start() if paragraph else limit
    for i in range(pos, limit):
        if text[i] in _CLOSE_QUOTES:
            return i + 1
    return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _next_word(text: str, pos: int) -> str:
    match = _TOKEN.match(text, _skip_space(text, pos))
    return match.group() if match else ""


def _next_words(text: str, pos: int, count: int) -> str:
    words: list[str] = []
    for token in _TOKEN.finditer(text, pos):
        if token.group().isspace():
            continue
        words.append(token.group())
        if len(words) == count:
            break
    return " ".join(words)


def _capitalised_next(text: str, pos: int) -> bool:
    return _next_word(text, pos)[:1].isupper()


def _squash(phrase: str) -> str:
    return " ".join(phrase.split())


def _title_text(phrase: str) -> str:
    title = _squash(phrase).rstrip(" ,;:-–")
    if (
        len(title) >= 2
        and title[0] in _OPEN_QUOTES
        and title[-1] in _CLOSE_QUOTES
        and not any(ch in _OPEN_QUOTES + _CLOSE_QUOTES for ch in title[1:-1])
    ):
        title = title[1:-1].strip()
    return title


def _share_dates(found: list[tuple[Citation, int, int]], text: str) -> list[Citation]:
    """ "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày …": the first takes the date
    and issuer of the next when nothing but "và" or a comma stands between them."""
    citations = [citation for citation, _, _ in found]
    for i in range(len(found) - 2, -1, -1):
        citation, code_end, _ = found[i]
        if citation.date or citation.issuer or citation.title:
            continue
        if _LIST_GAP.fullmatch(text, code_end, found[i + 1][2]):
            following = citations[i + 1]
            citations[i] = replace(citation, date=following.date, issuer=following.issuer)
    return citations
