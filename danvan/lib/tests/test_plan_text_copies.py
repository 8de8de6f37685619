"""The plan-text parser on the ways real copies break a document (issue 17). Every snippet is
made up for the test; each reproduces one pattern seen in texts copied from portals, legal
libraries and news pages."""

import datetime as dt

from danvan.lib.plan_text import parse_plan

D = dt.date

BODY = """
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ về công tác dân vận.
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì tổng hợp, báo cáo kết quả trước ngày 15/12/2024.
"""


def fields(text: str) -> dict:
    h = parse_plan(text).header
    return {
        "issuer": h.issuer,
        "co_issuers": h.co_issuers,
        "parent": h.issuer_parent,
        "number": h.number,
        "symbol": h.symbol,
        "place": h.place,
        "date": h.issued_on,
        "type": h.doc_type,
        "title": h.title,
        "period": (h.period_start, h.period_end),
    }


def test_a_motto_broken_after_its_first_word_is_not_the_issuer():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do -\nHạnh phúc\n|\nSố: 07/KH-UBND\n|\nHòa An, ngày 02 tháng 3 năm 2024\n|\n"
        "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2024\n" + BODY
    )
    got = fields(text)
    assert (got["issuer"], got["parent"]) == ("ỦY BAN NHÂN DÂN XÃ HÒA AN", "")
    assert (got["number"], got["symbol"], got["date"]) == ("07", "KH-UBND", D(2024, 3, 2))


def test_a_place_and_date_split_over_lines_and_a_place_split_inside_its_name():
    split_date = "UBND TỈNH HÀ GIANG\nSố: 12/KH-UBND\nHà Giang, ngày 21\ntháng 3 năm 2024\n"
    split_place = "UBND TỈNH SƠN LA\nSố: 12/KH-UBND\nSơn\nLa, ngày 21 tháng 3\nnăm 2024\n"
    for top, place in ((split_date, "Hà Giang"), (split_place, "Sơn La")):
        draft = parse_plan(top + "KẾ HOẠCH\nCông tác dân vận năm 2024\n" + BODY)
        assert (draft.header.place, draft.header.issued_on) == (place, D(2024, 3, 21))
        assert draft.header.confidence["place"] == "low"  # put back together: to be checked
        assert draft.header.confidence["number"] == "high"


def test_a_thuc_hien_preamble_under_the_title_is_not_swallowed():
    text = (
        "KẾ HOẠCH\nTriển khai công tác dân vận\nnăm 2024 trên địa bàn xã\n"
        "Thực hiện Kế hoạch số 15-KH/HU ngày 10/01/2024 của Ban Thường vụ Huyện ủy, Ủy ban nhân "
        "dân xã ban hành Kế hoạch triển khai công tác dân vận năm 2024 với các nội dung sau\n"
        + BODY
    )
    draft = parse_plan(text)
    assert draft.header.title == "Triển khai công tác dân vận năm 2024 trên địa bàn xã"
    assert (draft.header.period_start, draft.header.period_end) == (2024, 2024)
    assert draft.preamble[0].startswith("Thực hiện Kế hoạch số 15-KH/HU")
    assert draft.legal_bases == ["15-KH/HU"]


def test_web_page_chrome_breadcrumbs_and_posting_dates_are_not_the_header():
    text = (
        "TRANG CHỦ > VĂN BẢN > HƯỚNG DẪN\n"
        "Ngày đăng: Thứ Hai, 04/3/2024 - 08:15\n"
        "Thứ Hai, ngày 04/03/2024 08:15\n"
        "Lượt xem: 120\n\n"
        "ĐẢNG BỘ TỈNH HÒA BÌNH\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nSố 14-HD/BTGDVTU\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nHòa Bình, ngày 28 tháng 02 năm 2024\n\n"
        "HƯỚNG DẪN\nxây dựng mô hình “Dân vận khéo” năm 2024\n-----\n" + BODY
    )
    got = fields(text)
    assert got["issuer"] == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert got["parent"] == "ĐẢNG BỘ TỈNH HÒA BÌNH"
    assert (got["number"], got["symbol"]) == ("14", "HD/BTGDVTU")
    assert (got["place"], got["date"]) == ("Hòa Bình", D(2024, 2, 28))
    assert (got["type"], got["title"]) == ("HƯỚNG DẪN", "xây dựng mô hình “Dân vận khéo” năm 2024")


