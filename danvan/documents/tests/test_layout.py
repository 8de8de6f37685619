"""Rendered documents compared with a reference layout, read back with python-docx.

State format: Nghị định 30/2020/NĐ-CP, Phụ lục I. Party format: Hướng dẫn 36-HD/VPTW. Each
reference line is (text, alignment, bold, italic, underline, size in pt).
"""

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.shared import Cm, Mm, Pt

from danvan.core.errors import ValidationFailed
from danvan.documents import formatting as f
from danvan.documents.issuers import issuer_lines
from danvan.documents.rendering import render_docx
from danvan.documents.structure import (
    Authority,
    Document,
    DocumentFormat,
    Item,
    Marker,
    Section,
    Signature,
    SigningFor,
)
from danvan.units.models import Level, OrgUnitName
from danvan.units.tests.factories import OrgUnitFactory, unit_type

C, L, J = ALIGN.CENTER, ALIGN.LEFT, ALIGN.JUSTIFY
POINTS = tuple(Item(text=f"Nội dung điểm {n}.", marker=Marker.LETTER) for n in range(1, 8))


def layout(paragraphs):
    """(text, alignment, bold, italic, underline, size) of each non-empty paragraph."""
    rows = []
    for p in paragraphs:
        runs = [r for r in p.runs if r.text]
        if not runs:
            continue
        sizes = {r.font.size for r in runs}
        assert len(sizes) == 1, (p.text, sizes)
        rows.append(
            (
                p.text,
                p.alignment,
                all(bool(r.bold) for r in runs),
                all(bool(r.italic) for r in runs),
                all(bool(r.underline) for r in runs),
                sizes.pop().pt,
            )
        )
    return rows


def rules(paragraphs):
    """(left indent, right indent) of the rule paragraphs (a bottom border, no text)."""
    return [
        (p.paragraph_format.left_indent, p.paragraph_format.right_indent)
        for p in paragraphs
        if "w:pBdr" in p._p.xml and not p.text.strip()
    ]


def open_docx(document, fmt):
    return docx.Document(BytesIO(render_docx(document, fmt)))


@pytest.fixture
def province(db):
    return OrgUnitFactory(
        name="Tỉnh Quảng Trị",
        short_name="Quảng Trị",
        unit_type=unit_type("province"),
        level=Level.PROVINCE,
    )


def agency(province, name, code):
    return OrgUnitFactory(
        name=name, unit_type=unit_type(code), level=province.level, parent=province
    )


def document(parent, issuer, **changes):
    fields = {
        "issuer": issuer,
        "parent_issuer": parent,
        "number": "1",
        "symbol": "KH-SNV",
        "place": "Quảng Trị",
        "issued_on": dt.date(2026, 3, 5),
        "doc_type": "Kế hoạch",
        "summary": "Thực hiện công tác dân vận chính quyền năm 2026",
        "sections": (Section("NỘI DUNG", POINTS),),
        "recipients": ("UBND tỉnh (b/c)", "Các phòng thuộc Sở", "Lưu: VT, CCHC"),
        "signature": Signature(
            position="Phó Giám đốc",
            name="Nguyễn Văn A",
            on_behalf=(SigningFor(Authority.DEPUTY, "Giám đốc"),),
        ),
    }
    fields.update(changes)
    return Document(**fields)


