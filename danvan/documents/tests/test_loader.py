"""The JSON loader: the seed samples load and render; bad data is refused with its field."""

import copy
import json
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest

from danvan.core.errors import ValidationFailed
from danvan.documents.loader import document_from_dict, load_document, load_json
from danvan.documents.rendering import render_docx
from danvan.documents.structure import Authority, DocumentFormat, Item, Marker, Paragraph

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def texts(data: bytes) -> list[str]:
    rendered = docx.Document(BytesIO(data))
    cells = [p.text for t in rendered.tables for c in t._cells for p in c.paragraphs]
    return [p.text for p in rendered.paragraphs] + cells


def test_state_sample_loads_and_renders():
    loaded = load_json(SAMPLES / "seed_001_state_plan.json")
    assert loaded.format is DocumentFormat.STATE
    assert "plausible" in loaded.note
    document = loaded.document
    assert [s.title for s in document.sections] == ["MỤC ĐÍCH", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"]
    assert len(document.sections[0].blocks) == 4
    first_task = document.sections[2].blocks[0]
    assert first_task.title == "Sở Nội vụ có trách nhiệm:"
    assert [c.marker for c in first_task.children] == [Marker.DASH] * 4
    assert document.signature.on_behalf[1].authority is Authority.DEPUTY
    rendered = texts(render_docx(document, loaded.format))
    assert "KẾ HOẠCH" in rendered
    assert "1. Sở Nội vụ có trách nhiệm:" in rendered
    assert "6. Đề nghị Ban Dân vận Tỉnh ủy:" in rendered
    assert any(t.startswith("Gia Lai, ngày 16 tháng 3 năm 2015") for t in rendered)


def test_party_sample_loads_and_renders():
    loaded = load_json(SAMPLES / "seed_000_party_plan.json")
    assert loaded.format is DocumentFormat.PARTY
    document = loaded.document
    assert len(document.sections) == 4
    state_bodies = document.sections[1].blocks[1]
    assert [child.title for child in state_bodies.children] == [
        "Hội đồng nhân dân các cấp",
        "Các ngành, chính quyền các cấp",
        "Các cơ quan tư pháp",
    ]
    front = document.sections[1].blocks[3]
    assert all(isinstance(child, Paragraph) for child in front.children)
    assert document.signature.name == "Phạm Chiên Thắng"
    rendered = texts(render_docx(document, loaded.format))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in rendered
    assert "T/M BAN THƯỜNG VỤ" in rendered
    assert "2.3. Các cơ quan tư pháp" in rendered
    assert "- Ban Dân vận Tỉnh ủy, (để báo cáo)," in rendered


def unzip(data: bytes) -> dict[str, bytes]:
    """Entry contents, not compressed bytes: zlib versions compress differently."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_committed_sample_docx_files_are_current():
    # docs/samples/render_samples.py writes them; a stale file means it was not re-run.
    for name in ("seed_001_state_plan", "seed_000_party_plan"):
        loaded = load_json(SAMPLES / f"{name}.json")
        expected = unzip(render_docx(loaded.document, loaded.format))
        assert unzip((SAMPLES / f"{name}.docx").read_bytes()) == expected, name


def minimal() -> dict:
    return {
        "issuer": "UBND xã A",
        "symbol": "KH-UBND",
        "place": "A",
        "summary": "Kế hoạch",
        "sections": [{"title": "MỤC ĐÍCH", "blocks": ["Đoạn văn.", {"text": "Mục."}]}],
        "signature": {"position": "Chủ tịch", "name": "Nguyễn Văn B"},
    }


def test_minimal_document_gets_defaults():
    document = document_from_dict(minimal())
    assert document.number == "" and document.issued_on is None
    assert document.sections[0].blocks == (Paragraph("Đoạn văn."), Item(text="Mục."))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("issuer"), "issuer"),
        (lambda d: d.update(issuer="   "), "issuer"),
        (lambda d: d.update(summary=12), "summary"),
        (lambda d: d.update(issued_on="06/4/2020"), "issued_on"),
        (lambda d: d.update(colour="red"), "document"),
        (
            lambda d: d["sections"][0]["blocks"].append({"text": "x", "marker": "star"}),
            "sections[0].blocks[2].marker",
        ),
        (lambda d: d["sections"][0]["blocks"].append({"txt": "x"}), "sections[0].blocks[2]"),
        (lambda d: d["sections"][0]["blocks"].append({}), "sections[0].blocks[2]"),
        (lambda d: d["sections"][0]["blocks"].append(7), "sections[0].blocks[2]"),
        (lambda d: d["sections"].append({"blocks": []}), "sections[1].title"),
        (lambda d: d.update(recipients="Lưu: VT"), "recipients"),
        (lambda d: d.pop("signature"), "signature"),
        (lambda d: d["signature"].update(on_behalf=[["XX", "UBND"]]), "signature.on_behalf[0]"),
        (lambda d: d["signature"].update(on_behalf=["TM"]), "signature.on_behalf[0]"),
    ],
)
def test_bad_data_is_refused_naming_the_field(change, field):
    data = copy.deepcopy(minimal())
    change(data)
    with pytest.raises(ValidationFailed) as raised:
        document_from_dict(data)
    assert raised.value.field == field
    assert str(raised.value.message)


def test_too_deep_nesting_is_refused():
    item = {"text": "x"}
    for _ in range(10):
        item = {"text": "x", "children": [item]}
    data = minimal()
    data["sections"][0]["blocks"] = [item]
    with pytest.raises(ValidationFailed, match="lồng nhau quá nhiều cấp"):
        document_from_dict(data)


def test_sample_envelope_is_checked():
    with pytest.raises(ValidationFailed) as raised:
        load_document({"format": "memo", "document": minimal()})
    assert raised.value.field == "format"
    with pytest.raises(ValidationFailed, match="không phải là JSON hợp lệ"):
        load_json("{not json")
    with pytest.raises(ValidationFailed):
        load_document([])
