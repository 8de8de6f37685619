"""Render a :class:`~danvan.documents.structure.Document` to DOCX (python-docx) and PDF.

Two formats:
- **state** — Nghị định 30/2020/NĐ-CP, Phụ lục I: Quốc hiệu and Tiêu ngữ at the top right,
  issuing body at the top left, "Số: 19/KH-UBND", italic place and date, "TM."/"KT." signature.
- **party** — Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right, issuing body
  with a "*" under it at the top left, "Số 11-KH/HU", "T/M BAN THƯỜNG VỤ" signature.

Both: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (also for East
Asian and complex scripts, so Vietnamese never falls back to another font); body 14 pt,
justified, first-line indent 1.27 cm; page numbers at the top centre from page 2.

PDF comes from LibreOffice (``soffice --headless --convert-to pdf``) when it is installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.core.errors import ValidationFailed
from danvan.documents import formatting as f
from danvan.documents import ooxml as ox
from danvan.documents.errors import DocumentRenderingFailed, DocumentRenderingUnavailable
from danvan.documents.structure import Block, Document, DocumentFormat, Item, Marker, Paragraph

FONT = ox.FONT
LANGUAGE = "vi-VN"
FIRST_LINE_INDENT = Cm(1.27)
SOFFICE_CANDIDATES = ("soffice", "libreoffice")
PDF_TIMEOUT_SECONDS = 120
# A rule under the issuer or the summary is 1/3 to 1/2 of the line above it (ND30, Phụ lục I).
RULE_FRACTION = 0.4
CELL_MARGIN = Mm(1.9)  # Word's default left and right cell margins (0.19 cm)


@dataclass(frozen=True)
class Layout:
    """Widths and type sizes (pt) of one format."""

    left_column: Mm
    right_column: Mm
    heading_size: int  # Quốc hiệu / "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto_size: int
    parent_size: int
    issuer_size: int
    number_size: int
    place_date_size: int
    doc_type_size: int
    summary_size: int
    body_size: int
    signature_size: int
    recipients_heading_size: int
    recipients_size: int
    recipients_heading_bold: bool
    recipients_heading_italic: bool
    recipients_heading_underline: bool
    signature_left_column: Mm
    signature_right_column: Mm


LAYOUTS = {
    DocumentFormat.STATE: Layout(
        left_column=Mm(60),
        right_column=Mm(105),
        heading_size=13,
        motto_size=14,
        parent_size=13,
        issuer_size=13,
        number_size=13,
        place_date_size=14,
        doc_type_size=14,
        summary_size=14,
        body_size=14,
        signature_size=14,
        recipients_heading_size=12,
        recipients_size=11,
        recipients_heading_bold=True,
        recipients_heading_italic=True,
        recipients_heading_underline=False,
        signature_left_column=Mm(75),
        signature_right_column=Mm(90),
    ),
    DocumentFormat.PARTY: Layout(
        left_column=Mm(70),
        right_column=Mm(95),
        heading_size=15,
        motto_size=15,
        parent_size=14,
        issuer_size=14,
        number_size=14,
        place_date_size=14,
        doc_type_size=16,
        summary_size=14,
        body_size=14,
        signature_size=14,
        recipients_heading_size=14,
        recipients_heading_bold=False,
        recipients_heading_italic=False,
        recipients_heading_underline=True,
        recipients_size=12,
        signature_left_column=Mm(75),
        signature_right_column=Mm(90),
    ),
}
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)


def coerce_format(fmt: DocumentFormat | str) -> DocumentFormat:
    try:
        return DocumentFormat(fmt)
    except ValueError:
        raise ValidationFailed(
            _("Unknown document format. Choose the state format or the Party format."),
            code="invalid_format",
            field="format",
        ) from None


# -- document parts ---------------------------------------------------------------------


def _setup(document, layout: Layout, summary: str, issuer: str, issued_on) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ox.set_fonts(rpr, layout.body_size)
    lang = rpr.find(qn("w:lang"))
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    for name in ("Normal", "Header"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(layout.body_size)
        ox.set_fonts(style.element.get_or_add_rPr(), layout.body_size)

    # Page numbers: top centre, not on the first page (ND30, Phụ lục I, I.6).
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ox.add_field(number, "PAGE", "2", layout.body_size)

    properties = document.core_properties
    properties.title = summary.replace("\n", " ")[:255]
    properties.author = issuer.replace("\n", " ")[:255]
    properties.last_modified_by = ""
    properties.language = LANGUAGE
    if issued_on is not None:  # the same document renders to the same bytes
        properties.created = properties.modified = dt.datetime.combine(issued_on, dt.time())


def check_symbol(doc: Document, fmt: DocumentFormat) -> None:
    """Refuse a symbol written for the other format: a Party document never prints a state
    symbol ("Số 1-KH-ĐT") nor a state document a Party one."""
    symbol = doc.symbol.strip()
    if f.symbol_fits(symbol, fmt):
        return
    if fmt is DocumentFormat.PARTY:
        message = _(
            "The symbol “%(symbol)s” is not written as the Party format writes it: the type, "
            "a slash, then the issuer, for example KH/TU or CT/ĐU (Hướng dẫn 36-HD/VPTW)."
        )
    else:
        message = _(
            "The symbol “%(symbol)s” is not written as the state format writes it: the type, "
            "a hyphen, then the issuer, without a slash, for example KH-UBND (Nghị định "
            "30/2020/NĐ-CP)."
        )
    raise ValidationFailed(message % {"symbol": symbol}, code="symbol_format", field="symbol")


def _rule_length(text: str, size: float, available) -> int:
    """1/3 to 1/2 of the widest line of ``text`` above the rule (Nghị định 30/2020, Phụ lục
    I): 40% of it, a line that wraps counting as the whole width."""
    widest = max((Pt(f.text_width_pt(line, size)) for line in text.split("\n")), default=0)
    return int(min(widest, available) * RULE_FRACTION)


def _header(document, doc: Document, fmt: DocumentFormat, layout: Layout) -> None:
    table = ox.add_borderless_table(document, (layout.left_column, layout.right_column), rows=2)
    (left, right), (left_below, right_below) = (r.cells for r in table.rows)

    if doc.parent_issuer.strip():
        ox.add_line(left, doc.parent_issuer.upper(), layout.parent_size)
    issuer = doc.issuer.upper()
    ox.add_line(left, issuer, layout.issuer_size, bold=True)
    if fmt is DocumentFormat.PARTY:
        ox.add_line(left, "*", layout.issuer_size)
        ox.add_line(right, f.PARTY_TITLE, layout.heading_size, bold=True, underline=True)
    else:
        column = layout.left_column - 2 * CELL_MARGIN
        length = _rule_length(issuer, layout.issuer_size, column)
        ox.add_rule(left, column, length=length)
        ox.add_line(right, f.NATIONAL_TITLE, layout.heading_size, bold=True)
        ox.add_line(right, f.NATIONAL_MOTTO, layout.motto_size, bold=True, underline=True)

    number = ox.add_line(left_below, f.number_line(doc.number, doc.symbol, fmt), layout.number_size)
    number.paragraph_format.space_before = Pt(6)
    if not doc.doc_type.strip():  # công văn: the summary stands under the number
        ox.add_line(
            left_below, f"V/v {doc.summary.strip()}", 12, italic=fmt is DocumentFormat.PARTY
        )
    place_date = ox.add_line(
        right_below,
        f.place_date_line(doc.place, doc.issued_on),
        layout.place_date_size,
        italic=True,
    )
    place_date.paragraph_format.space_before = Pt(6)
    ox.finish_cells(table)


def _title(document, doc: Document, fmt: DocumentFormat, layout: Layout) -> None:
    if not doc.doc_type.strip():
        return
    title = ox.add_line(document, doc.doc_type.upper(), layout.doc_type_size, bold=True)
    title.paragraph_format.space_before = Pt(18)
    summary = doc.summary.strip()
    ox.add_line(document, summary, layout.summary_size, bold=True)
    if fmt is DocumentFormat.PARTY:
        ox.add_line(document, "-----", layout.summary_size)
    else:
        text_width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        length = _rule_length(summary, layout.summary_size, text_width)
        ox.add_rule(document, text_width, length=length)


def _body_paragraph(document, layout: Layout):
    return ox.add_paragraph(
        document, WD_ALIGN_PARAGRAPH.JUSTIFY, before=6, after=0, indent=FIRST_LINE_INDENT
    )


def _text(document, text: str, layout: Layout) -> None:
    ox.add_run(_body_paragraph(document, layout), text.strip(), layout.body_size)


def _blocks(document, blocks: Iterable[Block], layout: Layout, parent_number, depth: int) -> None:
    counters: Counter = Counter()
    for block in blocks:
        if isinstance(block, Paragraph):
            _text(document, block.text, layout)
            continue
        item: Item = block
        counters[item.marker] += 1
        label = item.label
        if label is None:
            number_parent = parent_number if item.marker is Marker.NUMBER else None
            label = f.item_label(item.marker, counters[item.marker], number_parent)
        paragraph = _body_paragraph(document, layout)
        title_style = {"bold": True, "italic": depth > 1}
        title = item.title.strip()
        text = item.text.strip()
        if label:
            ox.add_run(paragraph, f"{label} ", layout.body_size, **(title_style if title else {}))
        if title:
            ox.add_run(paragraph, title, layout.body_size, **title_style)
        if text:
            ox.add_run(paragraph, f" {text}" if title else text, layout.body_size)
        if item.children:  # a heading-like item stays on the page of its first child
            paragraph.paragraph_format.keep_with_next = True
        child_number = label if item.marker is Marker.NUMBER else None
        _blocks(document, item.children, layout, child_number, depth + 1)


def _body(document, doc: Document, layout: Layout) -> None:
    first = True
    for paragraph in doc.preamble:
        _text(document, paragraph.text, layout)
    for index, section in enumerate(doc.sections, start=1):
        label = section.label if section.label is not None else f"{f.roman(index)}."
        heading = _body_paragraph(document, layout)
        if first and not doc.preamble:
            heading.paragraph_format.space_before = Pt(12)
        first = False
        heading.paragraph_format.keep_with_next = True
        ox.add_run(heading, f"{label} {section.title.strip()}".strip(), layout.body_size, bold=True)
        _blocks(document, section.blocks, layout, None, 1)
    for paragraph in doc.closing:
        _text(document, paragraph.text, layout)


def _signature(document, doc: Document, fmt: DocumentFormat, layout: Layout) -> None:
    # The signature never stands alone on a page: the last body paragraph comes with it.
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    ox.add_paragraph(document, after=6).paragraph_format.keep_with_next = True
    widths = (layout.signature_left_column, layout.signature_right_column)
    table = ox.add_borderless_table(document, widths, rows=1)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells

    if doc.recipients:
        ox.add_line(
            left,
            f.RECIPIENTS_HEADING,
            layout.recipients_heading_size,
            alignment=WD_ALIGN_PARAGRAPH.LEFT,
            bold=layout.recipients_heading_bold,
            italic=layout.recipients_heading_italic,
            underline=layout.recipients_heading_underline,
        )
        lines = f.recipient_lines(
            doc.recipients, fmt, issuer=doc.issuer, parent_issuer=doc.parent_issuer
        )
        for line in lines:
            ox.add_line(left, line, layout.recipients_size, alignment=WD_ALIGN_PARAGRAPH.LEFT)

    signature = doc.signature
    for signing_for in signature.on_behalf:
        label = f.authority_label(signing_for.authority, fmt)
        ox.add_line(
            right, f"{label} {signing_for.title.strip().upper()}", layout.signature_size, bold=True
        )
    ox.add_line(right, signature.position.upper(), layout.signature_size, bold=True)
    for _blank in range(4):  # room for the signature and the seal
        ox.add_line(right, "", layout.signature_size)
    ox.add_line(right, signature.name.strip(), layout.signature_size, bold=True)
    ox.finish_cells(table)


def render_docx(document: Document, fmt: DocumentFormat | str) -> bytes:
    """The document as DOCX bytes in the state (ND30) or Party format."""
    fmt = coerce_format(fmt)
    check_symbol(document, fmt)
    layout = LAYOUTS[fmt]
    output = docx.Document()
    _setup(output, layout, document.summary, document.issuer, document.issued_on)
    _header(output, document, fmt, layout)
    _title(output, document, fmt, layout)
    _body(output, document, layout)
    _signature(output, document, fmt, layout)
    buffer = BytesIO()
    output.save(buffer)
    return ox.stable_zip(buffer.getvalue())


# -- PDF --------------------------------------------------------------------------------


def find_soffice(candidates: Iterable[str] = SOFFICE_CANDIDATES) -> str | None:
    """The path of the LibreOffice binary, or None when it is not installed."""
    for name in candidates:
        path = shutil.which(name)
        if path:
            return path
    return None


def render_pdf(
    docx_bytes: bytes,
    *,
    binary: str | None = None,
    timeout: float = PDF_TIMEOUT_SECONDS,
) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice in a scratch directory.

    ``binary`` is a name or path to look up instead of "soffice"/"libreoffice". Raises
    :class:`DocumentRenderingUnavailable` when LibreOffice is missing and
    :class:`DocumentRenderingFailed` when it fails or runs past ``timeout`` seconds.
    """
    executable = find_soffice((binary,) if binary else SOFFICE_CANDIDATES)
    if executable is None:
        raise DocumentRenderingUnavailable()
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as scratch:
        work = Path(scratch)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        command = [
            executable,
            # A profile of its own, so parallel conversions do not wait on one another.
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        process = subprocess.Popen(  # noqa: S603 — fixed arguments, no shell
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so a timeout can stop soffice.bin, its child, too
        )
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise DocumentRenderingFailed() from None
        result = work / "document.pdf"
        if process.returncode != 0 or not result.exists():
            raise DocumentRenderingFailed()
        return result.read_bytes()
