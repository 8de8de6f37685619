from decimal import Decimal

import pytest

from danvan.lib.numbers import NumberFormatError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50.000.000", Decimal("50000000")),
        ("50000000", Decimal("50000000")),
        ("93,5", Decimal("93.5")),
        ("1.234,75", Decimal("1234.75")),
        ("-1.234,75", Decimal("-1234.75")),
        ("12", Decimal("12")),
        (" 50.000.000 đồng ", Decimal("50000000")),
        ("50.000.000đ", Decimal("50000000")),
        ("50 000 000", Decimal("50000000")),
        ("0,05", Decimal("0.05")),
    ],
)
def test_reads_numbers_written_the_vietnamese_way(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("50,000,000", "comma_grouping"),  # the English way: refused, never read as 50
        ("1.5", "bad_grouping"),  # one and a half typed with a dot: refused, never 15
        ("1.50.000", "bad_grouping"),
        ("12a", "not_a_number"),
        ("1,", "not_a_number"),
        ("abc", "not_a_number"),
    ],
)
def test_refuses_numbers_that_could_be_misread(text, reason):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert error.value.reason == reason


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (50000000, None, "50.000.000"),
        (Decimal("93.5"), None, "93,5"),
        (Decimal("93.50"), None, "93,5"),
        (93.456, 1, "93,5"),
        (Decimal("1234.75"), None, "1.234,75"),
        (-1234, None, "-1.234"),
        (0, None, "0"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (None, None, ""),
        (Decimal("-0.01"), 0, "0"),
    ],
)
def test_writes_numbers_the_vietnamese_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_what_is_written_reads_back():
    for value in (Decimal("50000000"), Decimal("93.5"), Decimal("-1234.75"), Decimal("7")):
        assert parse_number(format_number(value)) == value
