"""Low-level OOXML helpers for python-docx: fonts for every script, rules, fields, tables.

Only :mod:`danvan.documents.rendering` uses them.
"""

import zipfile
from collections.abc import Iterable
from io import BytesIO

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "Times New Roman"


def set_fonts(rpr, size: float | None = None) -> None:
    """Times New Roman for every script of a w:rPr (theme fonts removed), at ``size`` pt."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        # w:sz is already there (python-docx font.size or the template); w:szCs, the size of
        # complex-script text, must follow it directly (schema order of w:rPr).
        sz = rpr.find(qn("w:sz"))
        complex_size = rpr.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = OxmlElement("w:szCs")
            sz.addnext(complex_size)
        for element in (sz, complex_size):
            element.set(qn("w:val"), str(int(size * 2)))


def add_run(paragraph, text: str, size: float, *, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    # None (inherit: plain) rather than False keeps the XML free of w:b w:val="0" noise.
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    set_fonts(run._r.get_or_add_rPr(), size)
    return run


def add_paragraph(
    container, alignment=WD_ALIGN_PARAGRAPH.CENTER, *, before=0, after=0, indent=None
):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    if indent is not None:
        fmt.first_line_indent = indent
    return paragraph


def add_line(container, text: str, size: float, *, alignment=WD_ALIGN_PARAGRAPH.CENTER, **style):
    """A paragraph holding ``text``; line breaks in ``text`` become separate lines."""
    paragraph = add_paragraph(container, alignment)
    run = None
    for part in text.split("\n"):
        if run is not None:
            run.add_break()
        run = add_run(paragraph, part.strip(), size, **style)
    return paragraph


def add_rule(container, width, *, fraction: float = 0.4, length=None) -> None:
    """A centred horizontal line: ``length`` long, or ``fraction`` of ``width`` (ND30: 1/3 to
    1/2 of the text above it), with equal indents on both sides of ``width``."""
    paragraph = add_paragraph(container)
    length = int(width * fraction) if length is None else min(int(length), int(width))
    side = int((width - length) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(4)
    add_run(paragraph, "", 2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # w:pBdr must come before w:spacing/w:ind/w:jc in w:pPr.
    ppr = paragraph._p.get_or_add_pPr()
    anchor = next(
        (
            ppr.find(qn(tag))
            for tag in ("w:spacing", "w:ind", "w:jc")
            if ppr.find(qn(tag)) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def add_borderless_table(container, widths: Iterable, rows: int):
    widths = list(widths)
    table = container.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Schema order of w:tblPr: … w:tblInd, w:tblBorders, w:shd, w:tblLayout, w:tblCellMar, w:tblLook.
    successor = next(
        (
            child
            for child in tbl_pr
            if child.tag in {qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}
        ),
        None,
    )
    if successor is not None:
        successor.addprevious(borders)
    else:
        tbl_pr.append(borders)
    for index, width in enumerate(widths):
        table.columns[index].width = width
        for cell in table.columns[index].cells:
            cell.width = width
            # A new cell holds one empty paragraph; content is added after it, so drop it.
            cell._tc.remove(cell.paragraphs[0]._p)
    return table


def add_field(paragraph, instruction: str, placeholder: str, size: float) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""

    def char(kind):
        run = add_run(paragraph, "", size)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = add_run(paragraph, "", size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    add_run(paragraph, placeholder, size)
    char("end")


def finish_cells(table) -> None:
    """Every table cell must end with a paragraph (OOXML); give empty cells one."""
    for row in table.rows:
        for cell in row.cells:
            if not cell.paragraphs:
                add_paragraph(cell)


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps, so equal documents give equal bytes."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
