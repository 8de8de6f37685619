"""The plan-text parser on the artefacts of real-world copies: header tables flattened with pipes
or tabs, Party headers, lines wrapped mid-sentence or mid-code, "[bookmark: …]", "**bold**",
decomposed accents, a missing header; and on the phrases that carry units and deadlines."""

import datetime as dt
import json
import unicodedata

import pytest

from danvan.lib.plan_text import parse_plan
from danvan.lib.plan_text.deadlines import find_deadline

D = dt.date

BODY = """
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức về công tác dân vận.
II. NỘI DUNG
1. Tổ chức hội nghị quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ có trách nhiệm:
- Tổng hợp, báo cáo kết quả trước ngày 15/12/2020.
"""

STATE_HEADER = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TRÀ VINH | Độc lập - Tự do - Hạnh phúc
------- | ---------------
Số: 19/KH-UBND | Trà Vinh, ngày 06 tháng 4 năm 2020

KẾ HOẠCH
Triển khai thực hiện công tác dân vận chính quyền
năm 2020 trên địa bàn tỉnh
-----------
"""


def units(task) -> tuple[str, ...]:
    return tuple(
        n if r == "lead" else f"+{n}" for n, r in zip(task.responsible, task.roles, strict=True)
    )


def header_of(text: str) -> dict:
    h = parse_plan(text).header
    return {
        "issuer": h.issuer,
        "parent": h.issuer_parent,
        "number": h.number,
        "symbol": h.symbol,
        "place": h.place,
        "date": h.issued_on,
        "type": h.doc_type,
        "title": h.title,
    }


STATE = {
    "issuer": "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
    "parent": "",
    "number": "19",
    "symbol": "KH-UBND",
    "place": "Trà Vinh",
    "date": D(2020, 4, 6),
    "type": "KẾ HOẠCH",
    "title": "Triển khai thực hiện công tác dân vận chính quyền năm 2020 trên địa bàn tỉnh",
}


def test_a_header_table_flattened_with_pipes():
    draft = parse_plan(STATE_HEADER + BODY)
    assert header_of(STATE_HEADER + BODY) == STATE
    assert (draft.header.period_start, draft.header.period_end) == (2020, 2020)
    assert [s.numeral for s in draft.sections] == ["I", "II", "III"]


def test_the_same_header_as_a_markdown_table_or_with_tabs_or_one_cell_a_line():
    markdown = (
        "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
        "| TỈNH TRÀ VINH | Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 19/KH-UBND | Trà Vinh, ngày 06 tháng 4 năm 2020 |\n"
    )
    tabs = STATE_HEADER.split("KẾ")[0].replace(" | ", "\t\t")
    stacked = (
        "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\n-------\nSố: 19/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Trà Vinh, ngày 06 tháng 4 năm 2020\n"
    )
    title = "\nKẾ HOẠCH\nTriển khai thực hiện công tác dân vận chính quyền\nnăm 2020 trên địa bàn tỉnh\n"
    for top in (markdown, tabs, stacked):
        assert header_of(top + title + BODY) == STATE, top


def test_a_party_header_with_its_star_and_number_without_colon():
    text = (
        "ĐẢNG BỘ TỈNH QUẢNG TRỊ | ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "HUYỆN ỦY GIO LINH |\n"
        "* | Gio Linh, ngày 15 tháng 3 năm 2023\n"
        "Số 11-KH/HU |\n\n"
        "KẾ HOẠCH\nthực hiện phong trào thi đua “Dân vận khéo” năm 2023\n\n" + BODY
    )
    assert header_of(text) == {
        "issuer": "HUYỆN ỦY GIO LINH",
        "parent": "ĐẢNG BỘ TỈNH QUẢNG TRỊ",
        "number": "11",
        "symbol": "KH/HU",
        "place": "Gio Linh",
        "date": D(2023, 3, 15),
        "type": "KẾ HOẠCH",
        "title": "thực hiện phong trào thi đua “Dân vận khéo” năm 2023",
    }


def test_an_agency_under_its_parent_and_a_draft_without_number_or_day():
    text = (
        "UBND TỈNH QUẢNG TRỊ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc\n"
        "Số:      /KH-SNV | Quảng Trị, ngày    tháng   năm 2024\n"
        "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2024\n" + BODY
    )
    h = header_of(text)
    assert (h["issuer"], h["parent"]) == ("SỞ NỘI VỤ", "UBND TỈNH QUẢNG TRỊ")
    assert (h["number"], h["symbol"], h["place"], h["date"]) == ("", "KH-SNV", "Quảng Trị", None)


def test_a_title_followed_by_the_preamble_without_a_blank_line():
    text = (
        "KẾ HOẠCH\nVề việc triển khai công tác dân vận\nchính quyền năm 2023\n"
        "Thực hiện Chương trình công tác năm 2023, Ủy ban nhân dân xã ban hành Kế hoạch như sau:\n"
        + BODY
    )
    draft = parse_plan(text)
    assert draft.header.title == "Về việc triển khai công tác dân vận chính quyền năm 2023"
    assert draft.preamble == [
        "Thực hiện Chương trình công tác năm 2023, Ủy ban nhân dân xã ban hành Kế hoạch như sau:"
    ]


def test_a_missing_header_leaves_the_fields_empty():
    draft = parse_plan(BODY)
    assert header_of(BODY) == dict.fromkeys(STATE, "") | {"date": None}
    assert draft.header.period_start is None
    assert len(draft.tasks) == 2


def test_words_and_codes_broken_across_lines():
    text = (
        "UBND TỈNH QUẢNG TRỊ\nSố: 45/KH-\nUBND\n\nKẾ HOẠCH\nCông tác dân vận năm 2021\n\n"
        "III. TỔ CHỨC\nTHỰC HIỆN\n"
        "1. Sở Nội\nvụ có trách nhiệm:\n"
        "- Tổng hợp báo cáo của các sở, ngành và gửi UBND tỉnh trước ngày\n01/11/2021 để\n"
        "theo dõi.\n"
        "2. Thanh tra tỉnh chủ trì, phối hợp với Ban Dân vận Tỉnh ủy kiểm tra\nviệc tiếp công "
        "dân.\n"
    )
    draft = parse_plan(text)
    assert (draft.header.number, draft.header.symbol) == ("45", "KH-UBND")
    assert [(s.numeral, s.title) for s in draft.sections] == [("III", "TỔ CHỨC THỰC HIỆN")]
    first, second = draft.tasks
    assert units(first) == ("Sở Nội vụ",)
    assert first.content.endswith("trước ngày 01/11/2021 để theo dõi.")
    assert first.deadline.date == D(2021, 11, 1)
    assert units(second) == ("Thanh tra tỉnh", "+Ban Dân vận Tỉnh ủy")


def test_a_hard_wrapped_text_joins_lines_that_start_with_a_capital():
    lines = [  # a PDF copy wrapped at about 55 columns
        "- Giao Sở Nội vụ chủ trì, phối hợp với Ban Dân vận",
        "Tỉnh ủy và các cơ quan có liên quan tổ chức kiểm tra",
        "việc thực hiện công tác dân vận chính quyền tại các xã,",
        "phường, đặc khu; tổng hợp kết quả và báo cáo Ủy ban",
        "Nhân dân tỉnh trước ngày 30/11/2024.",
        *["- Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở."] * 6,
    ]
    task = parse_plan("II. NHIỆM VỤ\n" + "\n".join(lines)).tasks[0]
    assert task.content == " ".join(lines[:5])[2:]
    assert units(task) == ("Sở Nội vụ", "+Ban Dân vận Tỉnh ủy", "+các cơ quan có liên quan")
    assert task.deadline.date == D(2024, 11, 30)


def test_bookmarks_bold_markers_and_decomposed_accents_are_ignored():
    text = (
        "**KẾ HOẠCH**\nVề công tác dân vận năm 2023\n\n"
        "[bookmark: _GoBack]II. NỘI DUNG\n"
        "1. Tổ chức [bookmark: x]tuyên truyền.\n"
        "[bookmark: _Hlk1]III. TỔ CHỨC THỰC HIỆN\n"
        "1. Đề nghị Mặt trận Tổ quốc và các đoàn thể phối hợp thực hiện.\n"
    )
    for variant in (text, unicodedata.normalize("NFD", text), text.replace("\n", "\r\n")):
        draft = parse_plan(variant)
        assert draft.header.doc_type == "KẾ HOẠCH"
        assert draft.header.title == "Về công tác dân vận năm 2023"
        assert [(s.numeral, s.title) for s in draft.sections] == [
            ("II", "NỘI DUNG"),
            ("III", "TỔ CHỨC THỰC HIỆN"),
        ]
        assert draft.tasks[0].content == "Tổ chức tuyên truyền."
        assert units(draft.tasks[1]) == ("Mặt trận Tổ quốc", "các đoàn thể")


def test_units_from_headings_labels_and_sentences():
    text = """III. TỔ CHỨC THỰC HIỆN
