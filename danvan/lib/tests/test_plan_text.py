"""The plan-text parser on the five real plans and on the artefacts of real-world conversions.

The expected values were written by reading each seed: its header as printed, the numbered
documents it cites, its Roman-numeral sections, the tasks a reader would track (numbered and
bulleted items in the sections that assign work, not the purposes or definitions), and the
units the text makes responsible for each ("+" marks a supporting unit).
"""

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from danvan.lib.plan_text import parse_plan

D = dt.date
_HERE = Path(__file__).resolve()
SEEDS = next(
    (
        p
        for p in (_HERE.parents[3].parent / "shared" / "seeds", Path("/work/shared/seeds"))
        if p.is_dir()
    ),
    Path("/work/shared/seeds"),
)
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not here")

TITLE_000 = (
    "Thực hiện Chỉ thị số 11-CT/TU, ngày 08/8/ 2022 của Ban Thường vụ Tỉnh ủy về lãnh đạo, "
    "chỉ đạo đẩy mạnh phong trào thi đua “Dân vận khéo”"
)
SNV, BDV = "Sở Nội vụ", "Ban Dân vận Tỉnh ủy"
SO_UBND = ("Các sở, ngành tỉnh", "UBND các huyện, thị xã, thành phố")

EXPECTED = {
    "000_f3d5ddd7d409ee0c.txt": {
        "header": {"doc_type": "KẾ HOẠCH", "title": TITLE_000},
        "signature": ("T/M", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Phạm Chiên Thắng"),
        "citations": ["11-CT/TU"],
        "legal_bases": ["11-CT/TU"],
        "sections": [
            ("I", "MỤC ĐÍCH, YÊU CẦU", 0),
            ("II", "NỘI DUNG", 19),
            ("III", "XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH “DÂN VẬN KHÉO”", 1),
            ("IV", "TỔ CHỨC THỰC HIỆN", 3),
        ],
        "units": [("các cấp ủy, tổ chức đảng",)] * 6
        + [("Hội đồng nhân dân các cấp",)] * 2
        + [("Các ngành, chính quyền các cấp",)] * 5
        + [("Các cơ quan tư pháp",)] * 2
        + [("lực lượng vũ trang",)] * 2
        + [("Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội")] * 2
        + [("Các cấp ủy đảng, chính quyền", "Mặt trận Tổ quốc", "các đoàn thể")]
        + [("Ban Dân vận Huyện ủy",)]
        + [("Các tổ chức cơ sở đảng",)] * 2,
    },
    "001_8431f30f6f576b05.txt": {
        "header": {
            "doc_type": "KẾ HOẠCH",
            "title": "VỀ VIỆC THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2015 TRÊN ĐỊA BÀN TỈNH",
            "period_start": 2015,
            "period_end": 2015,
        },
        "citations": [
            "1338-QĐ/TU",
            "4021/CTPH/UBND-BDVTU",
            "58-CTr/TU",
            "18/2000/CT-TTg",
            "30c/NQ-CP",
        ],
        "legal_bases": ["1338-QĐ/TU", "4021/CTPH/UBND-BDVTU"],
        "sections": [("I", "MỤC ĐÍCH", 0), ("II", "NHIỆM VỤ", 4), ("III", "TỔ CHỨC THỰC HIỆN", 13)],
        "units": [()] * 4
        + [(SNV, "+" + BDV), (SNV,), (SNV,), (SNV,)]
        + [("Sở Tư pháp",)]
        + [("Thanh tra tỉnh",)] * 2
        + [SO_UBND] * 3
        + [
            (
                "Sở Thông tin và Truyền thông",
                "Báo Gia Lai",
                "Đài Phát thanh và Truyền hình tỉnh",
                "+các cơ quan, đơn vị, địa phương",
            ),
            (BDV, "+UBND tỉnh"),
            (BDV,),
        ],
    },
    "002_2ba95b2ddfc108d4.txt": {
        "header": {
            "doc_type": "KẾ HOẠCH",
            "title": "Về việc triển khai thực hiện công tác dân vận chính quyền năm 2023",
            "period_start": 2023,
            "period_end": 2023,
        },
        "citations": [
            "25-NQ/TW",
            "43-KL/TW",
            "114-KL/TW",
            "33/CT-TTg",
            "26/CT-TTg",
            "1847/QĐ-TTg",
            "76/NQ-CP",
            "268/QĐ-UBND",
            "217-QĐ/TW",
            "218-QĐ/TW",
        ],
        "legal_bases": [],
        "sections": [
            ("I", "MỤC ĐÍCH, YÊU CẦU", 0),
            ("II", "NHIỆM VỤ TRỌNG TÂM VÀ GIẢI PHÁP", 10),
            ("III", "TỔ CHỨC THỰC HIỆN", 3),
        ],
        "units": [()] * 8
        + [("Chủ tịch UBND xã",), ()]
        + [
            ("Công chức Văn phòng – Thống kê xã",),
            (
                "Mặt trận Tổ quốc",
                "các đoàn thể chính trị - xã hội của xã",
                "+các ban ngành liên quan",
            ),
            ("Công chức văn hoá – xã hội", "Đài truyền thanh xã", "+các ban ngành"),
        ],
    },
    "003_b09fbcb0d886315b.txt": {  # a web copy: no header, no sections, numbering lost
        "header": {},
        "citations": ["33/CT-TTg", "07-NQ/TU", "04/CT-UBND"],
        "legal_bases": [],
        "sections": [("", "", 6)],
        "units": [()] * 6,
    },
    "004_a6e8a0086292abe4.txt": {  # a news article quoting the plan's ten tasks
        "header": {},
        "citations": ["22-CT/TU", "05-CT/TW"],
        "legal_bases": [],
        "sections": [("", "", 10)],
        "units": [()] * 5 + [("Lực lượng vũ trang tỉnh",)] + [()] * 4,
    },
}
EMPTY_HEADER = dict.fromkeys(("issuer", "issuer_parent", "number", "symbol", "place", "title"), "")


def units(task) -> tuple[str, ...]:
    return tuple(
        n if r == "lead" else f"+{n}" for n, r in zip(task.responsible, task.roles, strict=True)
    )


def seed(name: str):
    return parse_plan((SEEDS / name).read_text(encoding="utf-8"))


@needs_seeds
def test_the_seeds_are_all_covered():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)


