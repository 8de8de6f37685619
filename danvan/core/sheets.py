"""Excel rows that keep what people typed as text.

openpyxl stores any text beginning with "=" as a formula, so a title typed as
``=HYPERLINK("http://…")`` would run when an official opens the export. ``safe_row`` turns such
values into text cells (shown exactly as typed, with no added apostrophe); it works for normal
and write-only sheets alike.
"""

from collections.abc import Iterable
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell


def safe_value(sheet, value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def safe_row(sheet, values: Iterable) -> list:
    """The values of a row ready for ``sheet.append``: no text becomes a formula."""
    return [safe_value(sheet, value) for value in values]
