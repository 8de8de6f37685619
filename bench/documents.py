"""Rendering a 20-page official document to DOCX: seconds per document and pages per second.

    .venv/bin/python bench/documents.py [--repeat 15] [--format state|party]

The document — a provincial plan (kế hoạch) with eight parts of numbered tasks, lettered and
dashed sub-tasks, 191 paragraphs, about 10,700 words — is built from the dataclasses of
``danvan/documents/structure.py`` and rendered by ``render_docx`` in the state (ND30) or the
Party format. Its page count comes from LibreOffice (DOCX → PDF) when ``soffice`` is installed,
otherwise it is estimated from the length of the text, and the output says which.

Baseline: python-docx writing the same paragraphs as plain text — no fonts, margins, header
table, numbering or signature block. The ratio is what the official formatting costs over the
least any DOCX writer has to do. No database is used.
"""

import argparse
import datetime as dt
import os
import re
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite:///:memory:"  # rendering needs settings, not a database

from bench import common  # noqa: E402

DEFAULT_REPEAT = 15
PARTS = 8  # 8 parts of 4 tasks: 20 A4 pages in either format through LibreOffice
TASKS_PER_PART = 4
# Characters per A4 page of this layout (14 pt Times New Roman, 165 mm wide, single spacing,
# 6 pt between paragraphs), measured through LibreOffice; used when it is not installed.
CHARS_PER_PAGE = 2_450

SENTENCES = (
    "Tiếp tục đổi mới nội dung, phương thức công tác dân vận của chính quyền các cấp, gắn với "
    "cải cách hành chính và nâng cao chất lượng phục vụ Nhân dân, doanh nghiệp.",
    "Phát huy quyền làm chủ của Nhân dân theo phương châm dân biết, dân bàn, dân làm, dân kiểm "
    "tra, dân giám sát, dân thụ hưởng.",
    "Các cơ quan, đơn vị chủ động nắm bắt tình hình, tâm tư, nguyện vọng của Nhân dân; giải "
    "quyết kịp thời, dứt điểm các kiến nghị chính đáng ngay từ cơ sở.",
    "Đẩy mạnh phong trào thi đua “Dân vận khéo”, phát hiện, bồi dưỡng và nhân rộng các mô hình, "
    "điển hình tiêu biểu trên các lĩnh vực kinh tế, văn hóa, xã hội, quốc phòng, an ninh.",
    "Tăng cường phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội "
    "trong tuyên truyền, vận động Nhân dân thực hiện chủ trương, chính sách, pháp luật.",
    "Thực hiện nghiêm quy chế dân chủ ở cơ sở; công khai, minh bạch các thủ tục hành chính, "
    "thời gian giải quyết và trách nhiệm của cán bộ, công chức.",
    "Định kỳ sáu tháng, một năm báo cáo kết quả thực hiện về Ban Dân vận Tỉnh ủy và Ủy ban nhân "
    "dân tỉnh (qua Sở Nội vụ) để tổng hợp, theo dõi.",
)
PART_TITLES = (
    "MỤC ĐÍCH, YÊU CẦU",
    "NỘI DUNG TRỌNG TÂM",
    "CÔNG TÁC DÂN VẬN CỦA CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC",
    "CÔNG TÁC DÂN VẬN TRONG LỰC LƯỢNG VŨ TRANG",
    "PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”",
    "CÔNG TÁC PHỐI HỢP",
    "KINH PHÍ THỰC HIỆN",
    "TỔ CHỨC THỰC HIỆN",
)


def _text(seed: int, sentences: int) -> str:
    return " ".join(SENTENCES[(seed + k) % len(SENTENCES)] for k in range(sentences))