@needs_seeds
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_seed_imports_as_a_careful_reader_would(name):
    expected = EXPECTED[name]
    draft = seed(name)
    header = draft.header.to_dict()
    want = {**EMPTY_HEADER, "doc_type": "", "issued_on": None, **expected["header"]}
    assert {k: header[k] for k in want} == want
    assert [c.code for c in draft.citations] == expected["citations"]
    assert draft.legal_bases == expected["legal_bases"]
    got = [(s.numeral, s.title, len(s.tasks)) for s in draft.sections]
    assert got == expected["sections"]
    assert [units(t) for t in draft.tasks] == expected["units"]
    assert all(t.content and not t.content.startswith(("-", "+")) for t in draft.tasks)
    json.dumps(draft.to_dict(), ensure_ascii=False)  # JSON-safe


@needs_seeds
def test_seed_000_signature_and_recipients_are_not_tasks():
    draft = seed("000_f3d5ddd7d409ee0c.txt")
    h = draft.header
    assert (h.signature_mode, h.signer_position, h.signer_name) == EXPECTED[
        "000_f3d5ddd7d409ee0c.txt"
    ]["signature"]
    assert h.recipients.splitlines() == [
        "Ban Dân vận Tỉnh ủy, (để báo cáo)",
        "Cấp ủy các tổ chức cơ sở Đảng",
        "Lưu văn phòng",
    ]
    assert not any("Lưu văn phòng" in t.content for t in draft.tasks)
    criteria = draft.sections[2].paragraphs
    assert [p.split(":")[0] for p in criteria] == [  # definitions, not tasks
        "1. Tiêu chí xây dựng",
        "2. Tập thể điển hình “Dân vận khéo”",
        "3. Cá nhân điển hình “Dân vận khéo”",
    ]


@needs_seeds
def test_seed_001_deadlines():
    draft = seed("001_8431f30f6f576b05.txt")
    got = [
        (t.deadline.kind, t.deadline.date, t.deadline.recurring) for t in draft.sections[2].tasks
    ]
    none = ("none", None, [])
    assert got == [
        none,
        ("date", D(2015, 12, 31), []),  # "trong 6 tháng cuối năm 2015"
        none,
        none,  # "theo định kỳ 6 tháng, một năm hoặc đột xuất": no date given
        ("date", D(2015, 11, 1), []),  # "trước ngày 01/11/2015" wins over the half-year
        none,
        ("date", D(2015, 11, 1), []),
        none,
        ("date", D(2015, 12, 31), []),
        ("recurring", None, [(10, 6), (1, 11)]),  # "Định kỳ 6 tháng (10/6), một năm (01/11)"
        none,
        none,
        none,
    ]
    assert draft.sections[2].tasks[3].deadline.text == "định kỳ 6 tháng, một năm hoặc đột xuất"
    assert draft.sections[2].tasks[0].group == "1. Sở Nội vụ có trách nhiệm:"
    assert draft.preamble[0].startswith("Thực hiện Quy chế công tác Dân vận")


@needs_seeds
def test_seed_002_bookmark_does_not_hide_section_iii_and_closing_is_no_task():
    draft = seed("002_2ba95b2ddfc108d4.txt")
    assert draft.sections[2].title == "TỔ CHỨC THỰC HIỆN"
    assert draft.sections[2].paragraphs[0].startswith("Trên đây là kế hoạch")
    assert draft.sections[2].tasks[0].content.startswith("Tham mưu, đề xuất UBND xã")


@needs_seeds
def test_seed_003_tasks_after_the_lead_in():
    draft = seed("003_b09fbcb0d886315b.txt")
    section = draft.sections[0]
    assert section.paragraphs[1] == "Các nội dung tập trung thực hiện:"
    assert section.tasks[0].content.startswith("Tổ chức quán triệt nội dung Chỉ thị số 33")
    assert section.tasks[-1].content.endswith("thực hiện tốt nhiệm vụ được giao.")


@needs_seeds
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parsing_a_seed_is_fast(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    parse_plan(text)
    start = time.perf_counter()
    parse_plan(text)
    assert time.perf_counter() - start < 0.5
