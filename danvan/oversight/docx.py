"""DOCX of oversight documents through ``documents.rendering`` (the issuing unit's format: state,
Nghị định 30/2020/NĐ-CP, or Party, Hướng dẫn 36-HD/VPTW), plus the tables these documents
need (the critique's answer table): a section may hold a marker paragraph that is replaced by a
bordered table after rendering.

How a unit maps onto a document header:
- the issuing body is the unit's name in full; the body above it is its parent, unless that is
  the root of the tree or already named in the unit's name ("UBND xã Trường Sơn" under "Xã
  Trường Sơn" prints no parent line; "Sở Nội vụ tỉnh Quảng Trị" under "Tỉnh Quảng Trị" neither);
- the place is the short name of the nearest territory ("Quảng Trị", "Trường Sơn").
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm

from danvan.documents import ooxml as ox
from danvan.documents.rendering import render_docx
from danvan.documents.structure import Document, DocumentFormat, Paragraph
from danvan.lib.text import fold

TABLE_TEXT_SIZE = 12
_MARKER = "\u2063TABLE:{name}\u2063"  # an invisible separator: never typed by anyone


def document_format(unit) -> DocumentFormat:
    return DocumentFormat(unit.unit_type.document_format or DocumentFormat.STATE)


def parent_issuer(unit) -> str:
    parent = unit.parent
    if parent is None or parent.parent_id is None:
        return ""
    own = fold(unit.name)
    if any(name and fold(name) in own for name in (parent.short_name, parent.name)):
        return ""
    return parent.name


def place_of(unit) -> str:
    from danvan.units.selectors import territory_of

    territory = territory_of(unit)
    return territory.short_name or territory.name


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.strip()) for line in (text or "").splitlines() if line.strip())


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[int, ...]


def table_marker(name: str) -> Paragraph:
    """A paragraph to place where the table ``name`` goes."""
    return Paragraph(_MARKER.format(name=name))


def _fill(cell, text: str, *, bold: bool = False) -> None:
    cell.text = ""
    lines = str(text or "").splitlines() or [""]
    first = cell.paragraphs[0]
    ox.add_run(first, lines[0], TABLE_TEXT_SIZE, bold=bold)
    for line in lines[1:]:
        ox.add_run(cell.add_paragraph(), line, TABLE_TEXT_SIZE, bold=bold)


def _insert_table(document, paragraph, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        _fill(cell, header, bold=True)
    for values in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _fill(cell, value)
    for row in grid.rows:
        for cell, width in zip(row.cells, table.widths_mm, strict=True):
            cell.width = Mm(width)
    paragraph._p.addnext(grid._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def render(
    document: Document, fmt: DocumentFormat, tables: dict[str, Table] | None = None
) -> bytes:
    """The document as DOCX bytes, its table markers replaced by the tables."""
    content = render_docx(document, fmt)
    if not tables:
        return content
    output = docx.Document(BytesIO(content))
    for paragraph in list(output.paragraphs):
        text = paragraph.text
        for name, table in tables.items():
            if text.strip() == _MARKER.format(name=name):
                _insert_table(output, paragraph, table)
    buffer = BytesIO()
    output.save(buffer)
    return ox.stable_zip(buffer.getvalue())