def test_state_department_reference_layout_nd30(province):
    """Nghị định 30/2020/NĐ-CP, Phụ lục I: "UBND TỈNH QUẢNG TRỊ" not bold above "SỞ NỘI VỤ"
    bold; "Số: 01/KH-SNV"; points a–g with đ; recipients ";" then "."; rules centred."""
    agency(province, "Ủy ban nhân dân tỉnh Quảng Trị", "people_committee")
    home_affairs = agency(province, "Sở Nội vụ tỉnh Quảng Trị", "home_affairs")
    parent, issuer = issuer_lines(home_affairs, DocumentFormat.STATE, dt.date(2026, 3, 5))
    assert (parent, issuer) == ("UBND tỉnh Quảng Trị", "Sở Nội vụ")
    rendered = open_docx(document(parent, issuer), DocumentFormat.STATE)

    header = rendered.tables[0]
    left, right = header.rows[0].cells
    assert layout(left.paragraphs) == [
        ("UBND TỈNH QUẢNG TRỊ", C, False, False, False, 13),
        ("SỞ NỘI VỤ", C, True, False, False, 13),
    ]
    assert layout(right.paragraphs) == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", C, True, False, False, 13),
        ("Độc lập - Tự do - Hạnh phúc", C, True, False, True, 14),
    ]
    [(side_left, side_right)] = rules(left.paragraphs)
    assert side_left == side_right  # centred under the issuer
    column = Mm(60) - 2 * Mm(1.9)
    issuer_width = Pt(f.text_width_pt("SỞ NỘI VỤ", 13))
    rule = column - side_left - side_right
    assert issuer_width / 3 <= rule <= issuer_width / 2
    number_cell, date_cell = header.rows[1].cells
    assert layout(number_cell.paragraphs) == [("Số: 01/KH-SNV", C, False, False, False, 13)]
    assert layout(date_cell.paragraphs) == [
        ("Quảng Trị, ngày 05 tháng 3 năm 2026", C, False, True, False, 14)
    ]

    body = layout(rendered.paragraphs)
    start = body.index(("KẾ HOẠCH", C, True, False, False, 14))
    assert body[start + 1] == (
        "Thực hiện công tác dân vận chính quyền năm 2026",
        C,
        True,
        False,
        False,
        14,
    )
    assert body[start + 2 : start + 10] == [
        ("I. NỘI DUNG", J, True, False, False, 14),
        *[
            (f"{letter}) Nội dung điểm {n}.", J, False, False, False, 14)
            for n, letter in enumerate(["a", "b", "c", "d", "đ", "e", "g"], start=1)
        ],
    ]
    points = [p for p in rendered.paragraphs if p.text.startswith("đ)")]
    assert abs(points[0].paragraph_format.first_line_indent - Cm(1.27)) < Cm(0.01)
    [(summary_left, summary_right)] = rules(rendered.paragraphs)
    assert summary_left == summary_right
    summary_width = Pt(f.text_width_pt("Thực hiện công tác dân vận chính quyền năm 2026", 14))
    summary_rule = Mm(165) - summary_left - summary_right
    assert summary_width / 3 <= summary_rule <= summary_width / 2

    recipients, signature = rendered.tables[-1].rows[0].cells
    assert layout(recipients.paragraphs) == [
        ("Nơi nhận:", L, True, True, False, 12),
        ("- UBND tỉnh (b/c);", L, False, False, False, 11),
        ("- Các phòng thuộc Sở;", L, False, False, False, 11),
        ("- Lưu: VT, CCHC.", L, False, False, False, 11),
    ]
    assert [row[0] for row in layout(signature.paragraphs)] == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn A",
    ]


def test_a_wrapped_summary_gets_a_rule_of_a_third_to_a_half_of_the_line_nd30():
    """ND30, Phụ lục I: the rule under the summary is 1/3–1/2 of the line above, centred; a
    summary over several lines spans the whole text width (165 mm on A4 with 30/15 mm)."""
    summary = "Thực hiện Chỉ thị số 11-CT/TU về lãnh đạo, chỉ đạo đẩy mạnh phong trào " * 3
    rendered = open_docx(document("", "Ủy ban nhân dân tỉnh Quảng Trị", summary=summary), "state")
    [(left, right)] = rules(rendered.paragraphs)
    assert left == right
    assert Mm(165) / 3 <= Mm(165) - left - right <= Mm(165) / 2


