"""Citations as copies really write them (issue 17); every snippet is made up for the test."""

import datetime as dt

import pytest

from danvan.lib.citations import find_citations
from danvan.lib.plan_text import parse_plan

D = dt.date


def one(text: str):
    [citation] = find_citations(text)
    return citation


def test_a_date_written_before_the_number_is_attached_with_the_issuer():
    c = one(
        "Ngày 03/4/2021, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 22-CT/TU về đẩy mạnh "
        "phong trào thi đua “Dân vận khéo”."
    )
    assert (c.code, c.date, c.issuer) == ("22-CT/TU", D(2021, 4, 3), "Ban Thường vụ Tỉnh ủy")
    c = one("Ngày 24-10, UBND tỉnh có văn bản số 4912/UBND-NC về việc thi đua.")
    assert (c.code, c.date, c.issuer) == ("4912/UBND-NC", None, "UBND tỉnh")  # no year: no date


def test_an_issuer_named_before_the_document():
    c = one("Theo đề nghị của Giám đốc Sở\nNội vụ tại Tờ trình số 446/TTr-SNV ngày 01/6/2024.")
    assert (c.issuer, c.date) == ("Giám đốc Sở Nội vụ", D(2024, 6, 1))
    c = one("Thực hiện chỉ đạo của UBND tỉnh tại văn bản số 238/UBND-KGVX ngày 19/3/2024;")
    assert c.issuer == "UBND tỉnh"


def test_joint_issuers_after_giua():
    c = one(
        "Quy chế phối hợp số 01-QCPH/UBND-BDVTU ngày 29/5/2015 giữa Ban Dân vận Tỉnh ủy với "
        "Ủy ban nhân dân tỉnh về thực hiện công tác dân vận"
    )
    assert c.issuer == "Ban Dân vận Tỉnh ủy với Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kế hoạch số 215 - KH/TU ngày 02/3/2024 của Tỉnh ủy", "215-KH/TU"),
        ("Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011 của Ban Bí thư", "298-KH/TWĐTN"),
        (
            "Chương trình số 161-CTr/BCSĐ UBND-BDVTU ngày 28/12/2016 của Ban cán sự đảng",
            "161-CTr/BCSĐUBND-BDVTU",
        ),
        ("Thông tư số 04/2021/TT- TTCP ngày 01/10/2021 của Thanh tra Chính phủ", "04/2021/TT-TTCP"),
        ("Quyết định số 12/QÐ-UBND ngày 05/01/2024 của UBND tỉnh", "12/QĐ-UBND"),  # Ð U+00D0
    ],
)
def test_spaces_in_and_around_symbols_and_look_alike_letters(text, code):
    c = one(text)
    assert c.code == code
    assert c.date is not None and c.issuer


def test_a_dash_between_years_is_still_no_symbol():
    assert find_citations("Kế hoạch 2021 - 2025 của tỉnh") == []


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ 6 Ban Chấp hành Trung "
            "ương khóa XII về một số vấn đề",
            "Hội nghị lần thứ 6 Ban Chấp hành Trung ương khóa XII",
        ),
        ("Công văn số 197/STTTT ngày 02/2/2021 của Sở Thông tin và Truyền thông;", None),
        (
            "Công văn số 628/BNN-TT ngày 21/01/2020 của Bộ Nông nghiệp và Phát triển nông thôn "
            "về việc báo cáo",
            "Bộ Nông nghiệp và Phát triển nông thôn",
        ),
        (
            "Kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo Quy chế dân chủ cơ sở và công "
            "tác vận động quần chúng huyện Tân Biên về phối hợp",
            "Ban chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng huyện Tân Biên",
        ),
        (
            "Nghị quyết số 26/2022/UBTVQH15 ngày 21/9/2022 của Ủy ban Thường vụ Quốc hội sửa "
            "đổi, bổ sung một số điều",
            "Ủy ban Thường vụ Quốc hội",
        ),
        (
            "Kế hoạch số 09-KH/UBND ngày 05/01/2024 của Ủy ban nhân dân huyện triển khai công tác",
            "Ủy ban nhân dân huyện",
        ),
    ],
)
def test_issuers_neither_run_on_nor_stop_early(text, issuer):
    assert one(text).issuer == (issuer or "Sở Thông tin và Truyền thông")


def test_a_law_named_before_its_number():
    c = one("Căn cứ Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013;")
    assert (c.doc_type, c.number, c.symbol, c.date) == ("Luật", "42", "2013/QH13", D(2013, 11, 25))


def test_a_document_cited_twice_keeps_the_richer_mention_and_the_proper_issuer():
    text = (
        "KẾ HOẠCH\nVỀ VIỆC TRIỂN KHAI CHỈ THỊ SỐ 37-CT/TW NGÀY 03/9/2019 CỦA BAN BÍ THƯ VỀ "
        "QUAN HỆ LAO ĐỘNG\n"
        "Thực hiện Nghị định số 61/2018/NĐ-CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển "
        "khai Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư và Nghị định số 61/2018/NĐ-CP "
        "ngày 23/4/2018 của Chính phủ như sau:\n"
        "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n"
    )
    cited = {c.code: c for c in parse_plan(text).citations}
    assert cited["37-CT/TW"].issuer == "Ban Bí thư"  # not the upper-case "BAN BÍ THƯ"
    assert (cited["61/2018/NĐ-CP"].date, cited["61/2018/NĐ-CP"].issuer) == (
        D(2018, 4, 23),
        "Chính phủ",
    )


def test_the_issuer_that_just_issued_the_document():
    c = one("UBND thành phố vừa ban hành Chỉ thị số 02/CT-UBND ngày 12-1-2022 về công tác dân vận.")
    assert (c.issuer, c.date) == ("UBND thành phố", D(2022, 1, 12))


def test_an_issuer_after_a_connective_and_an_issuer_after_the_subject():
    c = one(
        "Trên cơ sở đó, Bộ trưởng Bộ Tư pháp đã ban hành Quyết định số 996/QĐ-BTP ngày 09/6/2023."
    )
    assert (c.issuer, c.date) == ("Bộ trưởng Bộ Tư pháp", D(2023, 6, 9))
    c = one(
        "- 1 Thông tư liên tịch 01/2005/TTLT-BNV hướng dẫn quy trình bầu Trưởng thôn do Ban "
        "Thường trực Ủy ban Trung ương MTTQ Việt Nam và Bộ Nội vụ ban hành"
    )
    assert c.issuer == "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam và Bộ Nội vụ"
