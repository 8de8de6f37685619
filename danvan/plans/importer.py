"""Importing an existing plan: read an uploaded .docx/.txt, propose a structured draft
(``danvan.lib.plan_text.parse_plan``) and match the responsible units it names to units of the
tree. Nothing is saved here: the user reviews the proposal, then
``plans.services.plan_create_from_draft`` saves it. The web form, the API and the
``import_plan`` command all go through these functions.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.core.errors import ValidationFailed
from danvan.core.files import ArchiveRefused, unpacked_size
from danvan.lib.plan_text import PlanDraft, parse_plan
from danvan.lib.text import fold
from danvan.units.models import OrgUnit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_DOCX_UNPACKED_BYTES = 60 * 1024 * 1024  # a .docx that inflates past this is refused
TEXT_TYPES = (".txt", ".text")
_SIGNATURES = (  # what a file that is not text starts with, and what to call it
    (b"PK\x03\x04", gettext_noop("a Word (.docx) or other zipped file")),
    (b"%PDF", gettext_noop("a PDF file")),
    (b"\xd0\xcf\x11\xe0", gettext_noop("an old Word (.doc) file")),
    (b"{\\rtf", gettext_noop("an RTF file")),
    (b"\x89PNG", gettext_noop("an image")),
    (b"\xff\xd8\xff", gettext_noop("an image")),
    (b"GIF8", gettext_noop("an image")),
    (b"MZ", gettext_noop("a program")),
    (b"\x7fELF", gettext_noop("a program")),
)


def _fail(message: str, code: str = "unreadable_file") -> ValidationFailed:
    return ValidationFailed(message, code=code, field="file")


def check_upload(file) -> None:
    """Refuse, with a clear message, a file that is too large or of a type we cannot read."""
    name = str(getattr(file, "name", "") or "")
    suffix = Path(name).suffix.lower()
    size = getattr(file, "size", None)
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _fail(_("The file is larger than %(mb)d MB.") % {"mb": limit_mb}, "file_too_large")
    if suffix not in (*TEXT_TYPES, ".docx"):
        if suffix == ".doc":
            raise _fail(_("Old Word (.doc) files cannot be read: save it as .docx and try again."))
        raise _fail(_("Only .docx and .txt files can be imported."), "unsupported_file")


def read_upload(file) -> str:
    """The text of an uploaded plan (.docx or .txt), or ValidationFailed with a clear message.

    ``file`` is any binary file object with a ``name`` (a Django upload, an open file).
    """
    check_upload(file)
    suffix = Path(str(getattr(file, "name", "") or "")).suffix.lower()
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    data = file.read(MAX_UPLOAD_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _fail(_("The file is larger than %(mb)d MB.") % {"mb": limit_mb}, "file_too_large")
    if not data.strip():
        raise _fail(_("The file is empty."), "empty_file")
    text = _docx_text(data) if suffix == ".docx" else decode_text(data)
    if not text.strip():
        raise _fail(_("The file contains no text."), "empty_file")
    return text


def decode_text(data: bytes) -> str:
    """Plain text in UTF-8 (with or without BOM), UTF-16 or Windows-1258; anything that is not
    text (a binary, a renamed .docx or .pdf) is refused rather than read as garbage."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise _fail(
                _("This file is not plain text: it looks like %(kind)s.") % {"kind": _(kind)}
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _try(data, "utf-8-sig")
    else:
        text = _try(data, "utf-8")
        if text is None and b"\x00" in data[:4000]:
            sample = data[:4000]
            odd_zero = sample[1::2].count(0) > 0.3 * len(sample[1::2])
            even_zero = sample[0::2].count(0) > 0.3 * len(sample[0::2])
            text = _try(data, "utf-16-le" if odd_zero else "utf-16-be" if even_zero else "")
        if text is None and b"\x00" not in data:
            text = _try(data, "cp1258")
    if text is None or not _looks_like_text(text):
        raise _fail(_("This file is not readable text (not UTF-8, UTF-16 or Windows-1258)."))
    return text


