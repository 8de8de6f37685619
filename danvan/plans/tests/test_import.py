"""Importing an existing plan: reading uploads (.docx with its tables and numbering, .txt in the
encodings Vietnamese offices use) and matching the responsible units to the tree."""

import io
import unicodedata
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ValidationFailed
from danvan.lib.plan_text import parse_plan
from danvan.plans import importer
from danvan.units.tests.factories import OrgUnitFactory, unit_type

PLAN_TEXT = (
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH QUẢNG TRỊ | Độc lập - Tự do - Hạnh phúc\n"
    "Số: 45/KH-UBND | Quảng Trị, ngày 10 tháng 3 năm 2024\n\n"
    "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ có trách nhiệm:\n"
    "- Tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2024.\n"
)


def cp1258(text: str) -> bytes:
    """Windows' Vietnamese code page: letters with their tone mark as a separate character."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refused(file) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        importer.read_upload(file)
    return caught.value


def make_docx() -> bytes:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = "ỦY BAN NHÂN DÂN"
    left.add_paragraph("TỈNH QUẢNG TRỊ")
    left.add_paragraph("Số: 45/KH-UBND")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("Quảng Trị, ngày 10 tháng 3 năm 2024")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện công tác dân vận chính quyền năm 2024")
    document.add_paragraph("")
    document.add_paragraph("II. NỘI DUNG")
    document.add_paragraph("Tổ chức quán triệt kế hoạch đến cán bộ, công chức.", "List Number")
    document.add_paragraph(
        "Sở Tư pháp chủ trì, phối hợp với Thanh tra tỉnh kiểm tra.", "List Number"
    )
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Sở Nội vụ có trách nhiệm:")
    document.add_paragraph("Tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2024.", "List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- reading ---------------------------------------------------------------------------------


def test_a_docx_with_its_header_table_and_automatic_numbering():
    text = importer.read_upload(upload("ke-hoach.docx", make_docx()))
    assert "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    draft = parse_plan(text)
    h = draft.header
    assert (h.issuer, h.number, h.symbol, h.place) == (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
        "45",
        "KH-UBND",
        "Quảng Trị",
    )
    assert h.title == "Thực hiện công tác dân vận chính quyền năm 2024"
    assert [t.label for t in draft.sections[0].tasks] == ["1.", "2."]  # Word's numbering
    second = draft.sections[0].tasks[1]
    assert list(zip(second.responsible, second.roles, strict=True)) == [
        ("Sở Tư pháp", "lead"),
        ("Thanh tra tỉnh", "support"),
    ]
    last = draft.sections[1].tasks[0]
    assert (last.responsible, str(last.deadline.date)) == (["Sở Nội vụ"], "2024-12-15")


def test_a_corrupt_or_truncated_docx_is_refused_clearly():
    good = make_docx()
    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "not a Word file")
    broken_xml = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken_xml, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(
                item, b"<w:document><oops" if item.filename == "word/document.xml" else data
            )
    for data in (
        b"garbage" * 100,
        good[: len(good) // 2],
        empty_zip.getvalue(),
        broken_xml.getvalue(),
    ):
        error = refused(upload("ke-hoach.docx", data))
        assert error.code == "unreadable_file"
        assert "damaged or is not a Word document" in str(error.message)


def test_a_binary_disguised_as_txt_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    noise = bytes((i * 37 + 11) % 256 for i in range(5000))
    assert "looks like an image" in str(refused(upload("plan.txt", png)).message)
    assert "not readable text" in str(refused(upload("plan.txt", noise)).message)
    renamed = refused(upload("plan.txt", make_docx()))
    assert "Word (.docx)" in str(renamed.message)


@pytest.mark.parametrize(
    "encoded",
    [
        PLAN_TEXT.encode("utf-8"),
        PLAN_TEXT.encode("utf-8-sig"),
        PLAN_TEXT.encode("utf-16"),  # with its byte-order mark
        PLAN_TEXT.encode("utf-16-le"),  # without
        cp1258(PLAN_TEXT),
    ],
)
def test_text_files_in_the_encodings_offices_use(encoded):
    text = importer.read_upload(upload("ke-hoach.txt", encoded))
    draft = parse_plan(text)
    assert draft.header.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
    assert draft.tasks[0].responsible == ["Sở Nội vụ"]


def test_size_type_and_emptiness_are_checked():
    big = upload("plan.txt", b"a" * (importer.MAX_UPLOAD_BYTES + 1))
    assert refused(big).code == "file_too_large"
    assert refused(upload("plan.pdf", b"%PDF-1.4")).code == "unsupported_file"
    assert ".docx" in str(refused(upload("plan.doc", b"\xd0\xcf\x11\xe0")).message)
    assert refused(upload("plan.txt", b"  \n ")).code == "empty_file"


def test_an_open_file_reads_like_an_upload(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    with path.open("rb") as handle:
        assert importer.read_upload(handle) == PLAN_TEXT


# --- matching --------------------------------------------------------------------------------


@pytest.fixture
def agencies(cast):
    tree = cast.tree

    def agency(name, parent, code="agency", **kwargs):
        return OrgUnitFactory(name=name, parent=parent, unit_type=unit_type(code), **kwargs)

    return {
        "snv": agency("Sở Nội vụ tỉnh Quảng Trị", tree.province, "home_affairs"),
        "tt": agency("Thanh tra tỉnh Quảng Trị", tree.province, "inspectorate"),
        "bdv": agency("Ban Dân vận Tỉnh ủy Quảng Trị", tree.province, "mass_mobilisation"),
        "mttq_a": agency("UB MTTQ Việt Nam xã Trường Sơn", tree.commune_a, "fatherland_front"),
        "ubnd_b": agency("UBND xã Kim Phú", tree.commune_b, "people_committee"),
        "snv_other": agency("Sở Nội vụ tỉnh Bắc Ninh", tree.other_province, "home_affairs"),
        "old": agency(
            "Sở Tư pháp tỉnh Quảng Trị",
            tree.province,
            "justice",
            valid_to="2020-01-01",
        ),
    }


def test_names_match_units_of_the_issuers_territory(cast, agencies, django_assert_num_queries):
    names = [
        "Sở Nội vụ",
        "Thanh tra tỉnh",
        "Ban Dân vận Tỉnh ủy",
        "Ủy ban nhân dân tỉnh",
        "các sở, ban, ngành",
        "UBND các huyện, thị xã, thành phố",
        "Hội đồng nhân dân các cấp",
        "Sở Tư pháp",  # only a unit that no longer exists
        "UBND xã",  # two communes: ambiguous at province level
    ]
    with django_assert_num_queries(2):
        found = importer.match_units(names, cast.tree.ubnd_province)
    assert found == {
        "Sở Nội vụ": agencies["snv"],
        "Thanh tra tỉnh": agencies["tt"],
        "Ban Dân vận Tỉnh ủy": agencies["bdv"],
        "Ủy ban nhân dân tỉnh": cast.tree.ubnd_province,
        "các sở, ban, ngành": None,
        "UBND các huyện, thị xã, thành phố": None,
        "Hội đồng nhân dân các cấp": None,
        "Sở Tư pháp": None,
        "UBND xã": None,
    }
    assert importer.match_ids(found) == {
        "Sở Nội vụ": agencies["snv"].pk,
        "Thanh tra tỉnh": agencies["tt"].pk,
        "Ban Dân vận Tỉnh ủy": agencies["bdv"].pk,
        "Ủy ban nhân dân tỉnh": cast.tree.ubnd_province.pk,
    }


def test_a_commune_plan_matches_its_own_agencies(cast, agencies):
    found = importer.match_units(
        ["Ủy ban nhân dân xã", "Mặt trận Tổ quốc", "Chủ tịch UBND xã", "Sở Nội vụ"],
        cast.tree.ubnd_a,
    )
    assert found == {
        "Ủy ban nhân dân xã": cast.tree.ubnd_a,
        "Mặt trận Tổ quốc": agencies["mttq_a"],
        "Chủ tịch UBND xã": cast.tree.ubnd_a,
        "Sở Nội vụ": None,  # a province's department is outside a commune's territory
    }


def test_propose_gives_the_draft_and_its_matches(cast, agencies):
    draft, data = importer.propose(PLAN_TEXT, within=cast.tree.province)
    assert data["header"]["symbol"] == "KH-UBND"
    assert data["unit_matches"] == {
        "Sở Nội vụ": {"id": agencies["snv"].pk, "name": "Sở Nội vụ tỉnh Quảng Trị"}
    }
    assert draft.unit_names() == ["Sở Nội vụ"]
    assert "unit_matches" not in importer.propose(PLAN_TEXT)[1]