def test_a_sentence_with_a_date_in_prose_is_no_place_and_date():
    text = (
        "Qua 3 năm thực hiện Đề án số 05-ĐA/HU, ngày 12/5/2021 của Ban Thường vụ Huyện ủy về "
        "xây dựng xã kiểu mẫu, các xã đã hoàn thành nhiều tiêu chí.\n\n"
        "Thứ Sáu, ngày 03/10/2025 15:25 GMT+7\n"
    )
    draft = parse_plan(text)
    assert (draft.header.place, draft.header.issued_on) == ("", None)
    [citation] = draft.citations
    assert (citation.code, citation.date) == ("05-ĐA/HU", D(2021, 5, 12))
    assert citation.issuer == "Ban Thường vụ Huyện ủy"


def test_other_document_types_give_type_title_and_period():
    cases = {
        "QUY CHẾ": "phối hợp công tác giai đoạn 2021-2026",
        "HƯỚNG DẪN": "thực hiện Quy chế dân chủ năm 2023",
        "ĐỀ ÁN": "nâng cao chất lượng công tác dân vận giai đoạn 2022 - 2025",
        "CHƯƠNG TRÌNH": "hoạt động toàn khóa nhiệm kỳ 2024 - 2029",
    }
    for doc_type, title in cases.items():
        got = fields(f"ỦY BAN MTTQ VIỆT NAM\nHUYỆN AN LÃO\n\n{doc_type}\n{title}\n\n" + BODY)
        assert (got["type"], got["title"]) == (doc_type, title)
        assert got["period"][0] is not None