def _try(data: bytes, encoding: str) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample or "\x00" in sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls <= len(sample) * 0.005


def _docx_text(data: bytes) -> str:
    message = _("This .docx file is damaged or is not a Word document.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(message) from None
    if "word/document.xml" not in names:
        raise _fail(message)
    try:  # counted while unpacking: the sizes the zip directory claims may lie
        unpacked_size(data, limit=MAX_DOCX_UNPACKED_BYTES)
    except ArchiveRefused as refused:
        if refused.reason == "too_large":
            raise _fail(
                _("This .docx file is too large once unpacked."), "file_too_large"
            ) from None
        raise _fail(message) from None
    try:
        return docx_to_text(data)
    except Exception:  # noqa: BLE001 - any failure inside a hostile or broken file
        raise _fail(message) from None


# --- .docx ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    return str(number)


class _Numbering:
    """Word's automatic numbering ("1.", "a)", bullets) that ``paragraph.text`` leaves out: we
    count it again so the parser sees the items as they are printed."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, level in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = level

    def label(self, paragraph) -> str:
        num_pr = paragraph._p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None and paragraph.style is not None:
            num_pr = paragraph.style.element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            return ""
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        num = num_id.get(f"{_W}val") if num_id is not None else None
        level = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        if not num or num == "0":
            return ""
        fmt, pattern, start = self.levels.get((num, level), ("bullet", "", 1))
        if fmt in ("bullet", "none"):
            return "-" if fmt == "bullet" else ""
        counters = self.counters.setdefault(num, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        label = pattern or f"%{level + 1}."
        for index in range(level + 1):
            fmt_i = self.levels.get((num, index), ("decimal", "", 1))[0]
            value = counters.get(index, self.levels.get((num, index), ("", "", 1))[2])
            label = label.replace(f"%{index + 1}", _format(value, fmt_i))
        return label


def _cell_lines(cell) -> list[str]:
    lines = [p.text for p in cell.paragraphs]
    for table in cell.tables:
        lines.extend(_table_lines(table))
    return lines


def _table_lines(table) -> list[str]:
    """Each row as lines of cells joined by " | ", the n-th line of each cell side by side."""
    out: list[str] = []
    for row in table.rows:
        seen, columns = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell repeats itself
            seen.add(id(cell._tc))
            columns.append([line.strip() for line in _cell_lines(cell) if line.strip()])
        for index in range(max((len(c) for c in columns), default=0)):
            out.append(" | ".join(c[index] if index < len(c) else "" for c in columns))
    return out


def docx_to_text(data: bytes) -> str:
    """The text of a .docx in reading order: paragraphs with their automatic numbering, and
    tables flattened with pipes."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    lines: list[str] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                paragraph = Paragraph(child, document._body)
                label = numbering.label(paragraph)
                lines.append(f"{label} {paragraph.text}".strip() if label else paragraph.text)
            elif child.tag == f"{_W}tbl":
                lines.extend(_table_lines(Table(child, document._body)))
                lines.append("")
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return "\n".join(lines)


# --- matching responsible units to the tree ----------------------------------------------------

_ABBREVIATIONS = [  # folded long form → the short form our unit names use
    ("uy ban mat tran to quoc viet nam", "mttq"),
    ("uy ban mttq viet nam", "mttq"),
    ("ub mttq viet nam", "mttq"),
    ("mat tran to quoc viet nam", "mttq"),
    ("uy ban mat tran to quoc", "mttq"),
    ("mat tran to quoc", "mttq"),
    ("uy ban mttq", "mttq"),
    ("ub mttq", "mttq"),
    ("ubmttq", "mttq"),
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("hoi lien hiep phu nu", "hoi lhpn"),
    ("hoi cuu chien binh", "hoi ccb"),
    ("lien doan lao dong", "ldld"),
    ("doan thanh nien cong san ho chi minh", "doan tn"),
    ("doan tncs ho chi minh", "doan tn"),
    ("doan thanh nien", "doan tn"),
    ("bo chi huy quan su", "bchqs"),
    ("ban chi huy quan su", "bchqs"),
    ("bo chqs", "bchqs"),
    ("ban chqs", "bchqs"),
    ("thanh pho", "tp"),
]
_POSITIONS = ("chu tich ", "thu truong ", "nguoi dung dau ", "lanh dao ")
_PLURAL = ("cac ", "nhung ", "toan the ", "moi ", "tung ")


def unit_key(name: str) -> str:
    """A name reduced for comparison: folded, no punctuation, standard abbreviations."""
    key = re.sub(r"[^\w\s]|_", " ", fold(name))
    key = " ".join(key.split())
    for long, short in _ABBREVIATIONS:
        key = re.sub(rf"\b{long}\b", short, key)
    for position in _POSITIONS:
        if key.startswith(position):
            key = key[len(position) :]
    return key


def is_group_name(name: str) -> bool:
    """ "các sở, ban, ngành", "UBND các huyện, thị xã": many units, kept as text, never matched."""
    folded = fold(name)
    return folded.startswith(_PLURAL) or " cac " in f" {folded} " or "," in name


def territory_of(unit: OrgUnit) -> OrgUnit:
    """The unit itself if it is a territory, else its nearest territory above."""
    if unit.unit_type.is_territory:
        return unit
    above = (
        OrgUnit.objects.filter(pk__in=unit.ancestor_ids, unit_type__is_territory=True)
        .order_by("-depth")
        .first()
    )
    return above or unit


def match_units(names, within: OrgUnit) -> dict[str, OrgUnit | None]:
    """Each name as written → the one active unit of ``within``'s territory it names, or None.

    "Sở Nội vụ" finds "Sở Nội vụ tỉnh Quảng Trị", "Ủy ban nhân dân xã" finds "UBND xã Trường
    Sơn", "Mặt trận Tổ quốc" finds "UB MTTQ Việt Nam xã …". A name that fits several units
    equally, or names a group ("các sở, ngành"), stays unmatched for the user to choose.
    At most three queries, however many names.
    """
    names = list(dict.fromkeys(n for n in names if n and n.strip()))
    result: dict[str, OrgUnit | None] = dict.fromkeys(names)
    wanted = {n: unit_key(n) for n in names if not is_group_name(n)}
    wanted = {n: k for n, k in wanted.items() if k}
    if not wanted:
        return result
    territory = territory_of(within)
    candidates = [
        (unit_key(unit.name), unit)
        for unit in OrgUnit.objects.active()
        .filter(path__startswith=territory.path, depth__lte=territory.depth + 2)
        .select_related("unit_type")
    ]
    for name, key in wanted.items():
        result[name] = _best(key, candidates, territory)
    return result


def _best(key: str, candidates, territory: OrgUnit) -> OrgUnit | None:
    exact = [unit for k, unit in candidates if k == key]
    if len(exact) == 1:
        return exact[0]
    pool = exact or [unit for k, unit in candidates if k.startswith(key + " ")]
    if len(pool) == 1:
        return pool[0]
    close = [unit for unit in pool if unit.parent_id == territory.pk or unit.pk == territory.pk]
    return close[0] if len(close) == 1 else None


def match_ids(matches: dict[str, OrgUnit | None]) -> dict[str, int]:
    """The ``unit_matches`` argument of ``plan_create_from_draft``."""
    return {name: unit.pk for name, unit in matches.items() if unit is not None}


def proposal(draft: PlanDraft, matches: dict[str, OrgUnit | None] | None = None) -> dict:
    """The draft as JSON-ready data, with each responsible unit's match when one was asked."""
    data = draft.to_dict()
    if matches is not None:
        data["unit_matches"] = {
            name: ({"id": unit.pk, "name": unit.name} if unit else None)
            for name, unit in matches.items()
        }
    return data


def propose(text: str, *, within: OrgUnit | None = None) -> tuple[PlanDraft, dict]:
    """Parse ``text`` and match its units in ``within``'s territory: (draft, proposal data)."""
    draft = parse_plan(text)
    matches = match_units(draft.unit_names(), within) if within is not None else None
    return draft, proposal(draft, matches)