1. Đối với các sở, ban, ngành
- Quán triệt kế hoạch đến cán bộ, công chức.
2. Sở Thông tin và Truyền thông, Báo Quảng Trị, Đài Phát thanh và Truyền hình tỉnh:
Chủ động tuyên truyền về công tác dân vận.
3. Công an tỉnh: Nắm tình hình, kịp thời xử lý các vụ việc phức tạp.
4. Sở Tư pháp chủ trì, phối hợp với Thanh tra tỉnh và UBND các xã hướng dẫn việc hòa giải.
5. Đề nghị Ủy ban MTTQ Việt Nam tỉnh:
a) Giám sát việc thực hiện kế hoạch.
b) Tổng hợp ý kiến của Nhân dân.
6. Về công tác tuyên truyền: Tập trung tuyên truyền trên báo, đài.
"""
    got = [units(t) for t in parse_plan(text).tasks]
    assert got == [
        ("các sở, ban, ngành",),
        ("Sở Thông tin và Truyền thông", "Báo Quảng Trị", "Đài Phát thanh và Truyền hình tỉnh"),
        ("Công an tỉnh",),
        ("Sở Tư pháp", "+Thanh tra tỉnh", "+UBND các xã"),
        ("Ủy ban MTTQ Việt Nam tỉnh",),
        ("Ủy ban MTTQ Việt Nam tỉnh",),
        (),  # a topic label, not a unit
    ]


def test_attribute_lines_give_units_deadline_and_output_instead_of_tasks():
    text = """II. NHIỆM VỤ