def test_a_decision_issuing_a_rule_has_its_type_title_authority_and_articles():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\nSố: 1020/QĐ-UBND\nYên Bái, ngày 03 tháng 6 năm 2024\n"
        "QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI\n"
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 3. Chánh Văn phòng UBND tỉnh, các thành viên Ban Chỉ đạo chịu trách nhiệm thi "
        "hành Quyết định này./.\n"
    )
    draft = parse_plan(text)
    h = draft.header
    assert (h.doc_type, h.issuer) == ("QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
    assert h.title == "BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ"
    assert [(s.numeral, s.title) for s in draft.sections] == [
        ("Điều 1", ""),
        ("Điều 2", ""),
        ("Điều 3", ""),
    ]
    assert draft.tasks == []  # issuing, entry into force, execution: no work to track
    [law] = draft.citations
    assert (law.doc_type, law.code, law.date) == ("Luật", "10/2022/QH15", D(2022, 11, 10))


def test_a_header_that_lost_its_territory_is_completed_from_the_authority_line():
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 45/2024/QĐ-UBND | Cần Thơ, ngày 09 tháng 10 năm 2024 |\n"
        "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC DÂN VẬN\n"
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    h = parse_plan(text).header
    assert h.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"
    assert h.confidence["issuer"] == "low"
    assert h.title == "BAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC DÂN VẬN"


def test_a_plan_named_only_in_a_title_line_gives_its_number_and_date():
    text = (
        "Kế hoạch số 31-KH/BTGDVTU ngày 15/3/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy về "
        "thực hiện phong trào thi đua “Dân vận khéo” năm 2025\n\n"
        "Căn cứ Chỉ thị số 11-CT/TU ngày 08/8/2022 của Ban Thường vụ Tỉnh ủy;\n" + BODY
    )
    draft = parse_plan(text)
    h = draft.header
    assert (h.doc_type, h.number, h.symbol, h.issued_on) == (
        "KẾ HOẠCH",
        "31",
        "KH/BTGDVTU",
        D(2025, 3, 15),
    )
    assert h.issuer == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert h.title.startswith("về thực hiện phong trào thi đua")
    assert (h.period_start, h.period_end) == (2025, 2025)
    assert [c.code for c in draft.citations] == ["11-CT/TU"]  # not a citation of itself
    assert all(h.confidence[f] == "low" for f in ("number", "issued_on", "issuer", "title"))


def test_a_joint_header_keeps_both_bodies_and_the_joint_symbol():
    text = (
        "ỦY BAN NHÂN DÂN\nỦY BAN MTTQ VIỆT NAM\nHUYỆN ĐÔNG ANH\n-------\n|\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 03/CTrPH/UBND-MTTQ\n|\n"
        "Đông Anh, ngày 05 tháng 01 năm 2024\n|\nCHƯƠNG TRÌNH PHỐI HỢP\n"
        "thực hiện công tác dân vận năm 2024\n" + BODY
    )
    got = fields(text)
    assert (got["issuer"], got["co_issuers"]) == (
        "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH",
        ["ỦY BAN MTTQ VIỆT NAM HUYỆN ĐÔNG ANH"],
    )
    assert (got["number"], got["symbol"]) == ("03", "CTrPH/UBND-MTTQ")
    assert got["type"] == "CHƯƠNG TRÌNH PHỐI HỢP"


def test_an_issuer_name_broken_over_lines_and_a_party_header_laid_out_with_spaces():
    broken = (
        "UỶ BAN NHÂN\nDÂN\nTỈNH LAI CHÂU\nSố:\n88/KH-UBND\nLai Châu, ngày\n"
        "05 tháng 6 năm 2024\nKẾ HOẠCH\nCông tác dân vận năm 2024\n" + BODY
    )
    got = fields(broken)
    assert (got["issuer"], got["number"], got["symbol"]) == (
        "UỶ BAN NHÂN DÂN TỈNH LAI CHÂU",
        "88",
        "KH-UBND",
    )
    assert got["date"] == D(2024, 6, 5)
    spaced = (
        "      ĐẢNG ỦY XÃ TÂN AN              ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ       Tân An, ngày 04 tháng 12 năm 2024\n"
        "    CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG\n            QUẦN CHÚNG\n              *\n"
        "        Số 09-KH/BCĐ\n\nKẾ HOẠCH\nlàm công tác dân vận năm 2025\n" + BODY
    )
    got = fields(spaced)
    assert got["issuer"] == "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG QUẦN CHÚNG"
    assert got["parent"] == "ĐẢNG ỦY XÃ TÂN AN"
    assert (got["number"], got["place"], got["date"]) == ("09", "Tân An", D(2024, 12, 4))


def test_a_page_title_naming_the_plan_before_its_header_is_not_the_type_line():
    text = (
        "Truy cập\nHôm nay:\n65\n\n"
        "KẾ HOẠCH Thông tin, tuyên truyền về bầu cử năm 2026\n\nNgày 06/04/2026 23:23:18\n\n"
        "UBND XÃ PHÚ XUÂN\nSố: 21/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Phú Xuân, ngày 18 tháng 02 năm 2026\n\nKẾ HOẠCH\nThông tin, tuyên truyền về bầu cử\n"
        + BODY
    )
    got = fields(text)
    assert (got["issuer"], got["number"], got["date"]) == (
        "UBND XÃ PHÚ XUÂN",
        "21",
        D(2026, 2, 18),
    )
    assert got["title"] == "Thông tin, tuyên truyền về bầu cử"


def test_chapter_and_article_layouts_and_numbered_principles_are_not_tasks():
    text = (
        "QUY CHẾ\nhoạt động của Ban Chỉ đạo phong trào “Dân vận khéo” huyện\n\n"
        "Chương I\nNHỮNG QUY ĐỊNH\nCHUNG\n"
        "Điều 1. Phạm vi,\nđối tượng áp dụng\n"
        "1. Quy chế này quy định nguyên tắc làm việc của Ban Chỉ đạo.\n"
        "2. Ban Chỉ đạo hoạt động theo chế độ kiêm nhiệm, chịu sự lãnh đạo của Huyện ủy.\n"
        "Chương II\nTRÁCH NHIỆM CỦA CÁC THÀNH VIÊN\n"
        "Điều 2. Trách nhiệm của Trưởng ban\n"
        "1. Ban Dân vận Huyện ủy chủ trì tổng hợp kết quả, báo cáo trước ngày 30/11/2024.\n"
    )
    draft = parse_plan(text)
    assert [(s.numeral, s.title) for s in draft.sections] == [
        ("Chương I", "NHỮNG QUY ĐỊNH CHUNG"),
        ("Chương II", "TRÁCH NHIỆM CỦA CÁC THÀNH VIÊN"),
    ]
    assert draft.sections[0].tasks == []
    [task] = draft.tasks
    assert (task.lead_units, task.deadline.date) == (["Ban Dân vận Huyện ủy"], D(2024, 11, 30))


def test_a_numbered_principle_in_a_plan_is_no_task():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Ban Chỉ đạo hoạt động theo chế độ kiêm nhiệm, có 9 thành viên.\n"
        "2. Ban Chỉ đạo gồm 9 thành viên do Phó Bí thư làm Trưởng ban.\n"
        "3. Văn phòng Huyện ủy chủ trì tổ chức hội nghị sơ kết.\n"
    )
    draft = parse_plan(text)
    assert [t.content for t in draft.tasks] == [
        "Văn phòng Huyện ủy chủ trì tổ chức hội nghị sơ kết."
    ]
    assert len(draft.sections[0].paragraphs) == 2