def test_party_ban_reference_layout_hd36(province):
    """Hướng dẫn 36-HD/VPTW: the committee above the Ban, "*", "Số 03-KH/BTGDVTU" without a
    colon, "-----" under the summary, recipients with commas and "- Lưu Văn phòng Ban."; the
    Ban's name is the one it had on the document's date (Kết luận 121-KL/TW)."""
    agency(province, "Tỉnh ủy Quảng Trị", "party_committee")
    ban = agency(province, "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị", "mass_mobilisation")
    OrgUnitName.objects.create(
        unit=ban, name="Ban Dân vận Tỉnh ủy Quảng Trị", valid_to=dt.date(2025, 3, 1)
    )
    parent, issuer = issuer_lines(ban, DocumentFormat.PARTY, dt.date(2026, 3, 5))
    party = dict(
        number="3",
        symbol="KH/BTGDVTU",
        recipients=("Thường trực Tỉnh ủy (để báo cáo);", "Các đảng ủy trực thuộc;", "Lưu: VT."),
        signature=Signature(position="Phó Trưởng ban", name="Lê Văn B"),
    )
    rendered = open_docx(document(parent, issuer, **party), DocumentFormat.PARTY)

    left, right = rendered.tables[0].rows[0].cells
    assert layout(left.paragraphs) == [
        ("TỈNH ỦY QUẢNG TRỊ", C, False, False, False, 14),
        ("BAN TUYÊN GIÁO VÀ DÂN VẬN", C, True, False, False, 14),
        ("*", C, False, False, False, 14),
    ]
    assert layout(right.paragraphs) == [("ĐẢNG CỘNG SẢN VIỆT NAM", C, True, False, True, 15)]
    number_cell = rendered.tables[0].rows[1].cells[0]
    assert layout(number_cell.paragraphs) == [("Số 03-KH/BTGDVTU", C, False, False, False, 14)]
    body = layout(rendered.paragraphs)
    start = body.index(("KẾ HOẠCH", C, True, False, False, 16))
    assert body[start + 2] == ("-----", C, False, False, False, 14)
    assert not rules(rendered.paragraphs)  # the Party format draws no rule
    recipients = rendered.tables[-1].rows[0].cells[0]
    assert layout(recipients.paragraphs) == [
        ("Nơi nhận:", L, False, False, True, 14),
        ("- Thường trực Tỉnh ủy (để báo cáo),", L, False, False, False, 12),
        ("- Các đảng ủy trực thuộc,", L, False, False, False, 12),
        ("- Lưu Văn phòng Ban.", L, False, False, False, 12),
    ]

    # The same Ban's plan of 15/9/2022 prints the name it had then.
    old_parent, old_issuer = issuer_lines(ban, DocumentFormat.PARTY, dt.date(2022, 9, 15))
    assert (old_parent, old_issuer) == ("Tỉnh ủy Quảng Trị", "Ban Dân vận")


def test_commune_party_committee_keeps_its_name_under_the_provincial_organisation_hd36(
    province,
):
    """Hướng dẫn 36-HD/VPTW: "ĐẢNG BỘ TỈNH QUẢNG TRỊ" above "ĐẢNG ỦY XÃ TRƯỜNG SƠN", never
    dropped; the state bodies of the commune print their full name alone."""
    commune = OrgUnitFactory(
        name="Xã Trường Sơn",
        short_name="Trường Sơn",
        unit_type=unit_type("commune"),
        parent=province,
    )
    committee = OrgUnitFactory(
        name="Đảng ủy xã Trường Sơn", unit_type=unit_type("party_committee"), parent=commune
    )
    ubnd = OrgUnitFactory(
        name="Ủy ban nhân dân xã Trường Sơn",
        unit_type=unit_type("people_committee"),
        parent=commune,
    )
    parent, issuer = issuer_lines(committee, DocumentFormat.PARTY)
    assert (parent, issuer) == ("Đảng bộ tỉnh Quảng Trị", "Đảng ủy xã Trường Sơn")
    rendered = open_docx(
        document(parent, issuer, symbol="KH/ĐU", recipients=()), DocumentFormat.PARTY
    )
    assert [row[0] for row in layout(rendered.tables[0].rows[0].cells[0].paragraphs)] == [
        "ĐẢNG BỘ TỈNH QUẢNG TRỊ",
        "ĐẢNG ỦY XÃ TRƯỜNG SƠN",
        "*",
    ]
    assert issuer_lines(ubnd, DocumentFormat.STATE) == ("", "Ủy ban nhân dân xã Trường Sơn")


@pytest.mark.parametrize(
    ("fmt", "symbol"),
    [(DocumentFormat.PARTY, "KH-ĐT"), (DocumentFormat.STATE, "KH/HU")],
)
def test_a_symbol_of_the_other_format_is_refused_nd30_hd36(fmt, symbol):
    """A Party document never prints "Số 01-KH-ĐT", a state one never "Số: 01/KH/HU"."""
    with translation.override("vi"), pytest.raises(ValidationFailed) as raised:
        render_docx(document("", "Ban Tuyên giáo và Dân vận", symbol=symbol), fmt)
    assert raised.value.field == "symbol"
    assert symbol in str(raised.value.message)
    assert "ký hiệu" in str(raised.value.message).lower()
