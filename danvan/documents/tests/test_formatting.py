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
    assert [f.letter(n) for n in (1, 23, 24)] == ["a", "y", "aa"]
    with pytest.raises(ValueError):
        f.roman(0)


def test_item_labels():
    assert f.item_label(Marker.NUMBER, 3, None) == "3."
    assert f.item_label(Marker.NUMBER, 1, "2.") == "2.1."
    assert f.item_label(Marker.LETTER, 2, None) == "b)"
    assert f.item_label(Marker.DASH, 5, None) == "-"
    assert f.item_label(Marker.PLUS, 1, None) == "+"
    assert f.item_label(Marker.NONE, 1, None) == ""


def test_points_are_lettered_in_the_vietnamese_alphabet_nd30():
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, II.6: points a, b, c, d, đ, e, g… (no f, j, w, z)."""
    assert [f.letter(n) for n in range(1, 10)] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]
    assert f.item_label(Marker.LETTER, 5, None) == "đ)"
    assert f.item_label(Marker.LETTER, 6, None) == "e)"
    assert f.item_label(Marker.LETTER, 7, None) == "g)"


@pytest.mark.parametrize(
    ("number", "fmt", "expected"),
    [
        ("1", DocumentFormat.STATE, "Số: 01/KH-ĐT"),
        ("9", DocumentFormat.STATE, "Số: 09/KH-ĐT"),
        ("10", DocumentFormat.STATE, "Số: 10/KH-ĐT"),
        ("01", DocumentFormat.STATE, "Số: 01/KH-ĐT"),
        ("1", DocumentFormat.PARTY, "Số 01-KH/ĐT"),
        ("141", DocumentFormat.PARTY, "Số 141-KH/ĐT"),
    ],
)
def test_numbers_below_ten_take_a_leading_zero_nd30(number, fmt, expected):
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, II.3: "Số: 01/KH-ĐT"; Party: "Số 01-…" (HD 36)."""
    symbol = "KH/ĐT" if fmt is DocumentFormat.PARTY else "KH-ĐT"
    assert f.number_line(number, symbol, fmt) == expected


@pytest.mark.parametrize(
    ("symbol", "state", "party"),
    [
        ("KH-UBND", True, False),
        ("UBND-VP", True, False),
        ("QĐ-UBND", True, False),
        ("CTr-UBND", True, False),
        ("KH", True, False),
        ("KH/HU", False, True),
        ("CT/TU", False, True),
        ("KH/BDVTW-BCSĐCP", False, True),
        ("KH-ĐT/", False, False),
        ("KH//TU", False, False),
        ("", False, False),
    ],
)
def test_symbols_are_checked_against_the_format_nd30_and_hd36(symbol, state, party):
    """ND 30/2020: "19/KH-UBND" (hyphen, no slash); HD 36-HD/VPTW: "11-CT/TU" (one slash)."""
    assert f.symbol_fits(symbol, DocumentFormat.STATE) is state
    assert f.symbol_fits(symbol, DocumentFormat.PARTY) is party


def test_state_recipients_end_with_semicolons_and_a_full_stop_nd30():
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, II.9: each line ";", the last "Lưu: VT, …."."""
    lines = f.recipient_lines(
        ["Thường trực Tỉnh ủy (b/c)", "- Sở Nội vụ,", "Lưu: VT, NC"], DocumentFormat.STATE
    )
    assert lines == ["- Thường trực Tỉnh ủy (b/c);", "- Sở Nội vụ;", "- Lưu: VT, NC."]
    # Without a filing line, "Lưu: VT." closes the list.
    assert f.recipient_lines(["Sở Nội vụ."], DocumentFormat.STATE) == [
        "- Sở Nội vụ;",
        "- Lưu: VT.",
    ]
    assert f.recipient_lines(["", "  "], DocumentFormat.STATE) == []


def test_party_recipients_end_with_commas_and_lưu_văn_phòng_hd36():
    """Hướng dẫn 36-HD/VPTW: recipients end with ",", the last is "- Lưu Văn phòng …."; a
    state-style "Lưu: VT" never reaches a Party document."""
    lines = f.recipient_lines(
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy (để báo cáo);", "Các chi bộ trực thuộc", "Lưu: VT."],
        DocumentFormat.PARTY,
        issuer="Đảng ủy xã Trường Sơn",
    )
    assert lines == [
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy (để báo cáo),",
        "- Các chi bộ trực thuộc,",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    assert f.recipient_lines(["Tỉnh ủy"], DocumentFormat.PARTY, issuer="TỈNH ỦY QUẢNG TRỊ") == [
        "- Tỉnh ủy,",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]
    ban = f.recipient_lines(
        ["Lưu VP Ban"], DocumentFormat.PARTY, issuer="Ban Tuyên giáo và Dân vận"
    )
    assert ban == ["- Lưu VP Ban."]
    assert f.party_office("Ban Tuyên giáo và Dân vận", "Tỉnh ủy Quảng Trị") == "Văn phòng Ban"