def test_parts_are_sections_above_roman_numerals():
    text = (
        "PHẦN I\nĐÁNH GIÁ KẾT QUẢ\nNĂM 2023\nI. KẾT QUẢ\nĐã tổ chức 12 hội nghị.\n"
        "Phần thứ hai: NHIỆM VỤ NĂM 2024\nI. NHIỆM VỤ\n1. Tổ chức hội nghị.\n"
    )
    draft = parse_plan(text)
    assert [(s.numeral, s.title) for s in draft.sections] == [
        ("Phần I", "ĐÁNH GIÁ KẾT QUẢ NĂM 2023"),
        ("I", "KẾT QUẢ"),
        ("Phần II", "NHIỆM VỤ NĂM 2024"),
        ("I", "NHIỆM VỤ"),
    ]


def test_deadlines_and_units_in_prose():
    text = (
        "Theo kế hoạch, cấp xã hoàn thành trong tháng 5/2024; cấp tỉnh tổng kết trước ngày "
        "30/6/2024. Đại hội MTTQ các xã hoàn thành trước tháng 3.2025, Ban Thường trực Ủy ban "
        "MTTQ huyện chọn xã Vĩnh Phú làm điểm vào tháng 12/2024.\n\n"
        "Ban Thường vụ Huyện ủy đánh giá cao kết quả năm qua.\n"
    )
    got = [(t.lead_units, t.deadline.date, t.deadline.text) for t in parse_plan(text).tasks]
    assert got == [
        (["cấp xã"], D(2024, 5, 31), "hoàn thành trong tháng 5/2024"),
        (["cấp tỉnh"], D(2024, 6, 30), "trước ngày 30/6/2024"),
        (["MTTQ các xã"], D(2025, 2, 28), "trước tháng 3.2025"),
        (["Ban Thường trực Ủy ban MTTQ huyện"], D(2024, 12, 31), "vào tháng 12/2024"),
    ]  # a sentence with a unit but no date assigns nothing


def test_confidence_is_high_for_a_clean_header_and_empty_fields_have_none():
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH TRÀ VINH | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 19/KH-UBND | Trà Vinh, ngày 06 tháng 4 năm 2020\n\n"
        "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2020\n" + BODY
    )
    header = parse_plan(text).header
    assert set(header.to_dict()["confidence"].values()) == {"high"}
    assert header.uncertain() == []
    assert "issuer" not in parse_plan(BODY).header.to_dict()["confidence"]


