"""What people typed stays text in Excel exports: never a formula that runs on opening."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from danvan.core.sheets import safe_row


@pytest.mark.parametrize("write_only", [False, True])
def test_text_typed_as_a_formula_stays_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Data") if write_only else book.active
    typed = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
    sheet.append(safe_row(sheet, [typed, "Mô hình", 3, Decimal("2.50"), Decimal("4")]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0][1]
    assert cells[0].value == typed and cells[0].data_type == "s"
    assert [c.value for c in cells[1:]] == ["Mô hình", 3, 2.5, 4]
