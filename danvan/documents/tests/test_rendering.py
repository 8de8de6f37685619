"""Open what render_docx produced with python-docx and check what a reader would see."""

import re
from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.core.errors import ValidationFailed
from danvan.documents.rendering import render_docx
from danvan.documents.structure import DocumentFormat
from danvan.documents.tests.factories import long_plan, party_plan, state_plan


def open_docx(data: bytes):
    return docx.Document(BytesIO(data))


def cell_paragraphs(cell):
    return [p for p in cell.paragraphs if p.text.strip()]


def find(paragraphs, text):
    matches = [p for p in paragraphs if p.text == text]
    assert matches, f"{text!r} not in {[p.text for p in paragraphs]}"
    return matches[0]


def run_size(paragraph):
    sizes = {r.font.size for r in paragraph.runs if r.text}
    assert len(sizes) == 1, sizes
    return sizes.pop()


@pytest.fixture(scope="module")
def state():
    return open_docx(render_docx(state_plan(), DocumentFormat.STATE))


@pytest.fixture(scope="module")
def party():
    return open_docx(render_docx(party_plan(), "party"))


def test_state_page_is_a4_with_nd30_margins(state):
    section = state.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(20) - Mm(0.1) <= section.top_margin <= Mm(25)
    assert Mm(20) - Mm(0.1) <= section.bottom_margin <= Mm(25)
    assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35)
    assert Mm(15) - Mm(0.1) <= section.right_margin <= Mm(20)


def test_state_header_has_issuer_left_and_national_title_right(state):
    header = state.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in cell_paragraphs(left)] == ["ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH"]
    issuer = cell_paragraphs(left)[0]
    assert all(r.bold for r in issuer.runs if r.text)
    national = find(cell_paragraphs(right), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all(r.bold for r in national.runs)
    assert Pt(12) <= run_size(national) <= Pt(13)
    motto = find(cell_paragraphs(right), "Độc lập - Tự do - Hạnh phúc")
    assert all(r.bold and r.underline for r in motto.runs)
    assert Pt(13) <= run_size(motto) <= Pt(14)

    number_cell, date_cell = header.rows[1].cells
    number = find(cell_paragraphs(number_cell), "Số: 19/KH-UBND")
    assert run_size(number) == Pt(13)
    place_date = find(cell_paragraphs(date_cell), "Trà Vinh, ngày 06 tháng 4 năm 2020")
    assert all(r.italic for r in place_date.runs)


def test_state_header_table_has_no_borders(state):
    for table in state.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    left, right = state.tables[0].columns
    assert left.width < right.width


def test_parent_body_printed_above_the_issuer_and_not_bold():
    rendered = open_docx(
        render_docx(state_plan(parent_issuer="UBND tỉnh Trà Vinh", issuer="Sở Nội vụ"), "state")
    )
    left = cell_paragraphs(rendered.tables[0].rows[0].cells[0])
    assert [p.text for p in left] == ["UBND TỈNH TRÀ VINH", "SỞ NỘI VỤ"]
    assert not any(r.bold for r in left[0].runs)
    assert all(r.bold for r in left[1].runs)


def test_title_and_summary(state):
    body = state.paragraphs
    title = find(body, "KẾ HOẠCH")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    summary = find(body, "Thực hiện công tác dân vận chính quyền năm 2020")
    assert all(r.bold for r in summary.runs)


def test_body_is_times_new_roman_14pt_justified_with_first_line_indent(state):
    paragraph = find(
        state.paragraphs, "1. Xác định công tác dân vận là trách nhiệm của cả hệ thống."
    )
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(paragraph.paragraph_format.first_line_indent - Cm(1.27)) < Cm(0.01)
    assert run_size(paragraph) == Pt(14)
    for run in paragraph.runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(attr)) == "Times New Roman"


def test_document_defaults_are_times_new_roman_in_vietnamese(state):
    defaults = state.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert fonts.get(qn("w:cs")) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert state.styles["Normal"].font.name == "Times New Roman"


def test_sections_and_items_are_numbered(state):
    texts = [p.text for p in state.paragraphs]
    expected = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Xác định công tác dân vận là trách nhiệm của cả hệ thống.",
        "2. Tăng cường phối hợp với Mặt trận Tổ quốc.",
        "II. NỘI DUNG",
        "Các cơ quan tập trung thực hiện các nội dung sau:",
        "1. Đối với các cơ quan nhà nước",
        "1.1. Hội đồng nhân dân các cấp",
        "- Nâng cao chất lượng tiếp xúc cử tri.",
        "1.2. Các cơ quan tư pháp",
        "a) Phối hợp tuyên truyền.",
        "b) Đẩy mạnh cải cách tư pháp.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ có trách nhiệm: làm đầu mối tổng hợp./.",
    ]
    start = texts.index(expected[0])
    assert texts[start : start + len(expected)] == expected
    heading = find(state.paragraphs, "II. NỘI DUNG")
    assert all(r.bold for r in heading.runs)
    assert heading.paragraph_format.keep_with_next  # never the last line of a page
    titled = find(state.paragraphs, "1. Sở Nội vụ có trách nhiệm: làm đầu mối tổng hợp./.")
    assert [(r.text, bool(r.bold)) for r in titled.runs] == [
        ("1. ", True),
        ("Sở Nội vụ có trách nhiệm:", True),
        (" làm đầu mối tổng hợp./.", False),
    ]


