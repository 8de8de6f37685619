import datetime as dt

import pytest

from danvan.documents import formatting as f
from danvan.documents.structure import Authority, DocumentFormat, Marker


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2020, 4, 6), "ngày 06 tháng 4 năm 2020"),
        (dt.date(2018, 2, 20), "ngày 20 tháng 02 năm 2018"),
        (dt.date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (dt.date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
        (dt.date(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
        (dt.date(2015, 9, 10), "ngày 10 tháng 9 năm 2015"),
    ],
)
def test_vietnamese_date_pads_days_below_10_and_months_1_and_2(day, expected):
    assert f.vietnamese_date(day) == expected


def test_place_date_line_and_undated_draft():
    assert (
        f.place_date_line("Trà Vinh", dt.date(2020, 4, 6)) == "Trà Vinh, ngày 06 tháng 4 năm 2020"
    )
    draft = f.place_date_line("Gia Lai", None)
    assert draft.startswith("Gia Lai, ngày")
    assert "tháng" in draft and "năm" in draft
    assert not any(ch.isdigit() for ch in draft)


def test_number_lines():
    assert f.number_line("19", "KH-UBND", DocumentFormat.STATE) == "Số: 19/KH-UBND"
    assert f.number_line("11", "KH/HU", DocumentFormat.PARTY) == "Số 11-KH/HU"
    blank = f.number_line("", "KH-UBND", DocumentFormat.STATE)
    assert blank.startswith("Số: ") and blank.endswith("/KH-UBND")
    assert not any(ch.isdigit() for ch in blank)


def test_authority_labels_differ_by_format():
    assert f.authority_label(Authority.ON_BEHALF, DocumentFormat.STATE) == "TM."
    assert f.authority_label(Authority.ON_BEHALF, DocumentFormat.PARTY) == "T/M"
    assert f.authority_label(Authority.DEPUTY, DocumentFormat.STATE) == "KT."
    assert f.authority_label(Authority.DEPUTY, DocumentFormat.PARTY) == "K/T"
    assert f.authority_label(Authority.BY_AUTHORISATION, DocumentFormat.STATE) == "TUQ."


def test_roman_and_letters():
    assert [f.roman(n) for n in (1, 4, 9, 14, 40, 1999)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "MCMXCIX",
    ]
    assert [f.letter(n) for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    with pytest.raises(ValueError):
        f.roman(0)


def test_item_labels():
    assert f.item_label(Marker.NUMBER, 3, None) == "3."
    assert f.item_label(Marker.NUMBER, 1, "2.") == "2.1."
    assert f.item_label(Marker.LETTER, 2, None) == "b)"
    assert f.item_label(Marker.DASH, 5, None) == "-"
    assert f.item_label(Marker.PLUS, 1, None) == "+"
    assert f.item_label(Marker.NONE, 1, None) == ""
