"""The citation parser, on the five real plans (/work/shared/seeds) and on the tricky forms.

The expected lists were written by reading each seed: every numbered document it cites, in
order, repeats included, with the date, issuer and subject a reader takes from the sentence.
"""

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from danvan.lib.citations import Citation, find_citations, parse_code

SEEDS = Path("/work/shared/seeds")
D = dt.date

TU = "Ban Thường vụ Tỉnh ủy"
TTG = "Thủ tướng Chính phủ"
BBT = "Ban Bí thư Trung ương Đảng"

EXPECTED = {
    "000_f3d5ddd7d409ee0c.txt": [
        ("Chỉ thị", "11-CT/TU", D(2022, 8, 8), TU,
         "lãnh đạo, chỉ đạo đẩy mạnh phong trào thi đua “Dân vận khéo”"),
    ],
    "001_8431f30f6f576b05.txt": [
        ("Quyết định", "1338-QĐ/TU", D(2010, 5, 31), TU, ""),
        ("Chương trình phối hợp", "4021/CTPH/UBND-BDVTU", D(2013, 11, 19),
         "Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy",
         "thực hiện công tác dân vận của chính quyền giai đoạn 2013-2016"),
        ("Quyết định", "1338-QĐ/TU", D(2010, 5, 31), TU,
         "Quy chế công tác Dân vận của hệ thống chính trị"),
        ("Chương trình", "58-CTr/TU", D(2013, 8, 23), TU, ""),
        ("Chỉ thị", "18/2000/CT-TTg", D(2000, 9, 21), TTG, "tăng cường công tác dân vận"),
        ("Nghị quyết", "30c/NQ-CP", D(2011, 11, 8), "Chính phủ",
         "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020"),
    ],
    "002_2ba95b2ddfc108d4.txt": [
        ("Nghị quyết", "25-NQ/TW", D(2013, 6, 3), "Ban Chấp hành Trung ương Đảng khóa XI",
         "Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình "
         "hình mới"),
        ("Kết luận", "43-KL/TW", D(2019, 1, 7), BBT, ""),
        # "… tiếp tục thực hiện Nghị quyết số 25-NQ/TW;": cited again, bare.
        ("Nghị quyết", "25-NQ/TW", None, "", ""),
        ("Kết luận", "114-KL/TW", D(2015, 7, 14), BBT,
         "nâng cao hiệu quả công tác dân vận của cơ quan Nhà nước các cấp"),
        ("Chỉ thị", "33/CT-TTg", D(2021, 11, 26), TTG,
         "việc tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà "
         "nước, chính quyền các cấp trong tình hình mới"),
        ("Chỉ thị", "26/CT-TTg", D(2016, 9, 5), "",
         "tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp"),
        ("Quyết định", "1847/QĐ-TTg", D(2018, 12, 27), TTG, ""),
        ("Nghị quyết", "76/NQ-CP", D(2021, 7, 15), "Chính phủ", ""),
        ("Quyết định", "268/QĐ-UBND", D(2021, 12, 28), "Ủy ban nhân dân xã",
         "ban hành Kế hoạch CCHC nhà nước giai đoạn 2021 – 2030"),
        # One date and one issuer for two documents.
        ("Quyết định", "217-QĐ/TW", D(2013, 12, 12), "Bộ Chính trị", ""),
        ("Quyết định", "218-QĐ/TW", D(2013, 12, 12), "Bộ Chính trị", ""),
    ],
    "003_b09fbcb0d886315b.txt": [
        ("Chỉ thị", "33/CT-TTg", D(2021, 11, 26), TTG,
         "tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
         "chính quyền các cấp trong tình hình mới"),
        ("Nghị quyết", "07-NQ/TU", D(2021, 12, 24), TU,
         "nâng cao hiệu quả công tác dân vận trong hệ thống chính trị trên địa bàn tỉnh"),
        # Written "04/CT- UBND".
        ("Chỉ thị", "04/CT-UBND", D(2017, 3, 2), "Ủy ban nhân dân tỉnh",
         "việc đẩy mạnh, nâng cao hiệu quả thực hiện Quy chế dân chủ ở cơ sở và công tác dân "
         "vận chính quyền trên địa bàn tỉnh Hòa Bình"),
    ],
    "004_a6e8a0086292abe4.txt": [
        ("Chỉ thị", "22-CT/TU", D(2017, 4, 3), "Ban Thường vụ Tỉnh uỷ",
         "việc đẩy mạnh và nâng cao hiệu quả phong trào thi đua “Dân vận khéo”"),
        # "Chỉ thị 05-CT/TW", without "số" and without a date.
        ("Chỉ thị", "05-CT/TW", None, "Bộ Chính trị khoá XII",
         "Đẩy mạnh học tập làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ],
}  # fmt: skip


def summary(citations: list[Citation]) -> list[tuple]:
    return [(c.doc_type, c.code, c.date, c.issuer, c.title) for c in citations]


def one(text: str) -> Citation:
    citations = find_citations(text)
    assert len(citations) == 1, summary(citations)
    return citations[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_citation_of_each_seed_is_found(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    citations = find_citations(text)
    assert summary(citations) == EXPECTED[name]
    for citation in citations:
        assert text[citation.start : citation.end] == citation.raw
        assert citation.raw.startswith(citation.doc_type)


def test_the_seeds_are_all_covered():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)


def test_a_party_directive_with_comma_date_and_issuer():
    citation = one("Thực hiện Chỉ thị số 11-CT/TU, ngày 08/8/2022 của Ban Thường vụ Tỉnh ủy.")
    assert citation.doc_type == "Chỉ thị"
    assert (citation.number, citation.symbol, citation.code) == ("11", "CT/TU", "11-CT/TU")
    assert citation.date == D(2022, 8, 8)
    assert citation.issuer == "Ban Thường vụ Tỉnh ủy"
    assert citation.title == ""
    assert citation.raw == "Chỉ thị số 11-CT/TU, ngày 08/8/2022 của Ban Thường vụ Tỉnh ủy"


def test_a_government_resolution_with_a_letter_in_its_number():
    citation = one(
        "Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ về Chương trình tổng thể."
    )
    assert (citation.number, citation.symbol, citation.code) == ("30c", "NQ-CP", "30c/NQ-CP")
    assert citation.date == D(2011, 11, 8)
    assert citation.issuer == "Chính phủ"
    assert citation.title == "Chương trình tổng thể"


def test_two_documents_share_one_date_and_issuer():
    text = (
        "theo Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12 tháng 12 năm 2013 "
        "của Bộ Chính trị ban hành quy chế"
    )
    first, second = find_citations(text)
    assert (first.code, first.date, first.issuer) == ("217-QĐ/TW", D(2013, 12, 12), "Bộ Chính trị")
    assert (second.code, second.date, second.issuer) == (
        "218-QĐ/TW",
        D(2013, 12, 12),
        "Bộ Chính trị",
    )
    assert first.raw == "Quyết định số 217-QĐ/TW"


def test_a_dated_document_keeps_its_own_date_in_a_list():
    text = "Chỉ thị số 1-CT/TU ngày 02/01/2020 và Chỉ thị số 2-CT/TU ngày 03/02/2021 của Tỉnh ủy"
    first, second = find_citations(text)
    assert (first.date, first.issuer) == (D(2020, 1, 2), "")
    assert (second.date, second.issuer) == (D(2021, 2, 3), "Tỉnh ủy")


def test_a_space_inside_the_symbol():
    citation = one("Chỉ thị số 04/CT- UBND ngày 02/3/2017 của Ủy ban nhân dân tỉnh")
    assert (citation.number, citation.symbol, citation.code) == ("04", "CT-UBND", "04/CT-UBND")
    assert citation.raw.startswith("Chỉ thị số 04/CT- UBND")


@pytest.mark.parametrize(
    ("text", "doc_type", "number", "symbol", "issuer"),
    [
        (
            "căn cứ Chương trình phối hợp số 4021/CTPH/UBND-BDVTU ngày 19/11/2013 của Ủy ban "
            "nhân dân tỉnh và Ban Dân vận Tỉnh ủy về thực hiện công tác dân vận",
            "Chương trình phối hợp",
            "4021",
            "CTPH/UBND-BDVTU",
            "Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy",
        ),
        (
            "Kế hoạch số 1573-KH/BDVTW-BCSĐCP ngày 20/4/2022 của Ban Dân vận Trung ương và "
            "Ban cán sự đảng Chính phủ về công tác dân vận",
            "Kế hoạch",
            "1573",
            "KH/BDVTW-BCSĐCP",
            "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ",
        ),
    ],
)
def test_joint_symbols_and_joint_issuers(text, doc_type, number, symbol, issuer):
    citation = one(text)
    assert (citation.doc_type, citation.number, citation.symbol) == (doc_type, number, symbol)
    assert citation.issuer == issuer
    assert citation.title.startswith(("thực hiện", "công tác"))


@pytest.mark.parametrize(
    "written",
    ["08/8/2022", "08/8/ 2022", "8/8/2022", "08.8.2022", "08-8-2022", "08 tháng 8 năm 2022",
     "8 tháng 8, năm 2022", "08 /8 /2022"],
)  # fmt: skip
def test_dates_as_plans_write_them(written):
    assert one(f"Chỉ thị số 11-CT/TU ngày {written} của Tỉnh ủy").date == D(2022, 8, 8)


def test_an_impossible_date_gives_no_date_but_the_rest_is_read():
    citation = one("Quyết định số 5/QĐ-UBND ngày 31/02/2020 của UBND tỉnh về việc khen thưởng")
    assert citation.date is None
    assert citation.issuer == "UBND tỉnh"
    assert citation.title == "việc khen thưởng"


def test_line_breaks_anywhere():
    text = (
        "Thực hiện Chỉ\nthị số\n11-CT/\nTU, ngày\n08/8/\n2022 của Ban Thường\nvụ Tỉnh ủy về "
        "lãnh đạo,\nchỉ đạo phong trào.\nĐồng thời"
    )
    citation = one(text)
    assert citation.code == "11-CT/TU"
    assert citation.date == D(2022, 8, 8)
    assert citation.issuer == "Ban Thường vụ Tỉnh ủy"
    assert citation.title == "lãnh đạo, chỉ đạo phong trào"
    assert text[citation.start : citation.end] == citation.raw
    assert citation.raw.startswith("Chỉ\nthị số\n11-CT/\nTU")


def test_a_line_break_before_a_separator_too():
    citation = one("Chương trình phối hợp số 4021/CTPH/UBND\n-BDVTU ngày 19/11/2013")
    assert citation.code == "4021/CTPH/UBND-BDVTU"


def test_a_new_item_on_the_next_line_ends_the_issuer_and_title():
    text = "Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư\n- Sở Nội vụ chủ trì"
    assert one(text).issuer == "Ban Bí thư"
    text = "Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015 về công tác dân vận\n\nII. NHIỆM VỤ"
    assert one(text).title == "công tác dân vận"


def test_bookmark_artefacts_are_ignored():
    text = "Thực hiện Chỉ thị số [bookmark: _GoBack]11-CT/[bookmark: x1]TU ngày 08/8/2022 của Ban"
    citation = one(text)
    assert citation.code == "11-CT/TU"
    assert citation.date == D(2022, 8, 8)
    assert (
        citation.raw
        == "Chỉ thị số [bookmark: _GoBack]11-CT/[bookmark: x1]TU ngày 08/8/2022 của Ban"
    )


def test_decomposed_unicode_reads_the_same_and_offsets_stay_in_the_given_text():
    composed = "Căn cứ Quyết định số 1338-QĐ/TU ngày 31/5/2010 của Ban Thường vụ Tỉnh ủy."
    decomposed = unicodedata.normalize("NFD", composed)
    citation = one(decomposed)
    assert (citation.doc_type, citation.code, citation.issuer) == (
        "Quyết định",
        "1338-QĐ/TU",
        "Ban Thường vụ Tỉnh ủy",
    )
    assert decomposed[citation.start : citation.end] == citation.raw
    assert unicodedata.normalize("NFC", citation.raw).endswith("Tỉnh ủy")


@pytest.mark.parametrize(
    ("text", "issuer", "title"),
    [
        ("Chỉ thị số 1-CT/TW của Bộ Chính trị, căn cứ tình hình", "Bộ Chính trị", ""),
        ("Nghị quyết số 76/NQ-CP của Chính phủ ban hành chương trình", "Chính phủ", ""),
        ("Chương trình số 58-CTr/TU của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết", TU, ""),
        ("Kết luận số 43-KL/TW của Ban Bí thư Trung ương Đảng tiếp tục thực hiện", BBT, ""),
        ("Quyết định số 2/QĐ-UBND của Sở Kế hoạch và Đầu tư.", "Sở Kế hoạch và Đầu tư", ""),
        ("Quyết định số 3/QĐ-BNV của Bộ Lao động - Thương binh và Xã hội về việc X",
         "Bộ Lao động - Thương binh và Xã hội", "việc X"),
        ("Chỉ thị số 05-CT/TW của Bộ Chính trị khoá XII và các chủ trương", "Bộ Chính trị khoá XII",
         ""),
        ("Nghị quyết số 1-NQ/TW của Bộ Chính trị và Kết luận số 2-KL/TW", "Bộ Chính trị", ""),
        ("Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI) về X",
         "Ban Chấp hành Trung ương Đảng (khóa XI)", "X"),
        ("Chỉ thị số 1-CT/TU của Tỉnh ủy (sau đây gọi là Chỉ thị 1) về X", "Tỉnh ủy", ""),
        ("Quyết định số 9/QĐ-UBND của tỉnh về việc Y", "tỉnh", "việc Y"),
        ("Quyết định số 9/QĐ-UBND của các sở về việc Y", "", ""),
        ("Quyết định số 9/QĐ-UBND của UBND TP. Huế về việc Y", "UBND TP. Huế", "việc Y"),
    ],
)  # fmt: skip
def test_where_an_issuer_ends(text, issuer, title):
    citation = find_citations(text)[0]
    assert (citation.issuer, citation.title) == (issuer, title)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chỉ thị số 1-CT/TU về việc A, B; Kết luận", "việc A, B"),
        ("Chỉ thị số 1-CT/TU về việc A (sau đây gọi là Chỉ thị)", "việc A"),
        ("Chỉ thị số 1-CT/TU về tăng cường A và các Chỉ thị, Nghị quyết của Đảng", "tăng cường A"),
        ("Chỉ thị số 1-CT/TU về Quy chế A, Chương trình số 58-CTr/TU", "Quy chế A"),
        ("Chỉ thị số 1-CT/TU về A và Đề án Văn hóa công vụ", "A"),
        ("Chỉ thị số 1-CT/TU về việc A, các kết luận, chỉ thị của Tỉnh ủy", "việc A"),
        ("Chỉ thị số 1-CT/TU về xây dựng chương trình, kế hoạch công tác.", "xây dựng chương "
         "trình, kế hoạch công tác"),
        ("Chỉ thị số 1-CT/TU về “Tăng cường và đổi mới A\"; Kết luận", "Tăng cường và đổi mới A"),
        ("Chỉ thị số 1-CT/TU về “A, B” và các chủ trương của Đảng", "A, B"),
        ("Chỉ thị số 1-CT/TU về phong trào “Dân vận khéo”, gắn với việc học tập",
         "phong trào “Dân vận khéo”"),
        ("Chỉ thị số 1-CT/TU về phong trào “Dân vận khéo” trong tình hình mới.",
         "phong trào “Dân vận khéo” trong tình hình mới"),
        ("Chỉ thị số 1-CT/TU về công tác dân vận./.", "công tác dân vận"),
        ("Chỉ thị số 1-CT/TU về", ""),
    ],
)  # fmt: skip
def test_where_a_title_ends(text, title):
    assert find_citations(text)[0].title == title


def test_the_type_in_any_case_and_without_so():
    assert [(c.doc_type, c.code) for c in find_citations(
        "theo quyết định số 12/QĐ-UBND; QUYẾT ĐỊNH SỐ 13/QĐ-UBND; Chỉ thị 05-CT/TW; "
        "Luật số 104/2016/QH13; Thông tư liên tịch số 01/2016/TTLT-BNV-BTC"
    )] == [
        ("Quyết định", "12/QĐ-UBND"),
        ("Quyết định", "13/QĐ-UBND"),
        ("Chỉ thị", "05-CT/TW"),
        ("Luật", "104/2016/QH13"),
        ("Thông tư liên tịch", "01/2016/TTLT-BNV-BTC"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Quán triệt các chỉ thị, nghị quyết, kết luận của Trung ương về công tác dân vận.",
        "Thực hiện Nghị quyết Hội nghị Trung ương 7 khóa XI và Luật Tiếp cận thông tin.",
        "Kế hoạch 2021-2025 giai đoạn 2021 - 2025, ngày 08/8/2022, số 45/KH-UBND.",
        "Số: 45/KH-UBND\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2023",
        "KẾ HOẠCH\nSố: 45/KH-UBND",
        "Chỉ thị số 12/2020 của Tỉnh ủy",
    ],
)
def test_text_with_no_citation(text):
    assert find_citations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "XChỉ thị số 11-CT/TU",
        "Chỉ thị số 11-CT/TUabc ngày 08/8/2022",
        "Chỉ thị số 11-CTxyz/TU",
        "Nghị quyết số 1a2/NQ-CP",
        "Quyết_định số 12/QĐ-UBND",
    ],
)
def test_a_citation_inside_a_longer_word_does_not_match(text):
    assert find_citations(text) == []


def test_citations_are_json_ready():
    citation = one("Chỉ thị số 11-CT/TU ngày 08/8/2022 của Tỉnh ủy về X.")
    data = json.loads(json.dumps(citation.to_dict()))
    assert data["code"] == "11-CT/TU"
    assert data["date"] == "2022-08-08"
    assert data["title"] == "X"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11-CT/TU", ("11", "CT/TU", "11-CT/TU")),
        ("Số: 45/KH-UBND", ("45", "KH-UBND", "45/KH-UBND")),
        (" 04/CT- UBND ", ("04", "CT-UBND", "04/CT-UBND")),
        ("4021/CTPH/UBND\n-BDVTU", ("4021", "CTPH/UBND-BDVTU", "4021/CTPH/UBND-BDVTU")),
        ("18/2000/CT-TTg", ("18", "2000/CT-TTg", "18/2000/CT-TTg")),
        ("11-CT/TU về", None),
        ("CT/TU", None),
        ("2021-2025", None),
        ("", None),
    ],
)
def test_parse_code(text, expected):
    assert parse_code(text) == expected