def test_page_numbers_top_centre_from_page_two(state):
    section = state.sections[0]
    assert section.different_first_page_header_footer is True
    header_xml = section.header._element.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", header_xml)
    assert 'w:fldCharType="begin"' in header_xml and 'w:fldCharType="end"' in header_xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not section.first_page_header.is_linked_to_previous
    assert "PAGE" not in section.first_page_header._element.xml


def test_state_recipients_and_signature(state):
    recipients, signature = state.tables[-1].rows[0].cells
    lines = cell_paragraphs(recipients)
    heading = lines[0]
    assert heading.text == "Nơi nhận:"
    assert heading.runs[0].bold and heading.runs[0].italic
    assert run_size(heading) == Pt(12)
    assert [p.text for p in lines[1:]] == [
        "- Thường trực Tỉnh ủy (b/c);",
        "- Sở Nội vụ;",
        "- Lưu: VT, NC.",
    ]
    assert {run_size(p) for p in lines[1:]} == {Pt(11)}
    assert [p.text for p in cell_paragraphs(signature)] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    ]
    assert all(r.bold for p in cell_paragraphs(signature) for r in p.runs if r.text)


def test_party_header(party):
    header = party.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in cell_paragraphs(left)] == [
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
        "HUYỆN ỦY ĐỊNH HÓA",
        "*",
    ]
    title = find(cell_paragraphs(right), "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert all(r.bold and r.underline for r in title.runs)
    assert run_size(title) == Pt(15)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in [p.text for p in cell_paragraphs(right)]
    number_cell, date_cell = header.rows[1].cells
    find(cell_paragraphs(number_cell), "Số 11-KH/HU")
    place_date = find(cell_paragraphs(date_cell), "Định Hóa, ngày 15 tháng 9 năm 2022")
    assert all(r.italic for r in place_date.runs)


def test_party_signature_and_recipients(party):
    recipients, signature = party.tables[-1].rows[0].cells
    assert [p.text for p in cell_paragraphs(signature)] == [
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Phạm Chiên Thắng",
    ]
    heading = cell_paragraphs(recipients)[0]
    assert heading.text == "Nơi nhận:" and heading.runs[0].underline
    assert [p.text for p in cell_paragraphs(recipients)[1:]] == [
        "- Ban Dân vận Tỉnh ủy (để báo cáo),",
        "- Lưu văn phòng.",
    ]


def test_party_page_setup_matches_the_state_rules(party):
    section = party.sections[0]
    assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35)
    assert section.different_first_page_header_footer is True
    assert find(party.paragraphs, "KẾ HOẠCH").runs[0].font.size == Pt(16)


def test_official_letter_puts_the_summary_under_the_number():
    rendered = open_docx(render_docx(state_plan(doc_type="", symbol="UBND-NC"), "state"))
    number_cell = rendered.tables[0].rows[1].cells[0]
    assert [p.text for p in cell_paragraphs(number_cell)] == [
        "Số: 19/UBND-NC",
        "V/v Thực hiện công tác dân vận chính quyền năm 2020",
    ]
    assert "KẾ HOẠCH" not in [p.text for p in rendered.paragraphs]


def test_unregistered_draft_has_blank_number_and_date():
    rendered = open_docx(render_docx(state_plan(number="", issued_on=None), "state"))
    number, place_date = (cell_paragraphs(c)[0].text for c in rendered.tables[0].rows[1].cells)
    assert number.startswith("Số:") and number.endswith("/KH-UBND")
    assert not re.search(r"\d", number)
    assert place_date.startswith("Trà Vinh, ngày") and not re.search(r"\d", place_date)


def test_same_document_gives_same_bytes():
    assert render_docx(state_plan(), "state") == render_docx(state_plan(), "state")
    assert render_docx(party_plan(), "party") == render_docx(party_plan(), "party")
    assert render_docx(state_plan(), "state") != render_docx(state_plan(symbol="KH/UBND"), "party")


def test_unknown_format_is_a_validation_error():
    with pytest.raises(ValidationFailed) as raised:
        render_docx(state_plan(), "memo")
    assert raised.value.field == "format"


def test_a_twenty_page_document_renders():
    document = long_plan()
    rendered = open_docx(render_docx(document, DocumentFormat.STATE))
    texts = [p.text for p in rendered.paragraphs]
    items = [t for t in texts if t.startswith(("1. Nhiệm vụ", "2. Nhiệm vụ", "5. Nhiệm vụ"))]
    assert len(items) == 10 * 3
    assert sum(1 for t in texts if t.startswith("- Tiếp tục đổi mới")) == 10 * 5 * 2
    assert texts.count("X. NỘI DUNG SỐ 10") == 1
    words = sum(len(t.split()) for t in texts)
    assert words > 10_000  # about 500 words a page at 14 pt
