"""Vietnamese numbers as offices write them: 50.000.000 (dot between thousands), 93,5 (comma
before the decimals).

Written here rather than taken from Django's ``sanitize_separators``: that one silently drops
every thousands separator wherever it stands, so a clerk who types "1.5" meaning one and a half
gets 15, and "50,000,000" becomes 50. A number that could be read two ways is refused here
with a message that shows the right way to write it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

THOUSANDS = "."
DECIMALS = ","
# Spaces people paste between groups (normal, no-break, thin) and the currency words they add.
_NOISE = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


class NumberFormatError(ValueError):
    """The text is not a number written the Vietnamese way; ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def parse_number(text: str) -> Decimal:
    """Read "50.000.000", "93,5", "-1.234,75", "12", "12 đồng" as a Decimal.

    Raises NumberFormatError with a ``reason`` code: ``empty``, ``comma_grouping`` (commas
    used between thousands), ``bad_grouping`` (a dot not between groups of three digits),
    ``not_a_number``.
    """
    value = _NOISE.sub("", str(text or ""))
    value = _CURRENCY.sub("", value)
    if not value:
        raise NumberFormatError("empty")
    sign = ""
    if value[0] in "+-−":
        sign = "-" if value[0] in "-−" else ""
        value = value[1:]
    if value.count(DECIMALS) > 1:
        raise NumberFormatError("comma_grouping")
    whole, _, fraction = value.partition(DECIMALS)
    if DECIMALS in value and not fraction.isdigit():
        raise NumberFormatError("not_a_number")
    if THOUSANDS in whole:
        if not _GROUPED.match(whole):
            raise NumberFormatError("bad_grouping")
        whole = whole.replace(THOUSANDS, "")
    elif not _PLAIN.match(whole):
        raise NumberFormatError("not_a_number")
    try:
        return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
    except InvalidOperation:
        raise NumberFormatError("not_a_number") from None


def format_number(value, decimals: int | None = None) -> str:
    """Write ``value`` the Vietnamese way: 50000000 → "50.000.000", 93.5 → "93,5".

    ``decimals`` fixes the number of decimals (rounded half up); by default an integral value
    has none and others keep theirs without trailing zeros.
    """
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{abs(number):.{decimals}f}"
    else:
        text = format(abs(number).normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = THOUSANDS.join(groups) + (DECIMALS + fraction if fraction else "")
    return ("-" + out) if number < 0 and out.strip("0.,") else out