def test_a_legal_library_page_without_header_reads_its_metadata_block():
    text = (
        "Nghị quyết 12/2025/NQ-HĐND Bắc Ninh biện pháp dân chủ cơ sở\n• Thuộc tính\n• Nội dung\n"
        "Nghị quyết 12/2025/NQ-HĐND của Hội đồng nhân dân tỉnh Bắc Ninh quy định các biện pháp "
        "thực hiện dân chủ ở cơ sở\n"
        "Cơ quan ban hành: Hội đồng nhân dân tỉnh Bắc NinhSố công báo:Đang cập nhật\n"
        "Số hiệu:12/2025/NQ-HĐNDNgày đăng công báo:Đang cập nhật\n"
        "Loại văn bản:Nghị quyếtNgười ký:Nguyễn Văn A\nNgày ban hành:18/04/2025\n"
    )
    draft = parse_plan(text)
    got = fields(text)
    assert (got["type"], got["number"], got["symbol"], got["date"]) == (
        "NGHỊ QUYẾT",
        "12",
        "2025/NQ-HĐND",
        D(2025, 4, 18),
    )
    assert got["issuer"] == "Hội đồng nhân dân tỉnh Bắc Ninh"
    assert got["title"] == "quy định các biện pháp thực hiện dân chủ ở cơ sở"
    assert draft.citations == []  # the page names its own document, it does not cite it
    assert draft.header.confidence["number"] == "low"


def test_an_ordinance_with_capital_so_an_ocr_type_and_a_chapter_title_after_a_blank_line():
    ordinance = (
        "UỶ BAN THƯỜNG VỤ\nQUỐC HỘI\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "SỐ 07/2024/PL-UBTVQH15\n\nHà Nội, ngày 20 tháng 4 năm 2024\n\nPHÁP LỆNH\n\n"
        "VỀ TIẾP CÔNG DÂN\n\nChương 1:\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
        "Pháp lệnh này quy định việc tiếp công dân.\n"
    )
    draft = parse_plan(ordinance)
    got = fields(ordinance)
    assert (got["issuer"], got["parent"], got["number"], got["symbol"]) == (
        "UỶ BAN THƯỜNG VỤ QUỐC HỘI",
        "",
        "07",
        "2024/PL-UBTVQH15",
    )
    assert (got["type"], got["title"]) == ("PHÁP LỆNH", "VỀ TIẾP CÔNG DÂN")
    assert [(s.numeral, s.title) for s in draft.sections] == [("Chương 1", "NHỮNG QUY ĐỊNH CHUNG")]
    conclusion = (
        "TỈNH ỦY AN GIANG\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 21-KL/TƯ\n"
        "An Giang, ngày 13 tháng 5 năm 2024\nK ÉT LUẬN\nHỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH\n"
        "về xây dựng kết cấu hạ tầng đến năm 2025,\nđịnh hướng đến năm 2030\n"
        "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh họp\nngày 26/4/2024 và kết luận:\n"
        "I. ĐÁNH GIÁ TÌNH HÌNH\nHạ tầng phát triển nhanh.\n"
    )
    got = fields(conclusion)
    assert (got["type"], got["symbol"], got["period"]) == ("KẾT LUẬN", "KL/TƯ", (None, None))
    assert got["title"] == (
        "HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH về xây dựng kết cấu hạ tầng đến năm 2025, "
        "định hướng đến năm 2030"
    )


def test_a_decision_whose_type_line_was_lost_and_a_byline_that_is_no_section():
    text = (
        "- 1 Nghị định 79/2003/NĐ-CP Quy chế thực hiện dân chủ ở xã\n"
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 47/2005/QĐ-UBND | Đồng Hới, ngày 08 tháng 9 năm 2005 |\n"
        "VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ BẦU TRƯỞNG THÔN\nỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\n"
        "Căn cứ Nghị định số 79/2003/NĐ-CP ngày 07/7/2003 của Chính phủ;\nQUYẾT ĐỊNH\n"
        "Điều 1. Ban hành kèm theo Quyết định này bản Quy định.\n"
    )
    draft = parse_plan(text)
    got = fields(text)
    assert (got["type"], got["title"], got["issuer"], got["parent"]) == (
        "QUYẾT ĐỊNH",
        "VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ BẦU TRƯỞNG THÔN",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH",
        "",
    )
    assert draft.header.confidence["doc_type"] == "low"
    [decree] = draft.citations  # the related-documents list above the header counts too
    assert (decree.code, decree.date, decree.issuer) == (
        "79/2003/NĐ-CP",
        D(2003, 7, 7),
        "Chính phủ",
    )
    news = "Tin nổi bật\n\nV.Mạnh\n\nBan Thường trực hướng dẫn tổ chức Ngày hội.\n"
    assert [(s.numeral, s.title) for s in parse_plan(news).sections] == [("", "")]