1. Tổ chức hội nghị sơ kết công tác dân vận chính quyền.
- Cơ quan chủ trì: Sở Nội vụ.
- Cơ quan phối hợp: Sở Tư pháp, Thanh tra tỉnh.
- Thời gian thực hiện: quý III/2024.
- Sản phẩm: Báo cáo sơ kết.
2. Bổ sung quy chế phối hợp.
"""
    first, second = parse_plan(text).tasks
    assert units(first) == ("Sở Nội vụ", "+Sở Tư pháp", "+Thanh tra tỉnh")
    assert (first.deadline.kind, first.deadline.date) == ("date", D(2024, 9, 30))
    assert first.expected_output == "Báo cáo sơ kết"
    assert (second.content, units(second)) == ("Bổ sung quy chế phối hợp.", ())


def test_a_task_table_flattened_with_pipes():
    text = """II. NHIỆM VỤ CỤ THỂ
STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
I | Công tác tuyên truyền | | |
1 | Tuyên truyền Chỉ thị số 33/CT-TTg | Sở Thông tin và Truyền thông | Báo Quảng Trị | Quý II/2024
 | trên các phương tiện thông tin đại chúng | | |
2 | Kiểm tra công tác dân vận chính quyền | Sở Nội vụ | Các sở, ngành | trước ngày 15/11/2024
"""
    first, second = parse_plan(text).tasks
    assert first.content == (
        "Tuyên truyền Chỉ thị số 33/CT-TTg\ntrên các phương tiện thông tin đại chúng"
    )
    assert units(first) == ("Sở Thông tin và Truyền thông", "+Báo Quảng Trị")
    assert first.group == "I Công tác tuyên truyền"
    assert first.deadline.date == D(2024, 6, 30)
    assert units(second) == ("Sở Nội vụ", "+Các sở, ngành")
    assert second.deadline.date == D(2024, 11, 15)


def test_purposes_closings_recipients_and_signature_are_not_tasks():
    text = (
        STATE_HEADER
        + BODY
        + "Trên đây là Kế hoạch thực hiện công tác dân vận năm 2020./.\n"
        + "Nơi nhận: | TM. ỦY BAN NHÂN DÂN\n- Bộ Nội vụ; | KT. CHỦ TỊCH\n"
        + "- Lưu: VT, NC. | PHÓ CHỦ TỊCH\n | (Đã ký)\n | Nguyễn Văn Hai\n"
    )
    draft = parse_plan(text)
    assert [t.content for t in draft.tasks] == [
        "Tổ chức hội nghị quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.",
        "Tổng hợp, báo cáo kết quả trước ngày 15/12/2020.",
    ]
    h = draft.header
    assert (h.signature_mode, h.signer_position, h.signer_name) == (
        "TM.",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Hai",
    )
    assert h.recipients == "Bộ Nội vụ\nLưu: VT, NC"
    assert draft.sections[0].paragraphs == [
        "1. Nâng cao nhận thức của cán bộ, công chức về công tác dân vận."
    ]
    assert draft.tasks[0].deadline.kind == "none"  # a citation's date is not a deadline


def test_a_tab_after_an_item_marker_is_not_a_column():
    draft = parse_plan("II. NỘI DUNG\n1.\tTuyên truyền.\n2.\tKiểm tra.\n-\tBáo cáo.\n")
    assert [(t.label, t.content) for t in draft.tasks] == [
        ("1.", "Tuyên truyền."),
        ("2.", "Kiểm tra."),
        ("-", "Báo cáo."),
    ]


def test_arabic_numbered_sections_when_there_are_no_roman_numerals():
    text = "1. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n2. NỘI DUNG\n- Tuyên truyền.\n- Kiểm tra.\n"
    draft = parse_plan(text)
    assert [(s.numeral, s.title, len(s.tasks)) for s in draft.sections] == [
        ("1", "MỤC ĐÍCH, YÊU CẦU", 0),
        ("2", "NỘI DUNG", 2),
    ]


def test_empty_and_junk_text_give_an_empty_draft():
    for text in ("", "   \n\n", "Xin chào"):
        draft = parse_plan(text)
        assert draft.tasks == [] and draft.header.doc_type == ""
        json.dumps(draft.to_dict())


@pytest.mark.parametrize(
    ("phrase", "year", "kind", "date", "recurring"),
    [
        (
            "báo cáo về Sở Nội vụ trước ngày 01/11/2015 để tổng hợp",
            None,
            "date",
            D(2015, 11, 1),
            [],
        ),
        ("hoàn thành chậm nhất ngày 15 tháng 12 năm 2023", None, "date", D(2023, 12, 15), []),
        ("báo cáo trước ngày 15/12", 2024, "date", D(2024, 12, 15), []),
        ("báo cáo trước ngày 15/12", None, "none", None, []),
        (
            "Định kỳ 6 tháng (10/6), một năm (01/11) báo cáo",
            None,
            "recurring",
            None,
            [(10, 6), (1, 11)],
        ),
        ("hằng năm, trước ngày 15/12 báo cáo kết quả", None, "recurring", None, [(15, 12)]),
        ("Hằng năm tổ chức đăng ký mô hình", None, "none", None, []),
        ("tổ chức trong quý II", 2024, "date", D(2024, 6, 30), []),
        ("tổ chức trong quý II", None, "none", None, []),
        ("kiểm tra trong 6 tháng đầu năm 2024", None, "date", D(2024, 6, 30), []),
        ("hoàn thành trong tháng 6/2024", None, "date", D(2024, 6, 30), []),
        ("trình trước tháng 3/2024", None, "date", D(2024, 2, 29), []),
        ("theo Chỉ thị số 33/CT-TTg ngày 26/11/2021", 2024, "none", None, []),
        ("trước ngày 31/02/2024", None, "none", None, []),
    ],
)
def test_deadline_phrases(phrase, year, kind, date, recurring):
    found = find_deadline(phrase, year)
    assert (found.kind, found.date, found.recurring) == (kind, date, recurring)
    if kind != "none" or "ằng năm" in phrase or "quý" in phrase:
        assert found.text and found.text.lower() in phrase.lower()