def build_document(parts: int = PARTS, tasks: int = TASKS_PER_PART):
    """A state plan of ``parts`` parts, each with numbered tasks, letters and dashes."""
    from danvan.documents.structure import (
        Authority,
        Document,
        Item,
        Marker,
        Paragraph,
        Section,
        Signature,
        SigningFor,
    )

    def task(p: int, t: int) -> Item:
        seed = p * 7 + t
        return Item(
            title=f"Nhiệm vụ trọng tâm {t} của phần {p}",
            text=_text(seed, 3),
            children=(
                Item(text=_text(seed + 1, 2), marker=Marker.LETTER),
                Item(
                    text=_text(seed + 2, 1),
                    marker=Marker.LETTER,
                    children=(
                        Item(text=_text(seed + 3, 2), marker=Marker.DASH),
                        Item(text=_text(seed + 4, 1), marker=Marker.DASH),
                    ),
                ),
            ),
        )

    sections = tuple(
        Section(
            PART_TITLES[(p - 1) % len(PART_TITLES)],
            (Paragraph(_text(p, 2)),) + tuple(task(p, t) for t in range(1, tasks + 1)),
        )
        for p in range(1, parts + 1)
    )
    return Document(
        issuer="Ủy ban nhân dân\nTỉnh Quảng Trị",
        number="125",
        symbol="KH-UBND",
        place="Quảng Trị",
        issued_on=dt.date(2026, 3, 2),
        doc_type="Kế hoạch",
        summary="Thực hiện công tác dân vận chính quyền năm 2026",
        preamble=(Paragraph(_text(0, 3)),),
        sections=sections,
        closing=(Paragraph(_text(5, 2)),),
        signature=Signature(
            position="Phó Chủ tịch",
            name="Hoàng Nam",
            on_behalf=(
                SigningFor(Authority.ON_BEHALF, "Ủy ban nhân dân"),
                SigningFor(Authority.DEPUTY, "Chủ tịch"),
            ),
        ),
        recipients=(
            "Ban Dân vận Trung ương",
            "Thường trực Tỉnh ủy",
            "Các sở, ban, ngành",
            "Lưu: VT",
        ),
    )


def plain_lines(document) -> list[str]:
    """Every line of text the rendered document holds, labels included, in reading order."""
    from danvan.documents.structure import Item, Paragraph

    lines = [document.parent_issuer, document.issuer, f"Số: {document.number}/{document.symbol}"]
    lines += [document.place, document.doc_type, document.summary]
    lines += [p.text for p in document.preamble]

    def blocks(items, depth: int) -> None:
        for block in items:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Item):
                lines.append(f"{block.title} {block.text}".strip())
                blocks(block.children, depth + 1)

    for section in document.sections:
        lines.append(section.title)
        blocks(section.blocks, 1)
    lines += [p.text for p in document.closing]
    lines += list(document.recipients)
    signature = document.signature
    lines += [s.title for s in signature.on_behalf] + [signature.position, signature.name]
    return [line for line in lines if line]


def render_plain(lines: list[str]) -> bytes:
    """The baseline: the same paragraphs through python-docx, no formatting at all."""
    import docx

    output = docx.Document()
    for line in lines:
        output.add_paragraph(line)
    buffer = BytesIO()
    output.save(buffer)
    return buffer.getvalue()


def count_pages(docx_bytes: bytes, characters: int) -> tuple[int, str, float | None]:
    """(pages, how they were counted, seconds LibreOffice took or None)."""
    from danvan.documents.rendering import find_soffice, render_pdf

    if find_soffice() is None:
        pages = max(1, round(characters / CHARS_PER_PAGE))
        return pages, f"estimated at {CHARS_PER_PAGE:,} characters a page (no LibreOffice)", None
    started = time.perf_counter()
    pdf = render_pdf(docx_bytes)
    seconds = time.perf_counter() - started
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    return pages, "counted in the PDF LibreOffice made of it", seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="documents per way")
    parser.add_argument("--format", default="state", choices=["state", "party"])
    parser.add_argument("--parts", type=int, default=PARTS, help="parts of the plan (size)")
    args = parser.parse_args(argv)

    common.setup()
    from danvan.documents.rendering import render_docx

    document = build_document(args.parts)
    lines = plain_lines(document)
    characters = sum(len(line) for line in lines)
    words = sum(len(line.split()) for line in lines)

    ours, plain = common.measure_pair(
        lambda: render_docx(document, args.format),
        lambda: render_plain(lines),
        repeat=args.repeat,
    )
    pages, how, pdf_seconds = count_pages(ours.result, characters)

    for line in common.machine_info()[:2]:
        print(line)
    print(
        f"document: {args.format} format, {len(lines)} paragraphs, {words:,} words, "
        f"{characters:,} characters; {pages} pages, {how}"
    )
    print(f"runs: {args.repeat} of each, alternating, after one warm-up; medians\n")
    table = common.Table(["rendering", "s / document", "pages / s", "DOCX KiB", "ratio"])
    for label, timing in (
        ("render_docx (official format)", ours),
        ("python-docx, plain paragraphs (baseline)", plain),
    ):
        seconds = timing.median_ms / 1000
        table.add(
            label,
            f"{seconds:.3f}",
            f"{pages / seconds:,.0f}",
            f"{len(timing.result) / 1024:.0f}",
            f"{timing.median_ms / plain.median_ms:.2f}×",
        )
    print(table.render())
    if pdf_seconds is not None:
        print(f"\nDOCX → PDF through LibreOffice (once, cold start included): {pdf_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
